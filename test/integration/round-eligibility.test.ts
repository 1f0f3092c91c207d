import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { freshService, makeRound } from '../support/service';
import { acceptedApplication, completeApplication } from '../support/deliberation';
import { insertChecklistMark } from '../../db/queries/reviewChecklist';
import { forgetEvaluations, roundEligibility } from '../../service/eligibility/roundStates';

/**
 * The round-level 基础性指标 (service/eligibility/roundStates.ts): what the
 * ranking, the scoring sheets and 集体评议 read. A fixed number of queries
 * whatever the round's size, and remembered evaluations never outlive the
 * data or marks they were made from.
 */

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-10-20');
  forgetEvaluations();
});
afterEach(async () => {
  await t.cleanup();
});

/** Counts the statements a call runs. */
function counting() {
  const c = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      c.n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { c, db: t.service.ctx.db.withPlugin(plugin) };
}

describe('round eligibility', () => {
  it('reads a round of 12 applications with as many queries as a round of 2 (no query per application)', async () => {
    const s = t.service;
    const small = await makeRound(s, { code: 'E-2' });
    const large = await makeRound(s, { code: 'E-12' });
    for (let i = 0; i < 2; i++) await s.call('applications.create', { roundId: small.id, data: completeApplication(i) });
    for (let i = 0; i < 12; i++) await s.call('applications.create', { roundId: large.id, data: completeApplication(100 + i) });
    const a = counting();
    await roundEligibility(a.db, small.id);
    const b = counting();
    const e = await roundEligibility(b.db, large.id);
    expect(e.states.size).toBe(12);
    expect(b.c.n).toBe(a.c.n);
    expect(b.c.n).toBeLessThanOrEqual(6);
    // Nothing changed: the rules are not run again, nor the marks read.
    const warm = counting();
    await roundEligibility(warm.db, large.id);
    expect(warm.c.n).toBeLessThan(b.c.n);
  });

  it('never serves a result made inside a transaction that rolled back, and follows every committed change', async () => {
    const s = t.service;
    const round = await makeRound(s, { code: 'E-1' });
    const app = await acceptedApplication(s, round.id, completeApplication(0));
    const db = s.ctx.db;
    const overall = async () => (await roundEligibility(db, round.id)).states.get(app.id)!.overall;
    expect(await overall()).toBe('all_pass');

    // A mark written and evaluated inside a transaction that then rolls back…
    const mark = { application_id: app.id, item_id: 'qualification', marked_by: '测试', marked_at: '2025-10-20T04:00:00.000Z' };
    await expect(
      db.transaction().execute(async (trx) => {
        await insertChecklistMark(trx, { ...mark, state: 'not_met', note: '资质文件过期' });
        expect((await roundEligibility(trx, round.id)).states.get(app.id)!.overall).toBe('some_fail');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // …leaves no trace,
    expect(await overall()).toBe('all_pass');
    // and a different committed mark (which may reuse the rolled-back seq) is what counts.
    await s.call('checklist.mark', { applicationId: app.id, itemId: 'qualification', state: 'pending', note: '待现场核验原件' });
    const e = (await roundEligibility(db, round.id)).states.get(app.id)!;
    expect(e).toMatchObject({ overall: 'manual_pending', failed: [], pending: ['manual_qualification'] });

    // An edit of the application's data re-runs its rules.
    await s.call('applications.update', { applicationId: app.id, data: completeApplication(0, { careBeds: 5, totalBeds: 60, careStaff: 30 }) });
    expect((await roundEligibility(db, round.id)).states.get(app.id)).toMatchObject({ overall: 'some_fail', failed: ['care_beds_min'] });
    // The same as the application's own 基础性指标 view.
    const view = await s.call('eligibility.get', { applicationId: app.id });
    expect(view.overall).toBe('some_fail');
    expect(view.groups.flatMap((g) => g.results).filter((r) => r.state === 'fail').map((r) => r.ruleId)).toEqual(['care_beds_min']);
  });

  it('remembered results cannot be changed by a caller', async () => {
    const s = t.service;
    const round = await makeRound(s, { code: 'E-3' });
    const app = await acceptedApplication(s, round.id, completeApplication(0));
    await roundEligibility(s.ctx.db, round.id);
    const e = (await roundEligibility(s.ctx.db, round.id)).states.get(app.id)!;
    expect(() => e.failed.push('x')).toThrow();
    expect(() => (e.outcomes[0]!.state = 'fail')).toThrow();
  });
});
