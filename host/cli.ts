import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { openService, DB_FILE_NAME } from '../service';
import { buildDemoRound } from '../service/demo';
import { todayIso } from '../shared/calendar/workingDays';
import { ApiError } from '../shared/contract/errors';
import { defaultDataDir, parseArgs, clockFrom } from './paths';
import { rulesCommand, RULES_USAGE } from './commands/rules';
import { auditCommand, AUDIT_USAGE } from './commands/audit';
import { offlineCommand, OFFLINE_USAGE } from './commands/offline';
import { lettersCommand, noticeCommand, LETTERS_USAGE } from './commands/letters';

/**
 * Headless batch jobs over the same service the app uses:
 *   npm run cli -- demo --out DIR [--today YYYY-MM-DD]
 *   npm run cli -- rounds [--data DIR] [--json]
 *   npm run cli -- rules [--profile ID] [--version N] [--data DIR] [--json]
 *   npm run cli -- audit verify [--data DIR] [--json]
 *   npm run cli -- sheet import FILE [--data DIR] [--commit]   |   package export --round CODE --out FILE
 *   npm run cli -- letters --round CODE [--out DIR] [--p12 FILE --passphrase-env VAR]   |   notice --round CODE --start YYYY-MM-DD [--days N]
 */

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  demo --out DIR [--today YYYY-MM-DD]   build a demo review round in a fresh database under DIR
  rounds [--data DIR] [--json]          list review rounds with their counts and next deadline
  ${RULES_USAGE}
  ${AUDIT_USAGE}
  ${OFFLINE_USAGE.join('\n  ')}
  ${LETTERS_USAGE.join('\n  ')}
  help                                  this text

--data DIR defaults to ${defaultDataDir()}`;

async function main(argv: string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  const cmd = positionals[0] ?? 'help';
  const today = typeof flags.today === 'string' ? flags.today : process.env.LTC_TODAY;
  const now = clockFrom(today);

  switch (cmd) {
    case 'demo': {
      if (typeof flags.out !== 'string') {
        process.stderr.write('demo needs --out DIR\n');
        return 2;
      }
      const dir = path.resolve(flags.out);
      if (existsSync(path.join(dir, DB_FILE_NAME))) {
        process.stderr.write(`${dir} already holds a database; choose an empty folder\n`);
        return 2;
      }
      const service = await openService({ dataDir: dir, ...(now ? { now } : {}) });
      try {
        const report = await buildDemoRound(service, todayIso(service.ctx.now()), { documentsDir: dir });
        process.stdout.write(`demo database: ${path.join(dir, DB_FILE_NAME)}\n`);
        for (const l of report.lines) process.stdout.write(`  ${l}\n`);
        const summary = await service.call('rounds.get', { roundId: report.roundId });
        process.stdout.write(
          `round “${summary.name}”: ${summary.applicationCount} applications, ${summary.pendingFormalCheck} in formal check, ${summary.openNotices} awaiting supplements\n`,
        );
        process.stdout.write(`open it with: npm run dev:web -- --data ${dir}   (or the desktop app with --data ${dir})\n`);
        const files = readdirSync(dir);
        process.stdout.write(`files: ${files.join(', ')}\n`);
      } finally {
        await service.close();
      }
      return 0;
    }
    case 'rounds': {
      const dataDir = typeof flags.data === 'string' ? flags.data : defaultDataDir();
      const service = await openService({ dataDir, ...(now ? { now } : {}) });
      try {
        const rounds = await service.call('rounds.list', {});
        if (flags.json) process.stdout.write(`${JSON.stringify(rounds, null, 2)}\n`);
        else
          for (const r of rounds) {
            const d = r.nextDeadline ? `${r.nextDeadline.date}${r.nextDeadline.provisional ? ' (provisional)' : ''} ${r.nextDeadline.what}` : '-';
            process.stdout.write(`${r.code}\t${r.status}\t${r.applicationCount} applications\tnext: ${d}\t${r.name}\n`);
          }
      } finally {
        await service.close();
      }
      return 0;
    }
    case 'rules':
      return rulesCommand(flags, now);
    case 'audit':
      return auditCommand(positionals[1], flags, now);
    case 'letters':
      return lettersCommand(flags, now);
    case 'notice':
      return noticeCommand(flags, now);
    case 'sheet':
    case 'package':
      return offlineCommand(positionals, flags, now);
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`unknown command “${cmd}”\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof ApiError ? e.logMessage : (e as Error).stack}\n`);
    process.exit(1);
  },
);
