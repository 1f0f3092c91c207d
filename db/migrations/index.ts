import type { Kysely } from 'kysely';
import * as m001 from './001_init';

export interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>): Promise<void>;
}

/** The registry: append only, never renumber, never edit a shipped migration. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'init', up: m001.up }];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
