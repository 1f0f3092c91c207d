import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** A database or a transaction: every query takes one as its first argument. */
export type Db = Kysely<Database>;
