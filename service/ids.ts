import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered ids (UUID version 7, RFC 9562) for rows written in bulk, such
 * as scores: a new id sorts after the ids made before it, so the primary-key
 * index of a table grows at its end instead of splitting pages all over it
 * (what random version-4 ids do). Ids stay TEXT in the usual 8-4-4-4-12
 * lowercase form, so they mix with the version-4 ids already stored.
 *
 * Layout: 48 bits Unix time in milliseconds, version 7, then a 42-bit counter
 * (the 12 bits of rand_a and the first 30 bits of rand_b, RFC 9562 §6.2
 * method 1), then 32 random bits. A new millisecond starts the counter at a
 * random value below 2^41; within a millisecond it counts up by one, and when
 * it would overflow, or when the clock steps back, the time field moves on
 * from the last id instead: ids from one process never go backwards.
 */

const COUNTER_BITS = 42;
const COUNTER_MAX = 2 ** COUNTER_BITS - 1;
const POOL_SIZE = 4096;

const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomBytes(n: number): Buffer {
  if (poolOffset + n > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

/** A random counter start below 2^41: at least 2^41 ids are left for its millisecond. */
function randomCounterStart(): number {
  const r = randomBytes(6);
  return (r[0]! & 0x01) * 2 ** 40 + r[1]! * 2 ** 32 + r.readUInt32BE(2);
}

/** A generator with its own clock state (tests give it a counter start; the app uses `uuidv7`). */
export function createUuidv7(counterStart: () => number = randomCounterStart): (now?: number) => string {
  let lastMs = -1;
  let counter = 0;
  return (now = Date.now()) => {
    if (now > lastMs) {
      lastMs = now;
      counter = counterStart();
    } else if (counter < COUNTER_MAX) {
      counter++;
    } else {
      lastMs++;
      counter = 0;
    }
    return format(uuidv7Bytes(lastMs, counter, randomBytes(4)));
  };
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Formats 16 bytes as a lowercase 8-4-4-4-12 UUID string. */
function format(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i]!]!;
  }
  return s;
}

/** The 16 bytes of a version-7 UUID for time `ms` with a 42-bit `count` and 4 random bytes. */
export function uuidv7Bytes(ms: number, count: number, random: Uint8Array): Uint8Array {
  const b = new Uint8Array(16);
  // 48-bit big-endian milliseconds (2^48 ms is the year 10889)
  const hi = Math.floor(ms / 2 ** 32);
  const lo = ms >>> 0;
  b[0] = (hi >>> 8) & 0xff;
  b[1] = hi & 0xff;
  b[2] = (lo >>> 24) & 0xff;
  b[3] = (lo >>> 16) & 0xff;
  b[4] = (lo >>> 8) & 0xff;
  b[5] = lo & 0xff;
  // counter: top 12 bits in rand_a, next 30 bits after the variant
  const cHi = Math.floor(count / 2 ** 30); // 12 bits
  const cLo = count % 2 ** 30; // 30 bits
  b[6] = 0x70 | ((cHi >>> 8) & 0x0f);
  b[7] = cHi & 0xff;
  b[8] = 0x80 | ((cLo >>> 24) & 0x3f);
  b[9] = (cLo >>> 16) & 0xff;
  b[10] = (cLo >>> 8) & 0xff;
  b[11] = cLo & 0xff;
  b[12] = random[0]!;
  b[13] = random[1]!;
  b[14] = random[2]!;
  b[15] = random[3]!;
  return b;
}

/** A new version-7 UUID, greater than every id this process made before (as a string, too). */
export const uuidv7: (now?: number) => string = createUuidv7();

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for a lowercase version-7 UUID string. */
export function isUuidv7(s: string): boolean {
  return UUID_V7.test(s);
}

/** The millisecond timestamp of a version-7 UUID. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
