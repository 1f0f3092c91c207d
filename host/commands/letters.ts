import path from 'node:path';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { openService, DB_FILE_NAME, type Service } from '../../service';
import { cancelBatch, startBatch, waitForBatch } from '../../service/documents/batch/jobs';
import { BATCH_KINDS, type BatchKind, type BatchStatus } from '../../shared/contract/slices/roundDocuments';
import type { NoticeView } from '../../shared/contract/slices/publicNotice';
import { defaultDataDir } from '../paths';

/**
 *   npm run cli -- letters --round CODE [--data DIR] [--out DIR] [--kinds resultLetters,minutes,filingForm,publicNotice | --all]
 *                          [--meeting N] [--workers N] [--p12 FILE --passphrase-env VAR] [--json]
 *   npm run cli -- notice --round CODE --start YYYY-MM-DD [--days N] [--data DIR] [--out DIR]
 *                          [--objection-address TEXT --objection-phone TEXT] [--p12 FILE --passphrase-env VAR] [--json]
 *   npm run cli -- notice --round CODE [--finalise] [--data DIR] [--json]
 *
 * The same service calls the app makes, headless. Progress goes to stderr,
 * the result to stdout. The certificate passphrase is read from the
 * environment variable named by --passphrase-env (never from the command
 * line); --p12 imports the certificate into the data folder as the settings
 * screen does, without it an already imported certificate is unlocked.
 */
export const LETTERS_USAGE = [
  'letters --round CODE [--data DIR] [--out DIR] [--kinds K1,K2 | --all] [--meeting N] [--p12 FILE --passphrase-env VAR]',
  '                                      result letters (and minutes, 备案表, 公示) of a round in one batch: a folder + one combined PDF',
  'notice --round CODE --start YYYY-MM-DD [--days N] [--data DIR] [--out DIR] [--p12 FILE --passphrase-env VAR]',
  '                                      create the 公示 of the round’s 合格 institutions and write its PDF',
  'notice --round CODE [--finalise] [--data DIR]   list the round’s 公示 (or fix the final list once the period is over)',
];

type Flags = Record<string, string | true>;

const str = (f: Flags, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);

function err(s: string): void {
  process.stderr.write(s);
}

async function withService(flags: Flags, now: (() => Date) | undefined, fn: (s: Service) => Promise<number>): Promise<number> {
  const dataDir = path.resolve(str(flags, 'data') ?? defaultDataDir());
  if (!existsSync(path.join(dataDir, DB_FILE_NAME))) {
    err(`no database in ${dataDir} (expected ${DB_FILE_NAME})\n`);
    return 2;
  }
  const service = await openService({ dataDir, ...(now ? { now } : {}) });
  try {
    return await fn(service);
  } finally {
    await service.close();
  }
}

async function roundByCode(s: Service, code: string | undefined) {
  if (!code) throw new UsageError('needs --round CODE');
  const r = (await s.call('rounds.list', {})).find((x) => x.code === code);
  if (!r) throw new UsageError(`no round with code ${code}`);
  return r;
}

class UsageError extends Error {}

/** --p12 FILE --passphrase-env VAR: import (or, without --p12, unlock) the agency certificate. */
async function certificate(s: Service, flags: Flags): Promise<void> {
  const p12 = str(flags, 'p12');
  const envName = str(flags, 'passphrase-env');
  if (!p12 && !envName) return;
  if (!envName) throw new UsageError('--p12 needs --passphrase-env VAR (the passphrase is read from that environment variable)');
  const passphrase = process.env[envName];
  if (!passphrase) throw new UsageError(`environment variable ${envName} is empty or not set`);
  const st = p12
    ? await s.call('documents.certificate.import', { path: path.resolve(p12), passphrase })
    : await s.call('documents.certificate.unlock', { passphrase });
  err(`certificate ${p12 ? 'imported' : 'unlocked'}: ${st.subject} (valid to ${st.validTo?.slice(0, 10)})\n`);
}

function progressLine(st: BatchStatus): string {
  const phase = st.phase === 'combining' ? '打印合订本' : st.phase === 'finished' ? st.stateLabel : (st.current ?? '启动后台线程…');
  return `[${st.done}/${st.total}] ${phase}`;
}

