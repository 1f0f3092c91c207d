import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { Method, Output } from '../../../shared/contract/methods';
import type { Caller } from '../../support/reviewFixtures';

/**
 * A spec that needs data of its own runs its own Node host (the real service
 * on a fresh SQLite file) on a free port, so it never depends on what another
 * spec left in the shared server's database.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

export interface Host {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:40123/ */
  base: string;
  /** the data folder holding this host's review.sqlite */
  data: string;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `host/server.ts` with a pinned today; LTC_E2E_STATIC serves another
 * renderer build. `opts.data` reopens an existing data folder (e.g. the same
 * database on a later day, or one seeded by `seedDemo`).
 */
export async function startHost(label: string, today: string, opts: { data?: string } = {}): Promise<Host> {
  const data = opts.data ?? mkdtempSync(path.join(os.tmpdir(), `ltc-e2e-${label}-`));
  const port = await freePort();
  const staticDir = process.env.LTC_E2E_STATIC ? ['--static', process.env.LTC_E2E_STATIC] : [];
  // node --import tsx (not npx) so that a kill reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'host/server.ts', '--data', data, '--port', String(port), '--today', today, ...staticDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${label} host did not start: ${err}`)), 60_000);
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout!.on('data', (b: Buffer) => {
      const m = /LISTENING (\S+)/.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} host exited with ${code}: ${err}`));
    });
  });
  return {
    child,
    base,
    data,
    stop: () => {
      if (child.pid && child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/** A contract call for set-up, asserting it succeeded. */
export async function callApi<T>(page: Page, base: string, method: string, data: unknown): Promise<T> {
  const res = await page.request.post(`${base}api/${method}`, { data });
  const env = await res.json();
  expect(env.ok, `${method}: ${JSON.stringify(env.error)}`).toBe(true);
  return env.value as T;
}

/**
 * The host as a contract caller for set-up (each call asserted to succeed),
 * so a spec can use the steps of test/support/reviewFixtures.ts that the
 * integration tests run on the service itself.
 */
export function hostCaller(page: Page, base: string): Caller {
  return { call: <M extends Method>(method: M, payload: unknown) => callApi<Output<M>>(page, base, method, payload) };
}

/**
 * A data folder holding the CLI demo's round, built on `today` through the
 * real CLI: applications, a panel, scores, a sealed 集体评议, a demo
 * certificate (demo-agency.p12, passphrase “demo”), the 公示 from today and
 * one batch of signed documents. Open it with startHost(label, today, { data }).
 */
export function seedDemo(label: string, today: string): string {
  const data = mkdtempSync(path.join(os.tmpdir(), `ltc-e2e-${label}-`));
  execFileSync(process.execPath, ['--import', 'tsx', 'host/cli.ts', 'demo', '--out', data, '--today', today], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  return data;
}
