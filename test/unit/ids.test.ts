import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createUuidv7, isUuidv7, uuidv7, uuidv7Bytes, uuidv7Time } from '../../service/ids';

describe('time-ordered ids (UUIDv7)', () => {
  it('are lowercase 8-4-4-4-12 UUIDs with version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuidv7(id)).toBe(true);
    }
    // the version-4 ids already stored are still ids, just not time-ordered ones
    expect(isUuidv7(randomUUID())).toBe(false);
  });

  it('carry the time in milliseconds in their first 48 bits', () => {
    const t = Date.UTC(2025, 9, 20, 4, 0, 0, 123);
    expect(uuidv7Time(createUuidv7()(t))).toBe(t);
    const b = uuidv7Bytes(0xffffffffffff, 2 ** 42 - 1, new Uint8Array([1, 2, 3, 4]));
    expect(Buffer.from(b).toString('hex')).toBe('ffffffffffff7fffbfffffff01020304');
    expect(Buffer.from(uuidv7Bytes(1, 0, new Uint8Array(4))).toString('hex')).toBe('00000000000170008000000000000000');
  });

  it('sort, as strings, in the order they were made: within one millisecond and when the clock steps back', () => {
    const make = createUuidv7();
    const ids: string[] = [];
    const base = Date.UTC(2025, 9, 20, 4);
    for (let i = 0; i < 5000; i++) ids.push(make(base)); // all in one millisecond
    for (let i = 0; i < 100; i++) ids.push(make(base - 60_000)); // the clock set back a minute
    for (let i = 0; i < 100; i++) ids.push(make(base + 1 + (i % 3))); // later, with repeats
    for (let i = 0; i < 100; i++) ids.push(uuidv7()); // and the app's own generator, now
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // never before the last id's time, even when the clock went back
    expect(uuidv7Time(ids[5000]!)).toBeGreaterThanOrEqual(base);
  });

  it('move the time on rather than wrap when a millisecond runs out of counter values', () => {
    const make = createUuidv7(() => 2 ** 42 - 3); // a counter start three values before its end
    const ms = Date.UTC(2025, 9, 20);
    const ids = Array.from({ length: 6 }, () => make(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map(uuidv7Time)).toEqual([ms, ms, ms, ms + 1, ms + 1, ms + 1]);
    expect(new Set(ids).size).toBe(6);
  });
});
