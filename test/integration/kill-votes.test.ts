import BetterSqlite3 from 'better-sqlite3';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openService, DB_FILE_NAME } from '../../service';
import { completeApplication, makePersons, readyRound } from '../support/deliberation';

/**
 * kill -9 during a burst of votes: the Node host runs as a child process on a
 * real data folder; votes go over HTTP exactly as the renderer sends them; the
 * child is SIGKILLed mid-burst. After a restart every vote that was
 * acknowledged (HTTP 200, ok:true — what the screen shows as recorded) is in
 * the database, each with its audit entry, and the audit chain verifies.
 */

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-kill-'));
const now = () => new Date('2025-10-20T04:00:00Z');
let child: ChildProcess | null = null;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startHost(): Promise<{ url: string; proc: ChildProcess }> {
  // node itself (not npx/tsx wrappers), so SIGKILL hits the process that holds the database
  const proc = spawn(process.execPath, ['--import', 'tsx', 'host/server.ts', '--data', dir, '--port', '0', '--today', '2025-10-20'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out} ${err}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, proc });
      }
    });
    proc.on('exit', (code) => reject(new Error(`host exited early (${code}): ${err}`)));
  });
}

async function call(url: string, method: string, payload: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }> {
  const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as { ok: true; value: unknown } | { ok: false; error: { message: string } };
}

describe('kill -9 mid-vote', () => {
  it('loses no acknowledged vote, and the audit chain verifies after restart', { timeout: 180_000 }, async () => {
    // --- a meeting open on a real data folder
    const setup = await openService({ dataDir: dir, now });
    let meetingId: string;
    let members: { id: string; pin: string }[];
    let apps: { id: string }[];
    try {
      const persons = await makePersons(setup, 7);
      const r = await readyRound(setup, { code: 'K-1', persons, apps: [completeApplication(0), completeApplication(1)] });
      const chair = r.members[0]!;
      const open = await setup.call('deliberation.open', { roundId: r.roundId, actingMemberId: chair.id, session: chair.session, heldOn: '2025-10-20', place: '会议室', presentMemberIds: r.members.map((m) => m.id) });
      meetingId = open.meeting.meetingId;
      members = r.members;
      apps = r.apps;
    } finally {
      await setup.close();
    }

    // --- the host as a child process; each member signs in with their PIN
    const host = await startHost();
    child = host.proc;
    const sessions = new Map<string, string>();
    for (const m of members) {
      const r = await call(host.url, 'deliberation.signIn', { meetingId, voterId: m.id, pin: m.pin });
      expect(r.ok).toBe(true);
      sessions.set(m.id, (r as { value: { session: string } }).value.session);
    }

    // --- a burst: members keep voting (each change with a reason), 8 requests in flight
    const TOTAL = 600;
    const KILL_AFTER = 60;
    const acked: string[] = [];
    const failed: string[] = [];
    let next = 0;
    let killed = false;
    const exited = new Promise<void>((resolve) => host.proc.on('exit', () => resolve()));
    async function worker() {
      while (next < TOTAL) {
        const k = next++;
        const m = members[k % members.length]!;
        const app = apps[Math.floor(k / members.length) % apps.length]!;
        const choice = k % 3 === 0 ? 'fail' : 'pass';
        try {
          const r = await call(host.url, 'deliberation.vote', { meetingId, actingMemberId: m.id, session: sessions.get(m.id), applicationId: app.id, choice, reason: `第${k}次表决：${choice === 'fail' ? '材料与现场不符' : '符合条件'}` });
          if (r.ok) acked.push((r.value as { voteId: string }).voteId);
          else failed.push(r.error.message);
        } catch {
          failed.push('connection');
        }
        if (!killed && acked.length >= KILL_AFTER) {
          killed = true;
          host.proc.kill('SIGKILL');
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker));
    await exited;
    expect(host.proc.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked.length).toBeLessThan(TOTAL); // it died mid-burst
    // every refusal before the kill was a real answer, not a lost write; after it, connections fail
    expect(failed.filter((f) => f !== 'connection')).toEqual([]);

    // --- restart: every acknowledged vote is there, each with its audit entry
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      raw.close();
    }
    const again = await openService({ dataDir: dir, now });
    try {
      const rows = await again.ctx.db.selectFrom('deliberation_vote').select('id').execute();
      const present = new Set(rows.map((r) => r.id));
      const lost = acked.filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      expect(present.size).toBeGreaterThanOrEqual(acked.length);
      console.info(`kill -9 after ${acked.length} acknowledged votes (of ${TOTAL} sent); after restart ${present.size} votes present (${present.size - acked.length} committed but never acknowledged)`);
      const audited = await again.ctx.db.selectFrom('audit_log').select('after_json').where('action', 'in', ['deliberation.vote', 'deliberation.changeVote']).execute();
      const auditedIds = new Set(audited.map((a) => (JSON.parse(a.after_json!) as { voteId: string }).voteId));
      expect([...present].filter((id) => !auditedIds.has(id))).toEqual([]);
      // chains stayed whole: no vote superseded twice, one root per voter and applicant
      const chains = await again.ctx.db.selectFrom('deliberation_vote').select(['application_id', 'voter_id', 'supersedes']).execute();
      const roots = chains.filter((c) => c.supersedes === null).map((c) => `${c.application_id}|${c.voter_id}`);
      expect(new Set(roots).size).toBe(roots.length);
      const verdict = await again.call('audit.verify', {});
      expect(verdict).toMatchObject({ ok: true, broken: null });
      // the app goes on: the meeting accepts the next vote
      const view = await again.call('deliberation.applicant', { meetingId, applicationId: apps[0]!.id });
      expect(view.votes.length).toBe(members.length);
    } finally {
      await again.close();
    }
    // and the CLI agrees
    const cli = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'host/cli.ts', 'audit', 'verify', '--data', dir], { cwd: ROOT }, (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout })),
    );
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^OK \d+ entries/);
  });
});
