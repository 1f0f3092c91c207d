import path from 'node:path';
import { createInterface } from 'node:readline';
import { openService, type Service } from '../../service';
import { ApiError } from '../../shared/contract/errors';
import type { ImportResult } from '../../shared/contract/slices/offline';
import { defaultDataDir } from '../paths';

/**
 * Offline laptops (issue 5) from the command line, through the same service
 * methods the app's screens call:
 *
 *   npm run cli -- sheet import FILE… [--data DIR] [--round CODE] [--commit] [--json]
 *   npm run cli -- package export --round CODE --out FILE [--data DIR]
 *
 * `sheet import` previews (writes nothing) unless --commit is given; several
 * files with --commit are merged in one transaction. The
 * agency key's passphrase for `package export` is read from LTC_KEY_PASSPHRASE,
 * or from the first line of standard input, never from the command line.
 */
export const OFFLINE_USAGE = [
  'sheet import FILE… [--data DIR] [--round CODE] [--commit] [--json]  check signed score sheets; merge them with --commit',
  'package export --round CODE --out FILE [--data DIR]                write the round package (agency key passphrase: LTC_KEY_PASSPHRASE or stdin)',
];

type Flags = Record<string, string | true>;

async function withService<T>(flags: Flags, now: (() => Date) | undefined, fn: (s: Service) => Promise<T>): Promise<T> {
  const dataDir = typeof flags.data === 'string' ? path.resolve(flags.data) : defaultDataDir();
  const service = await openService({ dataDir, ...(now ? { now } : {}) });
  try {
    return await fn(service);
  } finally {
    await service.close();
  }
}

async function roundIdOf(service: Service, code: string): Promise<string | null> {
  const r = (await service.call('rounds.list', {})).find((x) => x.code === code);
  return r?.id ?? null;
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

function importText(r: ImportResult): string {
  const lines = [`${r.file.name}  (${r.file.bytes} bytes, sha256 ${r.file.sha256})`];
  if (r.sheet) {
    lines.push(`  ${r.sheet.memberName}  第${r.sheet.seq}号评分表  批次 ${r.sheet.roundCode}  评分细则第${r.sheet.rubricVersion}版  ${r.sheet.applications}个申请 ${r.sheet.scores}条评分  签名时间 ${r.sheet.createdAt}`);
    lines.push(`  密钥指纹 ${r.sheet.keyFingerprint}  设备 ${r.sheet.deviceId}`);
  }
  const verdict = r.committed ? 'COMMITTED' : r.verdict === 'accept' ? 'OK (preview: nothing written; add --commit to merge)' : r.verdict.toUpperCase();
  lines.push(`  ${verdict}: ${r.message}`);
  if (r.verdict === 'accept') lines.push(`  新增 ${r.counts.new}  修改 ${r.counts.changed}  未变 ${r.counts.unchanged}`);
  for (const c of r.changes.slice(0, 20)) lines.push(`    修改 ${c.applicationId} ${c.criterionTitle}: ${c.before} → ${c.after}${c.reason ? `（${c.reason}）` : ''}`);
  for (const x of r.refusals.slice(0, 20)) lines.push(`    拒收 [${x.code}] ${x.message}`);
  if (r.refusalCount > 20) lines.push(`    … 另有${r.refusalCount - 20}处`);
  for (const w of r.warnings) lines.push(`  注意：${w}`);
  return `${lines.join('\n')}\n`;
}

async function readPassphrase(): Promise<string> {
  const env = process.env.LTC_KEY_PASSPHRASE;
  if (env) return env;
  if (process.stdin.isTTY) process.stderr.write('经办机构密钥口令: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

export async function offlineCommand(positionals: string[], flags: Flags, now?: () => Date): Promise<number> {
  const [group, verb, file] = positionals;
  const files = positionals.slice(2);
  try {
    if (group === 'sheet' && verb === 'import') {
      if (!file) {
        process.stderr.write(`usage: npm run cli -- ${OFFLINE_USAGE[0]}\n`);
        return 2;
      }
      return await withService(flags, now, async (service) => {
        let roundId: string | undefined;
        if (typeof flags.round === 'string') {
          roundId = (await roundIdOf(service, flags.round)) ?? undefined;
          if (!roundId) {
            process.stderr.write(`本机没有批次编号为“${flags.round}”的批次\n`);
            return 2;
          }
        }
        if (files.length > 1) {
          // several files: previewed one by one, or merged together in one transaction
          const results = flags.commit
            ? (await service.call('offline.importCommitMany', { paths: files.map((f) => path.resolve(f)), ...(roundId ? { roundId } : {}) })).results
            : await Promise.all(files.map((f) => service.call('offline.importPreview', { path: path.resolve(f), ...(roundId ? { roundId } : {}) })));
          await write(flags.json ? `${JSON.stringify(results, null, 2)}\n` : results.map(importText).join(''));
          return results.some((r) => r.verdict === 'refused') ? 1 : 0;
        }
        const input = { path: path.resolve(file), ...(roundId ? { roundId } : {}) };
        let r: ImportResult;
        if (flags.commit) {
          try {
            r = await service.call('offline.importCommit', input);
          } catch (e) {
            if (!(e instanceof ApiError) || e.code === 'NOT_FOUND') throw e;
            // refused: show the full preview (with every reason) the refusal was recorded with
            r = await service.call('offline.importPreview', input);
          }
        } else r = await service.call('offline.importPreview', input);
        await write(flags.json ? `${JSON.stringify(r, null, 2)}\n` : importText(r));
        return r.verdict === 'refused' ? 1 : 0;
      });
    }
    if (group === 'package' && verb === 'export') {
      if (typeof flags.round !== 'string' || typeof flags.out !== 'string') {
        process.stderr.write(`usage: npm run cli -- ${OFFLINE_USAGE[1]}\n`);
        return 2;
      }
      const code = flags.round;
      const out = path.resolve(flags.out);
      return await withService(flags, now, async (service) => {
        const roundId = await roundIdOf(service, code);
        if (!roundId) {
          process.stderr.write(`本机没有批次编号为“${code}”的批次\n`);
          return 2;
        }
        const r = await service.call('offline.exportPackage', { roundId, outPath: out, passphrase: await readPassphrase() });
        await write(
          `评分包已写入 ${r.path}\n  ${r.bytes} bytes, sha256 ${r.sha256}\n  ${r.applications}个申请，${r.members}位成员；经办机构密钥指纹 ${r.agencyFingerprint}\n` +
            (r.membersWithoutKey.length > 0 ? `  注意：${r.membersWithoutKey.join('、')}尚未登记公钥，不能用此评分包签名评分表\n` : ''),
        );
        return 0;
      });
    }
  } catch (e) {
    if (e instanceof ApiError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  process.stderr.write(`usage:\n${OFFLINE_USAGE.map((u) => `  npm run cli -- ${u}`).join('\n')}\n`);
  return 2;
}
