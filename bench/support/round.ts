import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../../service/ids';
import { demoApplication } from '../../service/demo';
import { insertApplication } from '../../db/queries/applications';
import type { Db } from '../../db/queries/types';
import { applicationInputSchema, type ApplicationData, type ApplicationInput } from '../../shared/domain/application';
import type { ScoreInsert } from '../../db/queries/scores';
import type { ServiceType } from '../../shared/domain/enums';
import type { RubricDefinitionInput } from '../../shared/rubric/rubric';

/** What the 1,000 × 9 × 30 benchmark rounds share (scoring and offline merge). */

/** 6 groups × 5 criteria = 100 points: two groups of 5-point items, four of 2.5-point items. */
export function benchRubric(): RubricDefinitionInput {
  return {
    title: '基准评分细则',
    totalPoints: 100,
    basic: [],
    groups: Array.from({ length: 6 }, (_, g) => {
      const max = g < 2 ? 5 : 2.5;
      return {
        id: `g${g}`,
        title: `类别${g + 1}`,
        points: max * 5,
        criteria: Array.from({ length: 5 }, (_, c) => ({ id: `c${g * 5 + c}`, title: `评分项${g * 5 + c + 1}`, guidance: '按评分标准打分', maxPoints: max, step: 0.5 })),
      };
    }),
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_SERVICES: ServiceType[][] = [['institutional'], ['home'], ['community'], ['institutional', 'home'], ['home', 'community']];

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export interface BenchScoreRowsInput {
  seed: number;
  roundId: string;
  rubricId: string;
  members: readonly { id: string }[];
  applicationIds: readonly string[];
  criteria: readonly { id: string; maxPoints: number }[];
  enteredAt: string;
  /** share of scores carrying a comment (0 = none) */
  commentShare?: number;
}

/** One score per member × applicant × criterion; each member has a personal bias, so totals spread like a real panel's. */
export function benchScoreRows(o: BenchScoreRowsInput): ScoreInsert[] {
  const rnd = prng(o.seed);
  const rows: ScoreInsert[] = [];
  for (const [mi, m] of o.members.entries()) {
    const bias = 0.55 + mi * 0.03;
    for (const a of o.applicationIds) {
      const quality = 0.3 + 0.6 * rnd();
      for (const c of o.criteria) {
        const raw = c.maxPoints * Math.min(1, Math.max(0, quality * bias * 1.4 + (rnd() - 0.5) * 0.3));
        rows.push({
          id: uuidv7(), // as scoring.save makes them
          round_id: o.roundId,
          rubric_id: o.rubricId,
          rubric_version: 1,
          member_id: m.id,
          application_id: a,
          criterion_id: c.id,
          points: Math.round(raw / 0.5) * 0.5,
          comment: o.commentShare && rnd() < o.commentShare ? '现场核查情况与申报材料一致' : null,
          supersedes: null,
          reason: null,
          entered_by: `专家${mi + 1}`,
          entered_at: o.enteredAt,
        });
      }
    }
  }
  return rows;
}

/**
 * The bench round's applications, written straight into the table inside the
 * caller's transaction as applications that passed formal check (the benches
 * measure scoring and merging, not registration). `facts` are merged into
 * each one (e.g. every eligibility fact met). Returns each id with its data.
 */
export async function insertBenchApplications(
  trx: Db,
  o: { roundId: string; count: number; numberPrefix: string; at: string; facts?: Partial<ApplicationInput> },
): Promise<{ id: string; data: ApplicationData }[]> {
  const out: { id: string; data: ApplicationData }[] = [];
  for (let i = 0; i < o.count; i++) {
    const services = BENCH_SERVICES[i % BENCH_SERVICES.length]!;
    const data = applicationInputSchema.parse({
      ...demoApplication(i, { name: `基准机构${i}`, type: 'elderly_care', services, beds: 80, staff: 30, doctors: 2, nurses: 3 }, '2025-09-01'),
      ...o.facts,
    });
    const id = randomUUID();
    await insertApplication(trx, {
      id,
      round_id: o.roundId,
      seq: i + 1,
      application_no: `${o.numberPrefix}-${String(i + 1).padStart(4, '0')}`,
      status: 'accepted',
      name: data.name,
      uscc: data.uscc,
      institution_type: data.institutionType,
      received_on: data.receivedOn,
      data_json: JSON.stringify(data),
      not_accepted_reason_id: null,
      not_accepted_note: null,
      created_at: o.at,
      updated_at: o.at,
    });
    out.push({ id, data: JSON.parse(JSON.stringify(data)) as ApplicationData });
  }
  return out;
}
