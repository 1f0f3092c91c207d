import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openService, DB_FILE_NAME } from '../../service';
import { ApiError } from '../../shared/contract/errors';
import type { Catalogue } from '../../shared/rules/eligibility/schemas';
import { defaultDataDir } from '../paths';

/**
 *   npm run cli -- rules [--profile ID] [--version N] [--data DIR] [--json]
 *
 * The rule catalogue of a region profile (all profiles without --profile), read
 * through the service exactly as the app's catalogue screen reads it. Without
 * --data it uses the app's data folder when a database exists there (so agency
 * copies are listed too), else a throwaway database with the builtin profiles.
 */
export const RULES_USAGE =
  'rules [--profile ID] [--version N] [--data DIR] [--json]   list the eligibility rules of a region profile (all profiles without --profile)';

export async function rulesCommand(flags: Record<string, string | true>, now?: () => Date): Promise<number> {
  const profileId = typeof flags.profile === 'string' ? flags.profile : undefined;
  if (flags.profile === true) {
    process.stderr.write('--profile needs an id, e.g. --profile xinjiang-bingtuan\n');
    return 2;
  }
  let version: number | undefined;
  if (flags.version !== undefined) {
    version = typeof flags.version === 'string' && /^\d+$/.test(flags.version) ? Number(flags.version) : NaN;
    if (!Number.isInteger(version) || version < 1 || !profileId) {
      process.stderr.write('--version needs a positive integer and --profile ID\n');
      return 2;
    }
  }

  let dataDir = typeof flags.data === 'string' ? path.resolve(flags.data) : defaultDataDir();
  let scratch: string | null = null;
  if (typeof flags.data !== 'string' && !existsSync(path.join(dataDir, DB_FILE_NAME))) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'ltc-rules-'));
    dataDir = scratch;
  }
  const service = await openService({ dataDir, ...(now ? { now } : {}) });
  try {
    const ids = profileId ? [profileId] : (await service.call('profiles.list', {})).map((p) => p.id);
    const catalogues: Catalogue[] = [];
    for (const id of ids) catalogues.push(await service.call('rules.catalogue', { profileId: id, ...(version ? { version } : {}) }));
    const out = flags.json ? `${JSON.stringify(profileId ? catalogues[0] : catalogues, null, 2)}\n` : catalogues.map(catalogueText).join('');
    // The CLI exits right after: wait until a piped stdout has taken everything.
    await new Promise<void>((resolve, reject) => process.stdout.write(out, (e) => (e ? reject(e) : resolve())));
    return 0;
  } catch (e) {
    if (e instanceof ApiError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await service.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function catalogueText(c: Catalogue): string {
  const lines = [`${c.profile.name}（${c.profile.id} 第${c.profile.version}版，${c.profile.sourceFile}）：${c.rules.length} 条规则`];
  for (const r of c.rules) {
    lines.push(`  ${r.id}  [${r.kindLabel}] ${r.title} — ${r.sources.map((s) => s.text).join('、')}`);
    lines.push(`      要求：${r.requirement}；${r.scope}`);
    for (const t of r.thresholds) lines.push(`      阈值：${t.label} = ${t.value}${t.unit}${t.inferred ? '（推定）' : ''}${t.condition ? `，条件：${t.condition}` : ''}`);
    for (const f of r.fixedValues) lines.push(`      固定值：${f.label} = ${f.value}${f.unit}`);
    if (r.inputs.length > 0) lines.push(`      读取：${r.inputs.map((i) => `${i.label}（${i.key}）`).join('、')}`);
  }
  if (c.notInProfile.length > 0) lines.push(`  本地区未设：${c.notInProfile.map((r) => r.title).join('、')}`);
  return `${lines.join('\n')}\n\n`;
}
