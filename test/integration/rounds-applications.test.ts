import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { freshService, makeRound, sampleApplication } from '../support/service';
import { DB_FILE_NAME } from '../../service';
import { verifyAudit } from '../../db/queries/audit';
import { LATEST_VERSION } from '../../db/migrations';

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService();
});
afterEach(async () => {
  await t.cleanup();
});

function rowCount(table: string): number {
  const db = new BetterSqlite3(path.join(t.dir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('database file', () => {
  it('is migrated, in WAL mode, with foreign keys on', async () => {
    const db = new BetterSqlite3(path.join(t.dir, DB_FILE_NAME), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(t.service.ctx.db).toBeDefined();
    const fk = await t.service.ctx.db.selectNoFrom((eb) => eb.val(1).as('x')).execute();
    expect(fk).toHaveLength(1);
  });
});

describe('rounds', () => {
  it('creates, lists, closes and reopens a round', async () => {
    const r = await makeRound(t.service);
    expect(r.status).toBe('open');
    expect(r.profileVersion).toBe(1);
    const list = await t.service.call('rounds.list', {});
    expect(list.map((x) => x.code)).toEqual(['T-1']);
    const closed = await t.service.call('rounds.close', { roundId: r.id });
    expect(closed.status).toBe('closed');
    await expect(t.service.call('rounds.close', { roundId: r.id })).rejects.toThrow('该批次已经关闭');
    await expect(t.service.call('applications.create', { roundId: r.id, data: sampleApplication() })).rejects.toThrow('本批次已关闭');
    const reopened = await t.service.call('rounds.reopen', { roundId: r.id, reason: '补登记一份逾期寄达的申请' });
    expect(reopened.status).toBe('open');
  });

  it('refuses a duplicate round code and an unknown profile', async () => {
    await makeRound(t.service);
    await expect(makeRound(t.service)).rejects.toThrow('批次编号“T-1”已被使用');
    await expect(makeRound(t.service, { code: 'T-2', profileId: 'atlantis' })).rejects.toThrow('找不到该地区政策配置');
    expect(rowCount('round')).toBe(1);
  });
});

describe('application register', () => {
  it('assigns readable application numbers in sequence per round', async () => {
    const r = await makeRound(t.service);
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0) });
    const b = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(1) });
    expect([a.applicationNo, b.applicationNo]).toEqual(['T-1-001', 'T-1-002']);
    expect(a.staffToBedRatio).toBe('1:3');
    expect(a.reviewDeadline).toEqual({ date: '2025-12-01', provisional: false });
  });

  it('refuses a duplicate USCC in the same round, and allows it in another round', async () => {
    const r = await makeRound(t.service);
    await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0) });
    const dup = t.service.dispatch('applications.create', { roundId: r.id, data: sampleApplication(0, { name: '另一个名字' }) });
    const env = await dup;
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('CONFLICT');
      expect(env.error.message).toContain('在本批次已有申请（T-1-001');
      expect(env.error.fieldErrors?.['data.uscc']).toContain('T-1-001');
    }
    const r2 = await makeRound(t.service, { code: 'T-2' });
    await t.service.call('applications.create', { roundId: r2.id, data: sampleApplication(0) });
    expect(rowCount('application')).toBe(2);
  });

  it('rejects payloads that bypass the UI, writing nothing', async () => {
    const r = await makeRound(t.service);
    const before = rowCount('audit_log');
    const bad = [
      { ...sampleApplication(0), uscc: '91350100M000100Y44' }, // wrong check character
      { ...sampleApplication(0), contact: { name: '王五', phone: '12345' } },
      { ...sampleApplication(0), serviceTypes: [] },
      { ...sampleApplication(0), careStaff: -1 },
      { ...sampleApplication(0), institutionType: 'medical', medicalLicenceNo: undefined },
      { ...sampleApplication(0), careBeds: undefined },
      'not an object',
    ];
    for (const data of bad) {
      const env = await t.service.dispatch('applications.create', { roundId: r.id, data });
      expect(env.ok, JSON.stringify(data).slice(0, 80)).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('VALIDATION');
        expect(env.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(env.error.logMessage).toMatch(/invalid payload/);
      }
    }
    expect(rowCount('application')).toBe(0);
    expect(rowCount('audit_log')).toBe(before);
  });

  it('names the field in the Chinese message', async () => {
    const r = await makeRound(t.service);
    const env = await t.service.dispatch('applications.create', { roundId: r.id, data: { ...sampleApplication(0), uscc: '91350100M000100Y44' } });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.fieldErrors?.['data.uscc']).toMatch(/校验位应为“3”/);
    }
  });

  it('keeps the previous state when a save fails mid-transaction', async () => {
    const r = await makeRound(t.service);
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0) });
    const b = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(1) });
    // Changing b's USCC to a's must fail as a whole: name unchanged, no audit entry.
    const auditBefore = rowCount('audit_log');
    await expect(
      t.service.call('applications.update', { applicationId: b.id, data: sampleApplication(1, { uscc: a.data.uscc, name: '改名' }) }),
    ).rejects.toThrow('在本批次已有申请');
    const again = await t.service.call('applications.get', { applicationId: b.id });
    expect(again.data.name).toBe(b.data.name);
    expect(rowCount('audit_log')).toBe(auditBefore);
    expect(await verifyAudit(t.service.ctx.db)).toEqual({ ok: true, entries: auditBefore });
  });
});
