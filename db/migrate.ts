import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { MIGRATIONS, LATEST_VERSION } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `Database schema version ${found} is newer than this app understands (${LATEST_VERSION}); refusing to open it.`,
    );
  }
}

export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return r.rows[0]?.user_version ?? 0;
}

/**
 * Brings the file up to LATEST_VERSION, one migration per transaction, with
 * PRAGMA user_version moved inside the same transaction so a crash leaves the
 * file at a whole version. A file from a newer app is refused, not "fixed".
 */
export async function migrate(db: Kysely<Database>, opts: { to?: number } = {}): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db);
  if (from > LATEST_VERSION) throw new DatabaseTooNewError(from);
  // `to` (tests only): stop at an older version, to build the database an earlier release left behind
  const to = Math.min(opts.to ?? LATEST_VERSION, LATEST_VERSION);
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > to) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx);
      await sql.raw(`PRAGMA user_version = ${Number(m.version)}`).execute(trx);
    });
  }
  return { from, to: Math.max(from, to) };
}
