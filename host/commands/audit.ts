import path from 'node:path';
import { existsSync } from 'node:fs';
import { openService, DB_FILE_NAME } from '../../service';
import { defaultDataDir } from '../paths';

/**
 *   npm run cli -- audit verify [--data DIR] [--json]
 *
 * Walks the audit log's hash chain, compares its last entry with the audit
 * head and checks every sealed meeting's recorded head. Prints OK with the
 * entry count (exit 0), or the first broken link (exit 1).
 */
export const AUDIT_USAGE = 'audit verify [--data DIR] [--json]        verify the audit log (hash chain, head, sealed minutes); exit 1 on the first broken link';

function write(s: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(s, (e) => (e ? reject(e) : resolve())));
}

export async function auditCommand(sub: string | undefined, flags: Record<string, string | true>, now?: () => Date): Promise<number> {
  if (sub !== 'verify') {
    process.stderr.write(`usage: npm run cli -- ${AUDIT_USAGE}\n`);
    return 2;
  }
  const dataDir = typeof flags.data === 'string' ? path.resolve(flags.data) : defaultDataDir();
  if (!existsSync(path.join(dataDir, DB_FILE_NAME))) {
    process.stderr.write(`no database in ${dataDir} (expected ${DB_FILE_NAME})\n`);
    return 2;
  }
  const service = await openService({ dataDir, ...(now ? { now } : {}) });
  try {
    const v = await service.call('audit.verify', {});
    if (flags.json) await write(`${JSON.stringify(v, null, 2)}\n`);
    else if (v.ok) await write(`OK ${v.entries} entries; head ${v.head?.seq ?? 0} ${v.head?.hash.slice(0, 16) ?? ''}; ${v.sealsChecked} sealed meeting(s) checked\n`);
    else await write(`BROKEN at entry ${v.broken!.seq} (${v.broken!.kind}): ${v.broken!.detail}\n${v.broken!.message}\n${v.entries} entries present\n`);
    return v.ok ? 0 : 1;
  } finally {
    await service.close();
  }
}
