import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, DB_FILE_NAME, type Service } from '../../service';
import { verifyAudit } from '../../db/queries/audit';
import { makeRound, sampleApplication } from '../support/service';
import { actor, completeApplication, makePersons, readyRound, type Member } from '../support/deliberation';

/**
 * The audit chain against changes made behind the app's back, directly in
 * SQLite with better-sqlite3: an edited row, a deleted row, a truncated tail
 * (with and without a forged head). The app's own triggers refuse UPDATE and
 * DELETE on audit_log, so a tamperer must drop them first, as done here.
 */

const ROOT = path.resolve(__dirname, '../..');
const now = () => new Date('2025-10-20T04:00:00Z');
let base: string;
let entries: number;
let sealedBase: string;
const dirs: string[] = [];

function copyOf(src: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-audit-'));
  dirs.push(dir);
  cpSync(src, dir, { recursive: true });
  return dir;
}

function tamper(dir: string, sql: string) {
  const db = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

async function verifyIn(dir: string) {
  const s = await openService({ dataDir: dir, now });
  try {
    return await s.call('audit.verify', {});
  } finally {
    await s.close();
  }
}

function cli(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'host/cli.ts', 'audit', 'verify', '--data', dir], { cwd: ROOT, env: { ...process.env, LTC_TODAY: '2025-10-20' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'ltc-audit-base-'));
  dirs.push(base);
  const s: Service = await openService({ dataDir: base, now });
  try {
    const round = await makeRound(s, { code: 'A-1' });
    for (let i = 0; i < 4; i++) await s.call('applications.create', { roundId: round.id, data: sampleApplication(i) });
    const v = await s.call('audit.verify', {});
    expect(v.ok).toBe(true);
    entries = v.entries;
    expect(entries).toBeGreaterThanOrEqual(5);
    expect(v.head).toMatchObject({ seq: entries, count: entries });
  } finally {
    await s.close();
  }
}, 60_000);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the audit chain', () => {
  it('refuses UPDATE and DELETE through SQLite while its triggers stand', () => {
    const dir = copyOf(base);
    expect(() => tamper(dir, "update audit_log set actor = 'x' where seq = 2")).toThrow('audit_log: 记录只能追加，不能修改');
    expect(() => tamper(dir, 'delete from audit_log where seq = 2')).toThrow('audit_log: 记录只能追加，不能删除');
  });

  it('detects an edited row', async () => {
    const dir = copyOf(base);
    tamper(dir, "drop trigger audit_log_no_update; update audit_log set after_json = replace(after_json, '测试养老院1', '测试养老院9') where seq = 3");
    const v = await verifyIn(dir);
    expect(v).toMatchObject({ ok: false, broken: { seq: 3, kind: 'altered', message: '第3条审计记录的内容被改动' } });
    expect(v.summary).toBe('审计日志不完整：第3条审计记录的内容被改动');
  });

  it('detects an edited row whose stored hash was changed too', async () => {
    const dir = copyOf(base);
    // the tamperer edits entry 2 and gives it a fresh (wrong-chain) hash
    tamper(dir, "drop trigger audit_log_no_update; update audit_log set actor = '某人', hash = 'f' || substr(hash, 2) where seq = 2");
    const v = await verifyIn(dir);
    expect(v.broken).toMatchObject({ seq: 2, kind: 'altered' });
  });

  it('detects a deleted row', async () => {
    const dir = copyOf(base);
    tamper(dir, 'drop trigger audit_log_no_delete; delete from audit_log where seq = 2');
    const v = await verifyIn(dir);
    expect(v).toMatchObject({ ok: false, broken: { seq: 2, kind: 'missing', message: '第2条审计记录缺失（已被删除）' } });
  });

  it('detects deleted LAST entries (the chain alone cannot): the audit head keeps the count', async () => {
    const dir = copyOf(base);
    tamper(dir, `drop trigger audit_log_no_delete; delete from audit_log where seq > ${entries - 2}`);
    // the remaining chain is internally perfect…
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    const rows = raw.prepare('select seq, prev_hash, hash from audit_log order by seq').all() as { seq: number; prev_hash: string; hash: string }[];
    raw.close();
    expect(rows.every((r, i) => i === 0 || r.prev_hash === rows[i - 1]!.hash)).toBe(true);
    // …but not the head
    const v = await verifyIn(dir);
    expect(v).toMatchObject({ ok: false, entries: entries - 2, broken: { seq: entries - 1, kind: 'truncated' } });
    expect(v.broken!.message).toBe(`审计日志末尾的记录被删除：应有${entries}条（至第${entries}条），现仅${entries - 2}条，第${entries - 1}条起缺失`);
  });

  it('the CLI prints OK with the count (exit 0), or the first broken link (exit 1)', async () => {
    const ok = await cli(copyOf(base));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^OK ${entries} entries; head ${entries} [0-9a-f]{16}; 0 sealed meeting\\(s\\) checked`));
    const dir = copyOf(base);
    tamper(dir, 'drop trigger audit_log_no_delete; delete from audit_log where seq = 3');
    const broken = await cli(dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at entry 3 (missing): entry 3 is missing (deleted)');
    expect(broken.stdout).toContain('第3条审计记录缺失（已被删除）');
    const truncated = copyOf(base);
    tamper(truncated, `drop trigger audit_log_no_delete; delete from audit_log where seq = ${entries}`);
    const t2 = await cli(truncated);
    expect(t2.code).toBe(1);
    expect(t2.stdout).toContain(`BROKEN at entry ${entries} (truncated)`);
  }, 60_000);
});

describe('sealed minutes anchor the chain', () => {
  beforeAll(async () => {
    sealedBase = mkdtempSync(path.join(os.tmpdir(), 'ltc-audit-sealed-'));
    dirs.push(sealedBase);
    const s = await openService({ dataDir: sealedBase, now });
    try {
      const persons = await makePersons(s, 5);
      const r = await readyRound(s, { code: 'S-1', persons, apps: [completeApplication(0)] });
      const chair = r.members[0] as Member;
      const open = await s.call('deliberation.open', { roundId: r.roundId, actingMemberId: chair.id, session: chair.session, heldOn: '2025-10-20', place: '会议室', presentMemberIds: r.members.map((m) => m.id) });
      const meetingId = open.meeting.meetingId;
      for (const m of r.members) await s.call('deliberation.vote', { ...actor(meetingId, m), applicationId: r.apps[0]!.id, choice: 'pass' });
      await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: r.apps[0]!.id, outcome: 'pass' });
      const minutes = await s.call('deliberation.minutes', { meetingId });
      for (const m of r.members) await s.call('deliberation.respondMinutes', { ...actor(meetingId, m), pin: m.pin, response: 'confirm', minutesHash: minutes.minutesHash });
      await s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash });
      // a little more work after the seal
      await s.call('applications.create', { roundId: r.roundId, data: sampleApplication(7) });
      expect(await s.call('audit.verify', {})).toMatchObject({ ok: true, sealsChecked: 1 });
    } finally {
      await s.close();
    }
  }, 120_000);

  it('a log rolled back past a seal, with a forged head, still disagrees with the sealed minutes', async () => {
    const dir = copyOf(sealedBase);
    const raw = new BetterSqlite3(path.join(dir, DB_FILE_NAME));
    const seal = raw.prepare('select audit_seq from deliberation_seal').get() as { audit_seq: number };
    raw.close();
    const keep = seal.audit_seq - 3;
    // delete everything after `keep`, then forge the head to match the new tail
    tamper(
      dir,
      `drop trigger audit_log_no_delete; delete from audit_log where seq > ${keep};
       update audit_head set seq = ${keep}, hash = (select hash from audit_log where seq = ${keep}), count = ${keep} where id = 1;`,
    );
    const s = await openService({ dataDir: dir, now });
    try {
      // the chain and the forged head agree with each other…
      expect((await verifyAudit(s.ctx.db)).ok).toBe(true);
      // …but the sealed meeting recorded a later head
      const v = await s.call('audit.verify', {});
      expect(v).toMatchObject({ ok: false, broken: { seq: seal.audit_seq, kind: 'seal_mismatch' } });
      expect(v.broken!.message).toContain(`会议纪要封存时审计日志至第${seal.audit_seq}条`);
    } finally {
      await s.close();
    }
  });

  it('detects an edit of the sealed minutes themselves', async () => {
    const dir = copyOf(sealedBase);
    tamper(dir, "drop trigger deliberation_seal_no_update; update deliberation_seal set minutes_json = replace(minutes_json, '\"pass\":1', '\"pass\":0')");
    const v = await verifyIn(dir);
    expect(v.broken).toMatchObject({ kind: 'seal_mismatch', message: '已封存的会议纪要内容被改动（与封存时的哈希不符）' });
  });
});
