import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrate } from './migrate';
import { registerConnection } from './raw';

export interface OpenDatabase {
  db: Kysely<Database>;
  /** the raw handle, for pragmas and checkpoints; queries go through kysely (bulk score inserts reach it through db/raw.ts, inside a kysely transaction) */
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the review database, switches on WAL and foreign
 * keys, and applies pending migrations before anything else can touch it.
 */
export async function openDatabase(file: string): Promise<OpenDatabase> {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a vote acknowledged on screen must survive a power cut, not only a crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: sqlite,
      // bulk paths reach the handle through the connection they run on (db/raw.ts)
      onCreateConnection: async (connection) => registerConnection(connection, sqlite),
    }),
  });
  try {
    await migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return {
    db,
    sqlite,
    close: () => db.destroy(),
  };
}