export async function lettersCommand(flags: Flags, now?: () => Date): Promise<number> {
  try {
    return await withService(flags, now, async (s) => {
      const round = await roundByCode(s, str(flags, 'round'));
      await certificate(s, flags);
      const kinds: BatchKind[] = flags.all
        ? [...BATCH_KINDS]
        : (str(flags, 'kinds') ?? 'resultLetters').split(',').map((k) => {
            if (!(BATCH_KINDS as readonly string[]).includes(k.trim())) throw new UsageError(`unknown kind ${k}; one of ${BATCH_KINDS.join(', ')}`);
            return k.trim() as BatchKind;
          });
      let meetingId: string | null = null;
      if (str(flags, 'meeting')) {
        const st = await s.call('deliberation.status', { roundId: round.id });
        const m = st.meetings.find((x) => String(x.seq) === str(flags, 'meeting'));
        if (!m) throw new UsageError(`round ${round.code} has no meeting ${str(flags, 'meeting')}`);
        meetingId = m.meetingId;
      }
      const workers = str(flags, 'workers') ? Number(str(flags, 'workers')) : undefined;
      const started = await startBatch(s.ctx, { roundId: round.id, kinds, meetingId, ...(str(flags, 'out') ? { outDir: str(flags, 'out')! } : {}), ...(workers ? { workers } : {}) });
      if (started.draftReason) err(`note: ${started.draftReason}\n`);
      for (const n of started.notes) err(`note: ${n}\n`);
      let cancelled = false;
      const onSigint = () => {
        if (cancelled) return;
        cancelled = true;
        err('\ncancelling after the current document…\n');
        void cancelBatch(s.ctx, started.jobId);
      };
      process.on('SIGINT', onSigint);
      const tty = process.stderr.isTTY;
      let last = '';
      const done = await waitForBatch(s.ctx, started.jobId, (st) => {
        const line = progressLine(st);
        if (line === last) return;
        last = line;
        err(tty ? `\r\x1b[K${line}` : `${line}\n`);
      });
      process.off('SIGINT', onSigint);
      if (tty) err('\n');
      if (flags.json) process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
      else {
        process.stdout.write(`${done.stateLabel}: ${done.documents.length} of ${done.total} documents in ${(done.elapsedMs / 1000).toFixed(1)} s (${done.signed ? 'signed' : 'unsigned drafts'})\n`);
        process.stdout.write(`folder: ${done.folder}\n`);
        if (done.combined) process.stdout.write(`combined PDF for printing (${done.combined.pages} pages): ${done.combined.path}\n`);
        for (const e of done.errors) process.stdout.write(`error: ${e.label}: ${e.message}\n`);
        if (done.message) process.stdout.write(`${done.message}\n`);
      }
      return done.state === 'done' && done.errors.length === 0 ? 0 : done.state === 'cancelled' ? 130 : 1;
    });
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\nusage: npm run cli -- ${LETTERS_USAGE[0]}\n`);
      return 2;
    }
    throw e;
  }
}

export async function noticeCommand(flags: Flags, now?: () => Date): Promise<number> {
  try {
    return await withService(flags, now, async (s) => {
      const round = await roundByCode(s, str(flags, 'round'));
      const address = str(flags, 'objection-address');
      const phone = str(flags, 'objection-phone');
      if (address || phone) {
        const rs = await s.call('documents.resultSettings.get', {});
        await s.call('documents.resultSettings.set', { ...rs, ...(address ? { objectionAddress: address } : {}), ...(phone ? { objectionPhone: phone } : {}) });
      }
      await certificate(s, flags);
      const start = str(flags, 'start');
      if (start) {
        const days = str(flags, 'days') ? Number(str(flags, 'days')) : undefined;
        err(`creating the 公示 of ${round.code} from ${start}…\n`);
        const v = await s.call('publicNotice.create', { roundId: round.id, startOn: start, ...(days !== undefined ? { workingDays: days } : {}) });
        if (str(flags, 'out') && v.document) {
          const out = path.resolve(str(flags, 'out')!);
          mkdirSync(out, { recursive: true });
          copyFileSync(v.document.path, path.join(out, path.basename(v.document.path)));
        }
        if (flags.json) process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
        else printNotice(v);
        return 0;
      }
      const list = await s.call('publicNotice.list', { roundId: round.id });
      if (flags.finalise) {
        const open = list.notices.filter((n) => n.status !== 'finalised');
        if (open.length === 0) throw new UsageError(`round ${round.code} has no 公示 waiting to be finalised`);
        for (const n of open) {
          const v = await s.call('publicNotice.finalise', { noticeId: n.noticeId });
          if (flags.json) process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
          else printNotice(v);
        }
        return 0;
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else {
        for (const n of list.notices) printNotice(n);
        process.stdout.write(`${list.candidates.length} 合格 institution(s) not on a 公示 yet (minimum ${list.minWorkingDays} working days, ${list.citation})\n`);
      }
      return 0;
    });
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\nusage: npm run cli -- ${LETTERS_USAGE[2]}\n`);
      return 2;
    }
    throw e;
  }
}

function printNotice(n: NoticeView): void {
  const p = n.period;
  const makeup = p.days.filter((d) => d.kind === 'makeup').map((d) => d.date);
  process.stdout.write(
    `公示 ${n.roundCode} #${n.seq}: ${p.startOn} + ${p.workingDays} working days → ends ${p.end.date}${p.end.provisional ? ' (待定: holiday year not published)' : ''}${makeup.length ? `; make-up working days ${makeup.join(', ')}` : ''}\n`,
  );
  process.stdout.write(`  ${n.statusLabel}; ${n.entries.length} institution(s); objections ${n.objections.length}\n`);
  for (const e of n.entries) process.stdout.write(`  - ${e.applicationNo} ${e.name} [${e.stateLabel}]\n`);
  if (n.final) for (const l of n.final.listed) process.stdout.write(`  final: ${l.name} — agreement by ${l.agreement.deadline?.date ?? '-'}\n`);
  for (const pr of n.finaliseProblems) process.stdout.write(`  cannot finalise yet: ${pr}\n`);
  if (n.document) process.stdout.write(`  PDF (${n.document.signed ? 'signed' : 'unsigned draft'}): ${n.document.path}\n`);
}
