import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openService } from '../service';
import { EXPERTISE_FIELDS } from '../shared/domain/enums';
import { insertChecklistMark } from '../db/queries/reviewChecklist';
import { loadProfile } from '../service/profiles';
import { buildChecklist, evaluateApplication } from '../shared/rules/eligibility';
import { insertScoresBulk, rebuildScoreLines, upsertSheet } from '../db/queries/scores';
import { loadScoringState, roundResults } from '../service/handlers/scoring';
import { forgetEvaluations, roundEligibility } from '../service/eligibility/roundStates';
import type { Report } from './run';
// every eligibility fact declared and met: an applicant is ranked only when its 基础性指标 all pass
import { COMPLETE_FACTS } from '../test/support/reviewFixtures';
import { benchRubric, benchScoreRows, insertBenchApplications, median } from './support/round';

const APPS = 1000;
const MEMBERS = 9;
const CRITERIA = 30;


/** A round of 1,000 applications × 9 members × 30 criteria (270,000 scores). */
export async function run(report: Report) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-bench-scoring-'));
  const service = await openService({ dataDir: dir, now: () => new Date('2025-10-20T04:00:00Z') });
  const db = service.ctx.db;
  try {
    const round = await service.call('rounds.create', {
      name: '评分基准批次',
      region: '乌鲁木齐市',
      code: 'BS-1',
      profileId: 'xinjiang-bingtuan',
      quota: { institutional: 120, home: 150, community: 80 },
      openedOn: '2025-09-01',
    });

    // Panel of 9 covering the six fields, the first one chair, each with a PIN.
    const members: { id: string; pin: string }[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const p = await service.call('persons.save', { name: `专家${i + 1}`, fields: [EXPERTISE_FIELDS[i % 6]!], employer: `单位${i + 1}` });
      await service.call('persons.setPin', { personId: p.id, pin: `13579${i}` });
      const panel = await service.call('panel.addMember', { roundId: round.id, personId: p.id, role: i === 0 ? 'chair' : 'member' });
      members.push({ id: panel.members.find((m) => m.personId === p.id)!.id, pin: `13579${i}` });
    }

    // 1,000 applications that passed formal check, written directly (the bench is about scoring),
    // each with every 审核内容 item marked 符合, so their 基础性指标 all pass and all of them are ranked.
    const appIds: string[] = [];
    const profile = await loadProfile(db, round.profileId, round.profileVersion);
    await db.transaction().execute(async (trx) => {
      const now = new Date('2025-10-01T00:00:00Z').toISOString();
      for (const { id, data } of await insertBenchApplications(trx, { roundId: round.id, count: APPS, numberPrefix: 'BS-1', at: now, facts: COMPLETE_FACTS })) {
        appIds.push(id);
        for (const item of buildChecklist(profile, data, evaluateApplication(profile, data), new Map())) {
          await insertChecklistMark(trx, { application_id: id, item_id: item.itemId, state: 'met', note: '书面查验、现场核查符合', marked_by: '基准', marked_at: now });
        }
      }
    });

    await service.call('rubric.saveDraft', { roundId: round.id, definition: benchRubric() });
    const state = await service.call('rubric.freeze', { roundId: round.id });
    const rubricId = state.current!.id;
    const criteria = state.current!.definition.groups.flatMap((g) => g.criteria);
    const criterionIds = criteria.map((c) => c.id);

    // 270,000 score rows: each member has a personal bias, so totals spread like a real panel's.
    const enteredAt = new Date('2025-10-20T04:00:00Z').toISOString();
    const rows = benchScoreRows({ seed: 42, roundId: round.id, rubricId, members, applicationIds: appIds, criteria, enteredAt });
    if (rows.length !== APPS * MEMBERS * CRITERIA) throw new Error(`expected ${APPS * MEMBERS * CRITERIA} rows, got ${rows.length}`);

    const t0 = performance.now();
    let tLines = 0;
    await db.transaction().execute(async (trx) => {
      await insertScoresBulk(trx, rows);
      const t1 = performance.now();
      await rebuildScoreLines(trx, rubricId, criterionIds);
      tLines = performance.now() - t1;
      for (const m of members) await upsertSheet(trx, { rubric_id: rubricId, member_id: m.id, round_id: round.id, status: 'submitted', submitted_at: enteredAt, updated_at: enteredAt });
    });
    report('scores_insert_270k_ms', performance.now() - t0, 'ms');
    report('score_lines_rebuild_270k_ms', tLines, 'ms (included above)');

    // The ranking, built from the database: state, 9,000 score lines, aggregation, dispersion, ranking per service type.
    const times: number[] = [];
    let results = await roundResults(db, await loadScoringState(db, round.id));
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      results = await roundResults(db, await loadScoringState(db, round.id));
      times.push(performance.now() - t);
    }
    report('ranking_1000x9x30_ms', median(times), 'ms (median of 7)');
    const ranked = results.rankings.reduce((n, r) => n + r.rows.filter((x) => x.rank !== null).length, 0);
    if (results.applicants.length !== APPS || ranked < APPS) throw new Error(`ranking incomplete: ${results.applicants.length} applicants, ${ranked} ranked rows`);
    if (results.applicants.some((a) => a.basic !== 'passed')) throw new Error('benchmark applications should all pass their basic indicators');

    // Its 基础性指标 part alone: every application's eligibility from the loaded rows and latest checklist marks.
    // Cold = all 1,000 evaluated (first read, or after every application changed); warm = nothing changed since.
    const coldTimes: number[] = [];
    const warmTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      forgetEvaluations();
      let t = performance.now();
      await roundEligibility(db, round.id);
      coldTimes.push(performance.now() - t);
      t = performance.now();
      await roundEligibility(db, round.id);
      warmTimes.push(performance.now() - t);
    }
    report('eligibility_round_states_1000_cold_ms', median(coldTimes), 'ms (median of 7: all 1,000 applications evaluated)');
    report('eligibility_round_states_1000_warm_ms', median(warmTimes), 'ms (median of 7: nothing changed, included in the ranking above)');
    const rankingColdTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      forgetEvaluations();
      const t = performance.now();
      await roundResults(db, await loadScoringState(db, round.id));
      rankingColdTimes.push(performance.now() - t);
    }
    report('ranking_1000x9x30_cold_eligibility_ms', median(rankingColdTimes), 'ms (median of 7, every application re-evaluated first)');

    // The same through the contract, as the chair's screen calls it (session check, output schema validation).
    const chair = members[0]!;
    const { session } = await service.call('scoring.signIn', { roundId: round.id, memberId: chair.id, pin: chair.pin });
    const callTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await service.call('scoring.results', { roundId: round.id, actingMemberId: chair.id, session });
      callTimes.push(performance.now() - t);
    }
    report('scoring_results_call_ms', median(callTimes), 'ms (median of 5, incl. output validation)');

    const tp = performance.now();
    await service.call('scoring.progress', { roundId: round.id });
    report('scoring_progress_ms', performance.now() - tp, 'ms');

    // One member correcting one applicant's 30 criteria on the keyboard, with 270k rows present.
    const m1 = members[1]!;
    const s1 = await service.call('scoring.signIn', { roundId: round.id, memberId: m1.id, pin: m1.pin });
    const saveTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await service.call('scoring.save', {
        roundId: round.id,
        actingMemberId: m1.id,
        session: s1.session,
        applicationId: appIds[i]!,
        reason: '基准：修改评分',
        entries: criteria.map((c) => ({ criterionId: c.id, points: c.maxPoints })),
      });
      saveTimes.push(performance.now() - t);
    }
    report('score_save_30_criteria_ms', median(saveTimes), 'ms (median of 5)');

    report('rss_after_ranking_mb', process.memoryUsage().rss / 1e6, 'MB (whole process, incl. the 270k generated score objects)');
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    report('db_file_270k_scores_mb', statSync(path.join(dir, 'review.sqlite')).size / 1e6, 'MB (after checkpoint)');
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
