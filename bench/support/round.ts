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
