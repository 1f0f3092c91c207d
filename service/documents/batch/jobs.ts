/**
 * Batch jobs: all documents of a round in one action, off the main thread.
 *
 * The main thread reads the database and prepares every document (plain
 * data), checks that the fonts have every character (refusing before anything
 * is written, naming the document), allocates the 文号, and hands the list to
 * worker threads. Each file a worker reports is registered at once (with its
 * audit entry), so a cancelled job leaves only whole, registered files. When
 * all are written, one worker renders the combined PDF for printing — every
 * document of the job, signed once — which is registered too.
 *
 * Jobs live in this process's memory: the UI polls documents.batch.status.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ServiceContext } from '../../context';
import { nowIso, operator } from '../../context';
import { refuse } from '../../errors';
import { log } from '../../log';
import { requireRound } from '../../handlers/rounds';
import { ApiError } from '../../../shared/contract/errors';
import { appendAudit } from '../../../db/queries/audit';
import { listNoticesOfRound } from '../../../db/queries/publicNotice';
import { BATCH_KINDS, BATCH_STATE_LABEL, type BatchKind, type BatchStatus } from '../../../shared/contract/slices/roundDocuments';
import type { FontSet } from '../fonts';
import type { DocumentSpec } from '../layout/blocks';
import { chineseDate } from '../layout/blocks';
import type { SigningIdentity } from '../signing';
import { fontsFor, loadSettings, safeName, sealPath, signingState } from '../issue';
import { PRINT_BUNDLE_TEMPLATE, registerDocument } from '../register';
import { DocNumbers, prepareFilingForm, prepareMinutes, preparePublicNotice, prepareResultLetters, sealedMeetingsOf, specOf, type PreparedDocument } from '../results';
import { CONTROL_CANCEL, type FromWorker, type ToWorker, type WorkerInit } from './protocol';

type State = BatchStatus['state'];

interface Job {
  status: BatchStatus;
  dataDir: string;
  startedMs: number;
  finishedMs: number | null;
  docs: PreparedDocument[];
  files: string[];
  workers: Worker[];
  ended: number;
  control: Int32Array;
  /** registrations, one after another */
  chain: Promise<void>;
  ok: number[];
  identity: SigningIdentity | null;
  location: string;
  cancelRequested: boolean;
}

const jobs = new Map<string, Job>();

export interface StartOptions {
  roundId: string;
  kinds: readonly BatchKind[];
  meetingId?: string | null;
  /** CLI --out: write here instead of <dataDir>/documents/<round>/批量_… */
  outDir?: string;
  /** number of worker threads (default: the cores, at most 4) */
  workers?: number;
  /** tests only: slows each document down so a cancel lands midway */
  throttleMs?: number;
}

function snapshot(j: Job): BatchStatus {
  return { ...j.status, elapsedMs: Math.round((j.finishedMs ?? performance.now()) - j.startedMs), errors: [...j.status.errors], documents: [...j.status.documents], notes: [...j.status.notes] };
}

function requireJob(ctx: ServiceContext, jobId: string): Job {
  const j = jobs.get(jobId);
  if (!j || j.dataDir !== ctx.dataDir) refuse('NOT_FOUND', '找不到该批量生成任务（程序重新启动后，进行中的任务不再保留；已生成的文书见文书登记）', `batch job ${jobId} not found`);
  return j;
}

export function batchStatus(ctx: ServiceContext, jobId: string): BatchStatus {
  return snapshot(requireJob(ctx, jobId));
}

export function listBatches(ctx: ServiceContext, roundId: string): BatchStatus[] {
  return [...jobs.values()]
    .filter((j) => j.dataDir === ctx.dataDir && j.status.roundId === roundId)
    .map(snapshot)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}

function running(ctx: ServiceContext): Job | undefined {
  return [...jobs.values()].find((j) => j.dataDir === ctx.dataDir && (j.status.state === 'running' || j.status.state === 'cancelling'));
}

/** Refuses a single document while a batch job is writing: the job has taken the next 文号 already. */
export function refuseWhileBatchRunning(ctx: ServiceContext, roundId: string): void {
  const j = running(ctx);
  if (!j) return;
  const where = j.status.roundId === roundId ? '本批次' : `批次${j.status.roundCode}`;
  refuse('STATE', `${where}正在批量生成文书（${j.status.done}/${j.status.total}），请等待完成或取消后再出具文书`, `batch ${j.status.jobId} running (${roundId} asked)`);
}

// ---------------------------------------------------------------------------
// Preparing

