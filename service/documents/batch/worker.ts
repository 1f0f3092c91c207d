/**
 * A batch worker thread: lays out, signs and writes documents off the main
 * thread (the Electron main process and the Node host stay responsive).
 *
 * Workers share one counter: each takes the next document, so two workers on
 * a two-core laptop split the work evenly. A document is written to a
 * temporary file, flushed, and renamed into place, so the folder never holds a
 * half-written PDF; the main thread registers each file when told. Cancelling
 * (a flag in shared memory) stops each worker after the document in hand.
 *
 * Fonts are parsed once per worker; the signing key arrives as a KeyObject and
 * is used with Node's native crypto, as in the main thread.
 */
import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import forge from 'node-forge';
import { loadFontSet } from '../fonts';
import { generatePdf } from '../generate';
import { prepareSeal } from '../layout/pdf';
import type { SigningIdentity } from '../signing';
import { CONTROL_CANCEL, CONTROL_NEXT, type FromWorker, type ToWorker, type WorkerIdentity, type WorkerInit } from './protocol';

function post(m: FromWorker): void {
  parentPort!.postMessage(m);
}

/** The identity as signing.ts wants it: the issuer Name and serial number come from the certificate. */
function rehydrate(w: WorkerIdentity): SigningIdentity {
  const certs = w.certs.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  const cert = forge.asn1.fromDer(forge.util.createBuffer(certs[0]!.toString('binary')));
  const fields = ((cert.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[]);
  const base = fields[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { ...w, certs, serialAsn1: fields[base]!, issuerAsn1: fields[base + 2]! };
}

/**
 * Writes `bytes` to `file` whole or not at all: a temporary file, flushed to
 * disk, then renamed into place. Asynchronous, so the next document is laid
 * out while the disk syncs this one.
 */
async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function messageOf(e: unknown): string {
  const err = e as { name?: string; message?: string };
  // ApiError (docError) carries the Chinese message for the clerk
  if (err?.name === 'ApiError' && err.message) return err.message;
  return `生成失败：${err?.message ?? String(e)}`;
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  const t0 = performance.now();
  const fonts = loadFontSet({ configured: init.fonts.configured, cacheDir: init.fonts.cacheDir });
  const identity = init.identity ? rehydrate(init.identity) : null;
  const seal = identity && init.seal ? await prepareSeal(init.seal) : null;
  const now = new Date(init.now);
  const ctl = new Int32Array(init.control);
  post({ type: 'ready', ms: performance.now() - t0 });

  const render = (indices: number[], title?: string) => {
    const specs = indices.map((i) => ({ ...init.items[i]!.spec, seal: !!seal }));
    if (title && specs[0]) specs[0] = { ...specs[0], title };
    return specs;
  };

  parentPort!.on('message', (m: ToWorker) => {
    if (m.type !== 'combine') return;
    (async () => {
      const pdf = await generatePdf(render(m.indices, m.title), { fonts, identity, seal, now, signer: { reason: m.reason, location: m.location } });
      await writeWhole(m.file, pdf.bytes);
      post({ type: 'combined', sha256: createHash('sha256').update(pdf.bytes).digest('hex'), pages: pdf.pages, signed: pdf.signed, bytes: pdf.bytes.length });
    })().catch((e) => post({ type: 'combineError', message: messageOf(e) }));
  });

  // files being flushed and renamed while the next document is made
  const writing = new Set<Promise<void>>();
  for (;;) {
    if (Atomics.load(ctl, CONTROL_CANCEL) !== 0) break;
    const i = Atomics.add(ctl, CONTROL_NEXT, 1);
    if (i >= init.items.length) break;
    const item = init.items[i]!;
    post({ type: 'start', index: i });
    if (init.throttleMs) await new Promise((r) => setTimeout(r, init.throttleMs));
    try {
      const pdf = await generatePdf(render([i]), { fonts, identity, seal, now, signer: { reason: item.reason, location: item.location } });
      const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
      const w: Promise<void> = writeWhole(item.file, pdf.bytes)
        .then(
          () => post({ type: 'file', index: i, sha256, pages: pdf.pages, signed: pdf.signed, bytes: pdf.bytes.length }),
          (e: unknown) => post({ type: 'error', index: i, message: messageOf(e) }),
        )
        .finally(() => writing.delete(w));
      writing.add(w);
      if (writing.size >= 4) await Promise.race(writing);
    } catch (e) {
      post({ type: 'error', index: i, message: messageOf(e) });
    }
  }
  await Promise.all(writing);
  post({ type: 'end' });
}

main().catch((e) => post({ type: 'fatal', message: messageOf(e) }));
