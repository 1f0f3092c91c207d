import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { SHEET_FORMAT, canonicalBodyBytes, envelopeText, inCanonicalOrder, readEnvelope, signedBodyBytes } from '../../service/offline/files';
import { isSheetScore, parseSheetBody, schemaProblem, sheetBodySchema, sheetScoreSchema } from '../../service/offline/formats';

/** The fast paths of reading a signed sheet give exactly what the schema and canonicalJson give. */

function sheetBody(scores = 3) {
  return {
    format: SHEET_FORMAT,
    round: { id: 'round-1', code: 'T-1', name: '测试批次' },
    rubric: { id: 'rubric-1', version: 1 },
    member: { id: 'member-1', personId: 'person-1', name: '李秀英' },
    deviceId: 'device-1',
    seq: 1,
    createdAt: '2025-10-20T04:00:00.000Z',
    keyFingerprint: '3F9A-21C0',
    applications: [
      {
        applicationId: 'app-1',
        scores: Array.from({ length: scores }, (_, i) => ({ id: `s${i}`, criterionId: `c${i}`, points: i + 0.5, enteredAt: '2025-10-20T04:00:00.000Z', ...(i === 1 ? { comment: '现场核查' } : {}) })),
      },
    ],
    steppedAside: [],
    counts: { applications: 1, scores },
  };
}

const same = (input: unknown) => {
  const a = parseSheetBody(input);
  const b = sheetBodySchema.safeParse(input);
  expect(a.success).toBe(b.success);
  if (a.success && b.success) expect(a.data).toEqual(b.data);
  if (!a.success && !b.success) expect(schemaProblem(a.error)).toBe(schemaProblem(b.error));
  return a.success;
};

describe('reading a sheet body', () => {
  it('accepts and refuses exactly what the schema does, with the same first problem', () => {
    expect(same(sheetBody())).toBe(true);
    const variants: [string, unknown][] = [
      ['id', ''],
      ['id', 'x'.repeat(65)],
      ['id', 7],
      ['criterionId', 'c'.repeat(61)],
      ['criterionId', ''],
      ['points', '2.5'],
      ['points', null],
      ['comment', null],
      ['comment', 'x'.repeat(501)],
      ['comment', ''],
      ['supersedes', ''],
      ['supersedes', 's0'],
      ['reason', 5],
      ['reason', 'x'.repeat(500)],
      ['enteredAt', '2025-10-20'],
      ['enteredAt', '2025-10'],
      ['enteredAt', 'x'.repeat(41)],
      ['unknown', 1],
    ];
    const outcomes: boolean[] = [];
    for (const [key, value] of variants) {
      const b = sheetBody();
      (b.applications[0]!.scores[1] as Record<string, unknown>)[key] = value;
      outcomes.push(same(b));
    }
    // some of the variants are fine, most are not: both sides agree on each
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(0);
    expect(outcomes.filter((x) => !x).length).toBeGreaterThan(0);
    for (const missing of ['id', 'criterionId', 'points', 'enteredAt']) {
      const b = sheetBody();
      delete (b.applications[0]!.scores[0] as Record<string, unknown>)[missing];
      expect(same(b)).toBe(false);
    }
    for (const bad of [null, [], 'x', 1]) {
      const b = sheetBody() as unknown as { applications: { scores: unknown[] }[] };
      b.applications[0]!.scores[2] = bad;
      expect(same(b)).toBe(false);
    }
    const noScores = sheetBody(0);
    expect(same(noScores)).toBe(false);
    expect(same({ ...sheetBody(), extra: true })).toBe(false);
    expect(same({ ...sheetBody(), seq: 0 })).toBe(false);
  });

  it('checks a score by hand only where the schema would agree', () => {
    const samples: unknown[] = [
      { id: 'a', criterionId: 'c', points: 1, enteredAt: '2025-10-20T04:00' },
      { id: 'a', criterionId: 'c', points: Number.NaN, enteredAt: '2025-10-20T04:00' },
      { id: 'a', criterionId: 'c', points: Infinity, enteredAt: '2025-10-20T04:00' },
      { id: 'a', criterionId: 'c', points: -1, enteredAt: '2025-10-20T04:00', comment: undefined },
      { id: 'a', criterionId: 'c', points: 1, enteredAt: '2025-10-20T04:00', supersedes: 'b', reason: '复核后修改' },
      Object.create({ inherited: 1 }) as unknown,
    ];
    for (const x of samples) if (isSheetScore(x)) expect(sheetScoreSchema.safeParse(x).success).toBe(true);
  });
});

/** Whether `part` is a view into `whole`'s memory. */
const within = (part: Buffer, whole: Buffer) => part.buffer === whole.buffer && part.byteOffset >= whole.byteOffset && part.byteOffset < whole.byteOffset + whole.length;

describe('the signed bytes of a sheet', () => {
  const sig = { alg: 'Ed25519', keyFingerprint: '3F9A-21C0', value: 'c2ln' };
  const read = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const r = readEnvelope(bytes, SHEET_FORMAT);
    if ('refusal' in r) throw new Error(r.refusal.message);
    return { bytes, r };
  };

  it('are taken from the file as written, and equal canonicalJson(body)', () => {
    const body = sheetBody(50);
    const { bytes, r } = read(envelopeText(SHEET_FORMAT, sig, canonicalJson(body)));
    const signed = signedBodyBytes(bytes, r.text, r.envelope);
    expect(signed.equals(canonicalBodyBytes(body))).toBe(true);
    // a view of the file, not a copy
    expect(within(signed, bytes)).toBe(true);
  });

  it('are serialised again for any file that is not byte for byte what envelopeText writes', () => {
    const body = sheetBody(5);
    const canonical = canonicalBodyBytes(body);
    const texts = [
      `\uFEFF${envelopeText(SHEET_FORMAT, sig, canonicalJson(body))}`,
      `${envelopeText(SHEET_FORMAT, sig, canonicalJson(body))}\n`,
      envelopeText(SHEET_FORMAT, sig, JSON.stringify(body, null, 2)),
      envelopeText(SHEET_FORMAT, sig, JSON.stringify({ ...body, seq: undefined, format: body.format, zzz: 1 }).replace(',"zzz":1', `,"seq":1`)),
      `{"signature":${canonicalJson(sig)},"format":"${SHEET_FORMAT}","body":${canonicalJson(body)}}`,
    ];
    for (const text of texts) {
      const { bytes, r } = read(text);
      const signed = signedBodyBytes(bytes, r.text, r.envelope);
      expect(signed.equals(canonicalBodyBytes(r.envelope.body))).toBe(true);
      expect(within(signed, bytes)).toBe(false);
    }
    // the same body, whatever the layout of the file
    expect(canonicalBodyBytes(read(texts[2]!).r.envelope.body).equals(canonical)).toBe(true);
  });

  it('canonical order: keys strictly ascending at every level, no __proto__', () => {
    expect(inCanonicalOrder(JSON.parse(canonicalJson(sheetBody())))).toBe(true);
    expect(inCanonicalOrder(JSON.parse('{"b":1,"a":2}'))).toBe(false);
    expect(inCanonicalOrder(JSON.parse('{"a":[{"y":1,"x":2}]}'))).toBe(false);
    expect(inCanonicalOrder(JSON.parse('{"__proto__":1}'))).toBe(false);
    // integer-like keys: JavaScript lists "9" before "10", canonicalJson sorts "10" first
    expect(inCanonicalOrder(JSON.parse('{"10":1,"9":2}'))).toBe(false);
    expect(inCanonicalOrder([1, 'a', null, [{}]])).toBe(true);
  });
});
