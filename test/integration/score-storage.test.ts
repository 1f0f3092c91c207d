import BetterSqlite3 from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { LATEST_VERSION } from '../../db/migrations';
import { openDatabase, type OpenDatabase } from '../../db/open';
import type { Database } from '../../db/schema';
import { appendAudit, verifyAudit } from '../../db/queries/audit';
import { listMemberScores, rebuildMemberScoreLines } from '../../db/queries/offline';
import { insertScoresBulk, listScoreLines, rebuildScoreLines, type ScoreInsert } from '../../db/queries/scores';
import { uuidv7 } from '../../service/ids';

/**
 * Score storage (migration 008 and the bulk insert): a database left behind
 * by the previous release (schema version 7), holding scores with random
 * version-4 ids and correction chains, score lines and an audit chain, is
 * upgraded in place; nothing is lost or changed, the chain-root index is
 * re-keyed by member, and the member queries and the bulk insert give what
 * the whole-table queries gave.
 */

const dirs: string[] = [];
const AT = '2025-10-20T04:00:00.000Z';
const CRITERIA = ['c0', 'c1', 'c2', 'c3'];
const ids = { round: randomUUID(), rubric: randomUUID(), apps: [randomUUID(), randomUUID(), randomUUID()], members: [randomUUID(), randomUUID(), randomUUID()] };
let file: string;

function tempFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-score-storage-'));
  dirs.push(dir);
  return path.join(dir, 'review.sqlite');
}

const score = (over: Partial<ScoreInsert> & Pick<ScoreInsert, 'member_id' | 'application_id' | 'criterion_id' | 'points'>): ScoreInsert => ({
  id: randomUUID(),
  round_id: ids.round,
  rubric_id: ids.rubric,
  rubric_version: 1,
  comment: null,
  supersedes: null,
  reason: null,
  entered_by: '专家',
  entered_at: AT,
  ...over,
});

/** A version-7 database as the previous release left it, with scores, corrections, lines and audit entries. */
async function buildVersion7(target: string) {
  const sqlite = new BetterSqlite3(target);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    expect(await migrate(db, { to: 7 })).toEqual({ from: 0, to: 7 });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const any = db as unknown as Kysely<any>;
    await any.insertInto('region_profile').values({ id: 'p', version: 1, json: '{}', builtin: 0, created_at: AT }).execute();
    await any
      .insertInto('round')
      .values({ id: ids.round, code: 'OLD-1', name: '旧批次', region: '乌鲁木齐市', profile_id: 'p', profile_version: 1, quota_json: '{}', opened_on: '2025-09-01', status: 'open', created_at: AT })
      .execute();
    for (const [i, id] of ids.apps.entries()) {
      await any
        .insertInto('application')
        .values({ id, round_id: ids.round, seq: i + 1, application_no: `OLD-1-${i + 1}`, status: 'accepted', name: `机构${i}`, uscc: `U${i}`, institution_type: 'elderly_care', received_on: '2025-09-02', data_json: '{}', created_at: AT, updated_at: AT })
        .execute();
    }
    for (const [i, id] of ids.members.entries()) {
      const person = randomUUID();
      await any.insertInto('person').values({ id: person, name: `专家${i}`, fields_json: '[]', created_at: AT, updated_at: AT }).execute();
      await any.insertInto('panel_member').values({ id, round_id: ids.round, person_id: person, role: i === 0 ? 'chair' : 'member', added_at: AT }).execute();
    }
    await any.insertInto('rubric').values({ id: ids.rubric, round_id: ids.round, version: 1, status: 'frozen', definition_json: '{}', created_at: AT, created_by: '经办员' }).execute();
    await db.transaction().execute(async (trx) => {
      let minute = 0;
      const at = () => `2025-10-20T04:${String(minute++ % 60).padStart(2, '0')}:00.000Z`;
      const rows: ScoreInsert[] = [];
      for (const m of ids.members) for (const a of ids.apps) for (const c of CRITERIA) rows.push(score({ member_id: m, application_id: a, criterion_id: c, points: 1 + CRITERIA.indexOf(c) * 0.5, entered_at: at() }));
      // corrections, entered later: a chain of three for member 0, two for member 1
      const c1 = score({ member_id: ids.members[0]!, application_id: ids.apps[0]!, criterion_id: 'c0', points: 3, supersedes: rows[0]!.id, reason: '复核', entered_at: '2025-10-21T01:00:00.000Z' });
      const c2 = score({ member_id: ids.members[0]!, application_id: ids.apps[0]!, criterion_id: 'c0', points: 3.5, supersedes: c1.id, reason: '再复核', entered_at: '2025-10-21T02:00:00.000Z' });
      const c3 = score({ member_id: ids.members[1]!, application_id: ids.apps[1]!, criterion_id: 'c2', points: 0, supersedes: rows[12 + 4 + 2]!.id, reason: '更正', entered_at: '2025-10-21T03:00:00.000Z' });
      // written as the previous release did: kysely inserts
      for (const r of [...rows, c1, c2, c3]) await trx.insertInto('score').values({ ...r, origin: 'local' }).execute();
      await rebuildScoreLines(trx, ids.rubric, CRITERIA);
      await appendAudit(trx, { at: AT, actor: '经办员', action: 'scoring.save', entity: 'round', entityId: ids.round, after: { rows: rows.length } });
      await appendAudit(trx, { at: AT, actor: '经办员', action: 'scoring.correct', entity: 'round', entityId: ids.round, after: { rows: 3 } });
    });
    expect(sqlite.pragma('user_version', { simple: true })).toBe(7);
  } finally {
    await db.destroy();
  }
}

