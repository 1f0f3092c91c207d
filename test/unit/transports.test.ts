import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, type Service } from '../../service';
import { startHost } from '../../host/server';
import { METHODS } from '../../shared/contract/methods';
import type { Envelope } from '../../shared/contract/errors';
import { makeIpcHandler } from '../../electron/ipc';

/**
 * Every contract method must be reachable through BOTH transports — the
 * Electron IPC handler and the Node HTTP host — and both must answer alike.
 * An empty payload may be refused (VALIDATION, NOT_FOUND, …) but never with
 * UNKNOWN_METHOD.
 */

let dir: string;
let staticDir: string;
let service: Service;
let host: { url: string; close(): Promise<void> };
const ipc = () => makeIpcHandler<null>(service, () => true);

async function overHttp(method: string, body: unknown): Promise<Envelope<unknown>> {
  const res = await fetch(`${host.url}api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope<unknown>;
}

const outcome = (e: Envelope<unknown>) => (e.ok ? 'ok' : e.error.code);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-transports-'));
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'ltc-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  service = await openService({ dataDir: dir, now: () => new Date('2025-09-29T04:00:00Z') });
  host = await startHost(service, { port: 0, staticDir });
});

afterAll(async () => {
  await host?.close();
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

describe('every contract method is registered on both transports', () => {
  it('the contract is not empty', () => {
    expect(METHODS.length).toBeGreaterThan(10);
    expect(new Set(METHODS).size).toBe(METHODS.length);
  });

  it.each(METHODS)('%s', async (method) => {
    const viaIpc = await ipc()(null, method, {});
    const viaHttp = await overHttp(method, {});
    expect(outcome(viaIpc), `IPC: ${JSON.stringify(viaIpc)}`).not.toBe('UNKNOWN_METHOD');
    expect(outcome(viaHttp), `HTTP: ${JSON.stringify(viaHttp)}`).not.toBe('UNKNOWN_METHOD');
    expect(['ok', 'VALIDATION', 'NOT_FOUND']).toContain(outcome(viaIpc));
    // Same service, same contract: both transports give the same answer.
    expect(outcome(viaHttp)).toBe(outcome(viaIpc));
  });
});

describe('an unknown method is UNKNOWN_METHOD on both transports', () => {
  it.each(['rounds.drop', 'no-such-method', '__proto__', 'constructor'])('%s', async (method) => {
    const viaIpc = await ipc()(null, method, {});
    const viaHttp = await overHttp(method, {});
    expect(outcome(viaIpc)).toBe('UNKNOWN_METHOD');
    expect(outcome(viaHttp)).toBe('UNKNOWN_METHOD');
  });
});
