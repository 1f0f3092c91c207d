import type { Kysely } from 'kysely';
import * as m001 from './001_init';
import * as m002 from './002_documents';
import * as m003 from './003_review_checklist';
import * as m004 from './004_panel_scoring';
import * as m005 from './005_deliberation';
import * as m006 from './006_offline';
import * as m007 from './007_public_notice';
import * as m008 from './008_score_member_index';
import * as m009 from './009_deliberation_arrival';

export interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>): Promise<void>;
}

/** The registry: append only, never renumber, never edit a shipped migration. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', up: m001.up },
  { version: 2, name: 'documents', up: m002.up },
  { version: 3, name: 'review_checklist', up: m003.up },
  { version: 4, name: 'panel_scoring', up: m004.up },
  { version: 5, name: 'deliberation', up: m005.up },
  { version: 6, name: 'offline', up: m006.up },
  { version: 7, name: 'public_notice', up: m007.up },
  { version: 8, name: 'score_member_index', up: m008.up },
  { version: 9, name: 'deliberation_arrival', up: m009.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