function snapshot(target: string) {
  const db = new BetterSqlite3(target, { readonly: true });
  try {
    const digest = (q: string) => createHash('sha256').update(JSON.stringify(db.prepare(q).all())).digest('hex');
    return {
      scores: digest('select * from score order by id'),
      scoreCount: (db.prepare('select count(*) n from score').get() as { n: number }).n,
      lines: digest('select rubric_id, application_id, member_id, total, scored, hex(points_x10) p from score_line order by application_id, member_id'),
      audit: digest('select * from audit_log order by seq'),
    };
  } finally {
    db.close();
  }
}

let opened: OpenDatabase;
let before: ReturnType<typeof snapshot>;

beforeAll(async () => {
  file = tempFile();
  await buildVersion7(file);
  before = snapshot(file);
  opened = await openDatabase(file);
});

afterAll(async () => {
  await opened?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const rawDb = () => opened.sqlite;

describe('migration 008 on a populated version-7 database', () => {
  it('upgrades to the latest version without losing or changing a row', async () => {
    expect(rawDb().pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(8);
    await opened.close();
    expect(snapshot(file)).toEqual(before);
    expect(before.scoreCount).toBe(39);
    // opening again changes nothing
    opened = await openDatabase(file);
    expect(snapshot(file)).toEqual(before);
    expect(await verifyAudit(opened.db)).toEqual({ ok: true, entries: 2 });
  });

  it('keys the chain roots by member, still unique per criterion chain', () => {
    const cols = (rawDb().prepare(`select name from pragma_index_info('score_root_uq') order by seqno`).all() as { name: string }[]).map((r) => r.name);
    expect(cols).toEqual(['rubric_id', 'member_id', 'application_id', 'criterion_id']);
    const idx = rawDb().prepare(`select "unique" u, partial p from pragma_index_list('score') where name = 'score_root_uq'`).get() as { u: number; p: number };
    expect(idx).toEqual({ u: 1, p: 1 });
    const dup = rawDb().prepare(
      `insert into score (id, round_id, rubric_id, rubric_version, member_id, application_id, criterion_id, points, entered_by, entered_at) values (?, ?, ?, 1, ?, ?, 'c1', 1, '专家', ?)`,
    );
    expect(() => dup.run(randomUUID(), ids.round, ids.rubric, ids.members[2], ids.apps[2], AT)).toThrow(/UNIQUE/);
  });

  it("reads a member's rows and rebuilds a member's lines as the whole-table queries did", async () => {
    const old = rawDb().prepare('select id, application_id, criterion_id, points, comment, supersedes, reason, entered_at, origin from score where rubric_id = ? and member_id = ? order by entered_at, rowid');
    for (const m of ids.members) expect(await listMemberScores(opened.db, ids.rubric, m)).toEqual(old.all(ids.rubric, m));
    const whole = await listScoreLines(opened.db, ids.rubric);
    await opened.db.transaction().execute(async (trx) => {
      // members 0 and 1 have corrections, member 2 has none (the roots-only path)
      for (const m of ids.members) await rebuildMemberScoreLines(trx, ids.rubric, m, CRITERIA);
    });
    const key = (l: { application_id: string; member_id: string }) => `${l.application_id}|${l.member_id}`;
    const sort = <T extends { application_id: string; member_id: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    const again = await listScoreLines(opened.db, ids.rubric);
    expect(sort(again)).toEqual(sort(whole));
    const corrected = again.find((l) => l.member_id === ids.members[0] && l.application_id === ids.apps[0])!;
    expect(corrected.total).toBe(3.5 + 1.5 + 2 + 2.5);
    expect([...corrected.points_x10]).toEqual([0, 35, 0, 15, 0, 20, 0, 25]);
  });
});

describe('the bulk score insert', () => {
  it('refuses to run outside a transaction', async () => {
    await expect(insertScoresBulk(opened.db, [score({ member_id: ids.members[0]!, application_id: ids.apps[0]!, criterion_id: 'x', points: 1 })])).rejects.toThrow(/inside a transaction/);
  });

  it('writes every row as given, in 500-row statements and row by row, chains included', async () => {
    const rows: ScoreInsert[] = [];
    // 520 rows of member 0 (one full statement, then 20 one by one), a correction inside the first statement,
    // then rows of member 1 and 2 interleaved (never 500 alike: row by row), and a correction of a row written earlier
    for (let i = 0; i < 520; i++) {
      rows.push(score({ id: uuidv7(), member_id: ids.members[0]!, application_id: ids.apps[i % 3]!, criterion_id: `n${i}`, points: (i % 10) / 2, comment: i % 7 === 0 ? '现场核查' : null, origin: 'device-a', entered_at: `2025-10-22T0${i % 10}:00:00.000Z` }));
    }
    rows.splice(300, 0, score({ id: uuidv7(), member_id: ids.members[0]!, application_id: rows[10]!.application_id, criterion_id: rows[10]!.criterion_id, points: 4.5, supersedes: rows[10]!.id, reason: '复核', origin: 'device-a' }));
    for (let i = 0; i < 30; i++) rows.push(score({ id: uuidv7(), member_id: ids.members[1 + (i % 2)]!, application_id: ids.apps[0]!, criterion_id: `m${i}`, points: 1 }));
    rows.push(score({ id: uuidv7(), member_id: ids.members[0]!, application_id: rows[0]!.application_id, criterion_id: rows[0]!.criterion_id, points: 0.5, supersedes: rows[0]!.id, reason: '更正' }));
    const before = (rawDb().prepare('select count(*) n from score').get() as { n: number }).n;
    await opened.db.transaction().execute((trx) => insertScoresBulk(trx, rows));
    const stored = rawDb()
      .prepare(`select id, round_id, rubric_id, rubric_version, member_id, application_id, criterion_id, points, comment, supersedes, reason, entered_by, entered_at, origin from score where id in (select value from json_each(?))`)
      .all(JSON.stringify(rows.map((r) => r.id))) as ScoreInsert[];
    const byId = new Map(stored.map((r) => [r.id, r]));
    expect(stored).toHaveLength(rows.length);
    for (const r of rows) expect(byId.get(r.id)).toEqual({ ...r, origin: r.origin ?? 'local' });
    expect((rawDb().prepare('select count(*) n from score').get() as { n: number }).n).toBe(before + rows.length);
    // the points keep their type: REAL, as the row-by-row insert stored them
    expect(rawDb().prepare(`select distinct typeof(points) t from score`).all()).toEqual([{ t: 'real' }]);
  });

  it('fails the whole statement on an id already used, with the code the sheet import recognises', async () => {
    const existing = (rawDb().prepare('select id from score limit 1').get() as { id: string }).id;
    const count = () => (rawDb().prepare('select count(*) n from score').get() as { n: number }).n;
    const n = count();
    const rows = Array.from({ length: 600 }, (_, i) => score({ id: i === 450 ? existing : uuidv7(), member_id: ids.members[1]!, application_id: ids.apps[2]!, criterion_id: `k${i}`, points: 1 }));
    const err = await opened.db
      .transaction()
      .execute((trx) => insertScoresBulk(trx, rows))
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(count()).toBe(n);
    // and a correction pointing at no row is refused by its foreign key
    const orphan = [score({ id: uuidv7(), member_id: ids.members[1]!, application_id: ids.apps[2]!, criterion_id: 'k0', points: 1, supersedes: randomUUID() })];
    await expect(opened.db.transaction().execute((trx) => insertScoresBulk(trx, orphan))).rejects.toThrow(/FOREIGN KEY/);
    expect(count()).toBe(n);
  });
});
