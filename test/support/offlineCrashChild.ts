/**
 * Run as a separate process by test/integration/offline.test.ts: opens the
 * clerk's database, starts merging a sheet and kills itself (SIGKILL: no
 * cleanup, no rollback) right after the scores are inserted, inside the
 * import's transaction — a power cut in the middle of an import.
 *
 *   node --import tsx test/support/offlineCrashChild.ts DATA_DIR SHEET_FILE
 */
import { openService } from '../../service';
import { importHooks } from '../../service/offline/sheet';

const [dataDir, sheet] = process.argv.slice(2);
if (!dataDir || !sheet) throw new Error('usage: offlineCrashChild.ts DATA_DIR SHEET_FILE');
const service = await openService({ dataDir, now: () => new Date('2025-10-20T04:00:00Z') });
importHooks.afterInsert = () => {
  process.stdout.write('scores inserted, killing the process\n');
  process.kill(process.pid, 'SIGKILL');
};
await service.call('offline.importCommit', { path: sheet });
process.stdout.write('committed (should never be printed)\n');
