import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseConnection, Kysely } from 'kysely';

/**
 * The better-sqlite3 handle behind a kysely database or transaction, for the
 * few bulk paths (tens of thousands of rows) where building or preparing a
 * statement per call costs more than the insert itself. Registered by
 * db/open.ts when kysely creates its (single) connection, and looked up from
 * whatever connection the given database or transaction is running on, so
 * the work joins that transaction.
 */
const handles = new WeakMap<DatabaseConnection, BetterSqlite3.Database>();

export function registerConnection(connection: DatabaseConnection, sqlite: BetterSqlite3.Database) {
  handles.set(connection, sqlite);
}

/**
 * Runs `fn` with the raw handle of `db`'s connection, while holding that
 * connection (no other query of this process runs in between). Refuses to run
 * outside a transaction: a bulk write must be all-or-nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function inTransactionSqlite<T>(db: Kysely<any>, fn: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
  return db.getExecutor().provideConnection(async (connection) => {
    const sqlite = handles.get(connection);
    if (!sqlite) throw new Error('no SQLite handle registered for this connection (open the database with openDatabase)');
    if (!sqlite.inTransaction) throw new Error('bulk writes must run inside a transaction');
    return fn(sqlite);
  });
}

/** Statements prepared once per handle and SQL text (bulk paths only: a small, fixed set). */
const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function cachedStatement(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let m = statements.get(sqlite);
  if (!m) statements.set(sqlite, (m = new Map()));
  let st = m.get(text);
  if (!st) m.set(text, (st = sqlite.prepare(text)));
  return st;
}
