import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { xinjiangProfile } from '../shared/profiles/xinjiang';
import { loadFontSet } from '../service/documents/fonts';
import { generatePdf } from '../service/documents/generate';
import { loadP12, type SigningIdentity } from '../service/documents/signing';
import { defaultWorkers, spawnWorker } from '../service/documents/batch/jobs';
import type { FromWorker, WorkerInit } from '../service/documents/batch/protocol';
import type { Worker } from 'node:worker_threads';
import { RESULT_QUALIFIED, documentFromTemplate, resultLetterInput, resultLetterValues } from '../service/documents/templates';
import type { DocumentSpec } from '../service/documents/layout/blocks';
import type { Report } from './run';

const N = 500;

function testIdentity() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: 'commonName', value: 'Benchmark Agency' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(key, forge.md.sha256.create());
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], 'bench', { algorithm: '3des' })).getBytes(), 'binary');
  return loadP12(p12, 'bench', new Date());
}

const DISTRICTS = ['天山区', '沙依巴克区', '新市区', '水磨沟区', '头屯河区', '达坂城区', '米东区', '乌鲁木齐县'];

function letter(i: number): DocumentSpec {
  const input = resultLetterInput(xinjiangProfile, {
    institution: { name: `乌鲁木齐市${DISTRICTS[i % DISTRICTS.length]}第${i + 1}康养护理院`, uscc: `91650100${String(i).padStart(6, '0')}ABCD` },
    applicationNo: `XJ-2025-${String(i + 1).padStart(3, '0')}`,
    receivedOn: '2025-09-01',
    decision: 'qualified',
    reasons: [],
    suggestions: [],
  });
  return documentFromTemplate(RESULT_QUALIFIED, resultLetterValues(input), {
    issuer: '乌鲁木齐市医疗保障事务服务中心',
    date: '2025-10-13',
    docNumber: `乌医保经〔2025〕${i + 1}号`,
    redHeader: { agencyName: '乌鲁木齐市医疗保障事务服务中心' },
  });
}

/** 500 signed one-page result letters: separate files, then one combined PDF; LibreOffice when installed. */
export async function run(report: Report) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-bench-letters-'));
  try {
    const fonts = loadFontSet({});
    const identity = testIdentity();
    const now = new Date();
    const specs = Array.from({ length: N }, (_, i) => letter(i));
    // warm up: JIT and the fonts' glyph caches
    for (let i = 0; i < 5; i++) await generatePdf([specs[i]!], { fonts, identity, now });

    let bytes = 0;
    let pages = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const pdf = await generatePdf([specs[i]!], { fonts, identity, now });
      writeFileSync(path.join(dir, `letter-${i}.pdf`), pdf.bytes);
      bytes += pdf.bytes.length;
      pages += pdf.pages;
    }
    const elapsed = performance.now() - t0;
    if (pages !== N) throw new Error(`expected ${N} one-page letters, got ${pages} pages`);
    report('letters_signed_ms_per_letter', elapsed / N, 'ms/letter');
    report('letters_signed_kb_per_letter', bytes / N / 1024, 'KB/letter');

    const t1 = performance.now();
    const combined = await generatePdf(specs, { fonts, identity, now });
    writeFileSync(path.join(dir, 'combined.pdf'), combined.bytes);
    report('letters_combined_500_ms', performance.now() - t1, 'ms');
    report('letters_combined_500_kb', combined.bytes.length / 1024, 'KB');

    // the app's batch path: worker threads (one per core, at most 4) sharing one queue, each file flushed and renamed
    const workers = defaultWorkers();
    const pool = await inWorkers(specs, identity, now, workers, path.join(dir, 'batch'));
    report(`letters_batch_${workers}workers_ms_per_letter`, pool.workMs / N, 'ms/letter (signed, written; worker start-up excluded)');
    report(`letters_batch_${workers}workers_total_ms`, pool.wallMs, `ms for ${N} (incl. ${pool.bootMs.toFixed(0)} ms worker start-up)`);
    report('letters_batch_kb_per_letter', pool.bytes / N / 1024, 'KB/letter');

    libreOffice(report, dir, specs.slice(0, 200));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The batch job's worker pool (service/documents/batch), timed from the first worker ready to the last file written. */
async function inWorkers(specs: DocumentSpec[], identity: SigningIdentity, now: Date, n: number, out: string) {
  mkdirSync(out, { recursive: true });
  const init: WorkerInit = {
    fonts: { configured: {}, cacheDir: path.join(out, 'fonts') },
    identity: { key: identity.key, certs: identity.certs.map((c) => new Uint8Array(c)), subject: identity.subject, issuer: identity.issuer, notBefore: identity.notBefore, notAfter: identity.notAfter, fingerprint: identity.fingerprint },
    seal: null,
    now: now.getTime(),
    items: specs.map((spec, i) => ({ spec, file: path.join(out, `letter-${i}.pdf`), reason: 'bench', location: 'bench' })),
    control: new SharedArrayBuffer(8),
  };
  const t0 = performance.now();
  let ready = 0;
  let firstReady = 0;
  let bytes = 0;
  let ended = 0;
  const started: Worker[] = [];
  await new Promise<void>((resolve, reject) => {
    for (let k = 0; k < n; k++) {
      const w = spawnWorker({ ...init, control: init.control });
      started.push(w);
      w.on('error', reject);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready' && ready++ === 0) firstReady = performance.now();
        else if (m.type === 'file') bytes += m.bytes;
        else if (m.type === 'error' || m.type === 'fatal') reject(new Error(m.message));
        else if (m.type === 'end' && ++ended === n) resolve();
      });
    }
  });
  const end = performance.now();
  await Promise.all(started.map((w) => w.terminate()));
  return { wallMs: end - t0, bootMs: firstReady - t0, workMs: end - firstReady, bytes };
}

/** LibreOffice's best batch mode: many plain-text letters converted in one soffice call (unsigned). */
function libreOffice(report: Report, dir: string, specs: DocumentSpec[]) {
  if (spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status !== 0) {
    process.stdout.write('letters_libreoffice: skipped (soffice not installed)\n');
    return;
  }
  const src = path.join(dir, 'lo');
  const files = specs.map((s, i) => {
    const p = path.join(src, `letter-${i}.txt`);
    const text = s.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    execFileSync('mkdir', ['-p', src]);
    writeFileSync(p, text);
    return p;
  });
  const t = performance.now();
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'lo-out'), ...files], { stdio: 'ignore' });
  const ms = (performance.now() - t) / files.length;
  statSync(path.join(dir, 'lo-out', 'letter-0.pdf'));
  report('letters_libreoffice_ms_per_letter', ms, 'ms/letter (unsigned, 200 in one soffice call)');
}