/** Every text a document draws, for the font check. */
function textsOf(spec: DocumentSpec): string[] {
  const out = [spec.title, spec.docNumber ?? '', spec.redHeader?.agencyName ?? ''];
  for (const b of spec.blocks) {
    if (b.type === 'title' || b.type === 'paragraph') out.push(b.text);
    else if (b.type === 'table') out.push(...b.columns.map((c) => c.title), ...b.rows.flat());
    else if (b.type === 'signature') out.push(b.issuer, chineseDate(b.date));
  }
  return out;
}

function checkFonts(fonts: FontSet, d: PreparedDocument, spec: DocumentSpec): void {
  try {
    for (const t of textsOf(spec)) fonts.assertCovered('body', t);
  } catch (e) {
    if (e instanceof ApiError) refuse('VALIDATION', `${d.label}：${e.message}`, `${d.label}: ${e.logMessage}`);
    throw e;
  }
}

async function prepare(ctx: ServiceContext, o: StartOptions, numbers: DocNumbers, settings: Awaited<ReturnType<typeof loadSettings>>) {
  const docs: PreparedDocument[] = [];
  const notes: string[] = [];
  const kinds = BATCH_KINDS.filter((k) => o.kinds.includes(k));
  for (const k of kinds) {
    if (k === 'resultLetters') {
      const r = await prepareResultLetters(ctx, o.roundId, o.meetingId ?? null, numbers, settings);
      docs.push(...r.docs);
      notes.push(...r.notes);
    } else if (k === 'publicNotice') {
      const notices = await listNoticesOfRound(ctx.db, o.roundId);
      const last = notices[notices.length - 1];
      if (!last) refuse('STATE', '本批次尚未创建公示，请先在“公示”页设置公示期后再生成公示文书', `round ${o.roundId}: no notice`);
      docs.push(await preparePublicNotice(ctx, ctx.db, last.id, settings));
    } else if (k === 'minutes') {
      const sealed = await sealedMeetingsOf(ctx.db, o.roundId);
      if (sealed.length === 0) refuse('STATE', '本批次没有已封存的集体评议会议，没有可出具的会议纪要', `round ${o.roundId}: no sealed meeting`);
      for (const s of sealed) docs.push(await prepareMinutes(ctx, s.meeting.id, settings));
    } else {
      docs.push(await prepareFilingForm(ctx, o.roundId, settings, numbers));
    }
  }
  return { docs, notes, kinds };
}

function beijingStamp(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

function uniqueFile(dir: string, stem: string, taken: Set<string>): string {
  let name = `${stem}.pdf`;
  for (let k = 2; taken.has(name) || existsSync(path.join(dir, name)); k++) name = `${stem}_${k}.pdf`;
  taken.add(name);
  return path.join(dir, name);
}

// ---------------------------------------------------------------------------
// Workers

/**
 * The worker: in the Electron bundle, documents-worker.cjs next to main.cjs
 * (build/bundle-electron.mjs); from source (tsx, vitest), worker.ts through
 * tsx's loader. (`import.meta` sits in a try block: esbuild leaves it alone
 * there, and the bundle never reaches it.)
 */
export function spawnWorker(init: WorkerInit): Worker {
  const bundled = typeof __dirname === 'string' ? path.join(__dirname, 'documents-worker.cjs') : null;
  if (bundled && existsSync(bundled)) return new Worker(bundled, { workerData: init });
  let boot: string;
  try {
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    const tsx = pathToFileURL(path.join(path.dirname(req.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    const entry = new URL('./worker.ts', import.meta.url).href;
    boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'fatal', message: String((e && e.stack) || e) }); });`;
  } catch (e) {
    throw new Error(`documents worker: neither ${bundled ?? 'documents-worker.cjs'} nor the source entry is available (${(e as Error).message})`);
  }
  return new Worker(boot, { eval: true, workerData: init });
}

export function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

function cleanTmp(dir: string): void {
  try {
    for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(path.join(dir, f), { force: true });
  } catch {
    // the folder may be gone
  }
}

async function finish(ctx: ServiceContext, j: Job, state: State, message: string | null = null): Promise<void> {
  if (j.finishedMs !== null) return;
  j.finishedMs = performance.now();
  for (const w of j.workers) void w.terminate();
  await j.chain.catch(() => undefined);
  cleanTmp(j.status.folder);
  Object.assign(j.status, { state, stateLabel: BATCH_STATE_LABEL[state], phase: 'finished', current: null, message, finishedAt: nowIso(ctx) });
  try {
    await appendAudit(ctx.db, {
      at: nowIso(ctx),
      actor: await operator(ctx.db),
      action: 'documents.batch',
      entity: 'round',
      entityId: j.status.roundId,
      after: { jobId: j.status.jobId, kinds: j.status.kinds, state, written: j.status.documents.length, total: j.status.total, errors: j.status.errors.length, combined: j.status.combined?.documentId ?? null, folder: j.status.folder },
    });
  } catch (e) {
    log.warn(`batch ${j.status.jobId}: audit entry failed: ${(e as Error).message}`);
  }
}

function onMessage(ctx: ServiceContext, j: Job, m: FromWorker): void {
  const label = (i: number) => j.docs[i]?.label ?? `第${i + 1}份`;
  switch (m.type) {
    case 'ready':
      return;
    case 'start':
      if (j.status.state === 'running') j.status.current = label(m.index);
      return;
    case 'file': {
      const d = j.docs[m.index]!;
      const file = j.files[m.index]!;
      const id = randomUUID();
      const signedAt = m.signed ? new Date(j.status.startedAt).toISOString() : null;
      j.chain = j.chain
        .then(() =>
          registerDocument(ctx, {
            id,
            kind: d.kind,
            applicationId: d.applicationId,
            roundId: d.roundId,
            path: file,
            sha256: m.sha256,
            pages: m.pages,
            template: { id: d.template.id, version: d.template.version },
            docNumber: d.docNumber,
            signer: m.signed && j.identity ? { subject: j.identity.subject, fingerprint: j.identity.fingerprint } : null,
            signedAt,
            audit: { batchJob: j.status.jobId },
          }),
        )
        .then(() => {
          j.status.documents.push({ documentId: id, label: d.label, path: file });
          j.ok.push(m.index);
        })
        .catch((e) => {
          // not registered: the file must not look issued
          rmSync(file, { force: true });
          j.status.errors.push({ label: d.label, message: `登记失败，文件已删除：${(e as Error).message}` });
        })
        .finally(() => {
          j.status.done++;
        });
      return;
    }
    case 'error':
      j.status.errors.push({ label: label(m.index), message: m.message });
      j.status.done++;
      return;
    case 'end':
      j.ended++;
      if (j.ended === j.workers.length) void afterDocuments(ctx, j);
      return;
    case 'combined': {
      const file = combinedPath(j);
      if (j.finishedMs !== null) {
        // cancelled while it was being written: it was never issued
        rmSync(file, { force: true });
        return;
      }
      const id = randomUUID();
      j.chain = j.chain
        .then(() =>
          registerDocument(ctx, {
            id,
            kind: 'printBundle',
            applicationId: null,
            roundId: j.status.roundId,
            path: file,
            sha256: m.sha256,
            pages: m.pages,
            template: PRINT_BUNDLE_TEMPLATE,
            docNumber: null,
            signer: m.signed && j.identity ? { subject: j.identity.subject, fingerprint: j.identity.fingerprint } : null,
            signedAt: m.signed ? new Date(j.status.startedAt).toISOString() : null,
            audit: { batchJob: j.status.jobId, documents: j.ok.length },
          }),
        )
        .then(() => {
          j.status.combined = { documentId: id, path: file, pages: m.pages };
        });
      void j.chain.then(
        () => finish(ctx, j, 'done'),
        (e) => {
          rmSync(file, { force: true });
          return finish(ctx, j, 'failed', `合订本登记失败：${(e as Error).message}`);
        },
      );
      return;
    }
    case 'combineError':
      void finish(ctx, j, 'failed', `合订本生成失败：${m.message}（各份文书已生成并登记）`);
      return;
    case 'fatal':
      void finish(ctx, j, 'failed', `后台生成线程无法启动：${m.message}`);
      return;
  }
}

function combinedPath(j: Job): string {
  return path.join(j.status.folder, `00_打印合订本_${safeName(j.status.roundCode)}${j.status.signed ? '' : '_草稿'}.pdf`);
}

async function afterDocuments(ctx: ServiceContext, j: Job): Promise<void> {
  await j.chain.catch(() => undefined);
  if (j.cancelRequested) return finish(ctx, j, 'cancelled');
  if (j.ok.length === 0) return finish(ctx, j, 'failed', '没有生成任何文书');
  j.status.phase = 'combining';
  j.status.current = '打印合订本';
  const order = [...j.ok].sort((a, b) => a - b);
  const msg: ToWorker = {
    type: 'combine',
    indices: order,
    file: combinedPath(j),
    title: `打印合订本：${j.status.roundCode}（${order.length}份文书）`,
    reason: '打印合订本',
    location: j.location,
  };
  j.workers[0]!.postMessage(msg);
}

// ---------------------------------------------------------------------------
// The contract's operations

export async function startBatch(ctx: ServiceContext, o: StartOptions): Promise<BatchStatus> {
  const round = await requireRound(ctx.db, o.roundId);
  const busy = running(ctx);
  if (busy) refuse('STATE', `已有批量生成任务正在进行（${busy.status.roundCode}，${busy.status.done}/${busy.status.total}），请等待完成或取消后再开始`, `batch ${busy.status.jobId} still running`);
  const settings = await loadSettings(ctx.db);
  const numbers = await DocNumbers.forIssuing(ctx, settings);
  const { docs, notes, kinds } = await prepare(ctx, o, numbers, settings);
  const specs = docs.map(specOf);
  const fonts = fontsFor(ctx, settings);
  docs.forEach((d, i) => checkFonts(fonts, d, specs[i]!));

  const { identity, draftReason } = await signingState(ctx);
  const seal = identity && existsSync(sealPath(ctx)) ? readFileSync(sealPath(ctx)) : null;
  const startedAt = ctx.now();
  const base = o.outDir ? path.resolve(o.outDir) : path.join(ctx.dataDir, 'documents', safeName(round.code), `批量_${beijingStamp(startedAt)}`);
  let folder = base;
  for (let k = 2; !o.outDir && existsSync(folder); k++) folder = `${base}_${k}`;
  mkdirSync(folder, { recursive: true });
  const taken = new Set<string>();
  const width = String(docs.length).length < 2 ? 2 : String(docs.length).length;
  const files = docs.map((d, i) => uniqueFile(folder, `${String(i + 1).padStart(width, '0')}_${safeName(d.fileLabel)}${identity ? '' : '_草稿'}`, taken));

  const jobId = randomUUID();
  const control = new SharedArrayBuffer(8);
  const init: WorkerInit = {
    fonts: { configured: settings.fonts, cacheDir: path.join(ctx.dataDir, 'fonts') },
    identity: identity ? { key: identity.key, certs: identity.certs.map((c) => new Uint8Array(c)), subject: identity.subject, issuer: identity.issuer, notBefore: identity.notBefore, notAfter: identity.notAfter, fingerprint: identity.fingerprint } : null,
    seal: seal ? new Uint8Array(seal) : null,
    now: startedAt.getTime(),
    items: docs.map((d, i) => ({ spec: specs[i]!, file: files[i]!, reason: d.template.name, location: settings.issuingBody })),
    control,
    ...(o.throttleMs ? { throttleMs: o.throttleMs } : {}),
  };
  const j: Job = {
    status: {
      jobId,
      roundId: round.id,
      roundCode: round.code,
      kinds: [...kinds],
      state: 'running',
      stateLabel: BATCH_STATE_LABEL.running,
      phase: 'documents',
      done: 0,
      total: docs.length,
      current: null,
      errors: [],
      folder,
      documents: [],
      combined: null,
      signed: !!identity,
      draftReason,
      notes,
      message: null,
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      elapsedMs: 0,
    },
    dataDir: ctx.dataDir,
    startedMs: performance.now(),
    finishedMs: null,
    docs,
    files,
    workers: [],
    ended: 0,
    control: new Int32Array(control),
    chain: Promise.resolve(),
    ok: [],
    identity,
    location: settings.issuingBody,
    cancelRequested: false,
  };
  jobs.set(jobId, j);
  const n = Math.max(1, Math.min(o.workers ?? defaultWorkers(), docs.length));
  for (let k = 0; k < n; k++) {
    const w = spawnWorker(init);
    w.unref();
    w.on('message', (m: FromWorker) => onMessage(ctx, j, m));
    w.on('error', (e) => void finish(ctx, j, 'failed', `后台生成线程出错：${e.message}`));
    w.on('exit', (code) => {
      if (j.finishedMs === null && code !== 0) void finish(ctx, j, 'failed', `后台生成线程意外退出（代码${code}）`);
    });
    j.workers.push(w);
  }
  log.info(`batch ${jobId}: ${docs.length} documents of ${round.code} (${kinds.join(',')}) with ${n} worker(s) into ${folder}`);
  return snapshot(j);
}

export async function cancelBatch(ctx: ServiceContext, jobId: string): Promise<BatchStatus> {
  const j = requireJob(ctx, jobId);
  if (j.status.state !== 'running') return snapshot(j);
  j.cancelRequested = true;
  Atomics.store(j.control, CONTROL_CANCEL, 1);
  Object.assign(j.status, { state: 'cancelling', stateLabel: BATCH_STATE_LABEL.cancelling });
  // the combined PDF is one long step: stop it at once (its temporary file is removed)
  if (j.status.phase === 'combining') await finish(ctx, j, 'cancelled');
  return snapshot(j);
}

/** Resolves when the job has finished (for the CLI, the demo and tests). */
export async function waitForBatch(ctx: ServiceContext, jobId: string, onProgress?: (s: BatchStatus) => void, pollMs = 50): Promise<BatchStatus> {
  for (;;) {
    const s = batchStatus(ctx, jobId);
    onProgress?.(s);
    if (s.phase === 'finished') return s;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
