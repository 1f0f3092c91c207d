/**
 * Issuing documents from the service: settings, the agency's certificate and
 * seal, and the 补正通知 end to end (data → PDF in the data dir → register).
 *
 * The certificate passphrase is never stored. Importing checks the .p12 and
 * copies it into `<dataDir>/certs/`; the parsed key stays in this process's
 * memory only. After a restart the clerk unlocks it once (documents.certificate
 * .unlock); until then documents come out as unsigned 草稿 and say why.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator } from '../context';
import { refuse } from '../errors';
import { loadProfile } from '../profiles';
import { applicationData } from '../views';
import { requireApplication } from '../handlers/applications';
import { requireRound } from '../handlers/rounds';
import { getSetting, setSetting } from '../../db/queries/settings';
import { getNotice } from '../../db/queries/formalCheck';
import { appendAudit } from '../../db/queries/audit';
import { earlierDocNumber, insertDocument, lastDocNumberSeq } from '../../db/queries/documents';
import type { Db } from '../../db/queries/types';
import { formatCitation } from '../../shared/profiles/schema';
import { applicableMaterials } from '../../shared/profiles';
import type { DocumentSettings } from '../../shared/contract/slices/documents';
import { FONT_ROLE_LABEL, FONT_ROLES, loadFontFile, loadFontSet, type FontRole, type FontSet } from './fonts';
import { ApiError } from '../../shared/contract/errors';
import { generatePdf } from './generate';
import { prepareSeal, type SealImage } from './layout/pdf';
import { assertPng, loadP12, type SigningIdentity } from './signing';
import { docError } from './errors';
import { builtinTemplate, documentFromTemplate, letterCitation, policyTitle, supplementNoticeValues, type Template } from './templates';

const SETTINGS_KEY = 'documents.settings';
const CERT_KEY = 'documents.certificate';
const SEAL_KEY = 'documents.seal';

export const DEFAULT_SETTINGS: DocumentSettings = { agencyName: '', issuingBody: '医疗保障经办机构', docNumberPrefix: '', fonts: {} };

export async function loadSettings(db: Db): Promise<DocumentSettings> {
  const raw = await getSetting(db, SETTINGS_KEY);
  return raw ? { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<DocumentSettings>) } : DEFAULT_SETTINGS;
}

export async function saveSettings(ctx: ServiceContext, s: DocumentSettings): Promise<DocumentSettings> {
  const stored = await loadSettings(ctx.db);
  // A font the clerk chose now must be usable now, not fail at the first
  // letter. Fonts kept from before are not checked again: a font file removed
  // since must not block saving the 发文机关 (generation names it instead).
  for (const role of FONT_ROLES) {
    const f = s.fonts[role];
    if (f && JSON.stringify(f) !== JSON.stringify(stored.fonts[role])) checkFontChoice(role, f);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx);
    await setSetting(trx, SETTINGS_KEY, JSON.stringify(s));
    await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'documents.settings.set', entity: 'setting', entityId: SETTINGS_KEY, before, after: s });
  });
  return s;
}

/** Loads a chosen font, refusing with the message at the role's field (fonts.body.face for a missing .ttc face, else fonts.body.path). */
function checkFontChoice(role: FontRole, f: NonNullable<DocumentSettings['fonts'][FontRole]>): void {
  try {
    loadFontFile(f);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const field = e.logMessage.includes('face') && f.face !== undefined ? 'face' : 'path';
    refuse('VALIDATION', e.message, e.logMessage, { [`fonts.${role}.${field}`]: e.message });
  }
}

/** What each role prints with on this computer now: the clerk's choice, an installed 公文 font, or the built-in one. */
export async function fontStatus(ctx: ServiceContext) {
  const s = await loadSettings(ctx.db);
  let set: FontSet;
  try {
    set = fontsFor(ctx, s);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { roles: [], problem: e.message };
  }
  return { roles: set.choices.map((c) => ({ role: c.role, roleLabel: FONT_ROLE_LABEL[c.role], family: c.family, source: c.source, configured: s.fonts[c.role] !== undefined })), problem: null };
}

export function fontsFor(ctx: ServiceContext, s: DocumentSettings): FontSet {
  return loadFontSet({ configured: s.fonts, cacheDir: path.join(ctx.dataDir, 'fonts') });
}

// ---------------------------------------------------------------------------
// Certificate and seal

const certDir = (ctx: ServiceContext) => path.join(ctx.dataDir, 'certs');
const certPath = (ctx: ServiceContext) => path.join(certDir(ctx), 'agency.p12');
export const sealPath = (ctx: ServiceContext) => path.join(certDir(ctx), 'seal.png');

/** Unlocked identities, per data dir, for this process only. */
const unlocked = new Map<string, SigningIdentity>();
const seals = new Map<string, { mtime: number; seal: SealImage }>();

interface CertMeta {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint: string;
}

export async function certificateStatus(ctx: ServiceContext) {
  const raw = await getSetting(ctx.db, CERT_KEY);
  const meta = raw ? (JSON.parse(raw) as CertMeta) : null;
  const id = unlocked.get(ctx.dataDir);
  return {
    imported: meta !== null && existsSync(certPath(ctx)),
    unlocked: !!id && id.fingerprint === meta?.fingerprint,
    subject: meta?.subject ?? null,
    issuer: meta?.issuer ?? null,
    validFrom: meta?.validFrom ?? null,
    validTo: meta?.validTo ?? null,
    fingerprint: meta?.fingerprint ?? null,
  };
}

function readFileOrRefuse(p: string, what: string): Buffer {
  try {
    return readFileSync(p);
  } catch (e) {
    refuse('VALIDATION', `找不到${what}“${p}”`, `${what} ${p}: ${(e as Error).message}`);
  }
}

export async function importCertificate(ctx: ServiceContext, file: string, passphrase: string) {
  const bytes = readFileOrRefuse(file, '证书文件');
  const id = loadP12(bytes, passphrase, ctx.now()); // refuses before anything is written
  mkdirSync(certDir(ctx), { recursive: true });
  const tmp = `${certPath(ctx)}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  renameSync(tmp, certPath(ctx));
  const meta: CertMeta = {
    subject: id.subject,
    issuer: id.issuer,
    validFrom: id.notBefore.toISOString(),
    validTo: id.notAfter.toISOString(),
    fingerprint: id.fingerprint,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await setSetting(trx, CERT_KEY, JSON.stringify(meta));
    await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'documents.certificate.import', entity: 'setting', entityId: CERT_KEY, after: meta });
  });
  unlocked.set(ctx.dataDir, id);
  return certificateStatus(ctx);
}

export async function unlockCertificate(ctx: ServiceContext, passphrase: string) {
  if (!existsSync(certPath(ctx))) refuse('STATE', '尚未导入数字证书，请先导入', 'unlock without a certificate');
  unlocked.set(ctx.dataDir, loadP12(readFileSync(certPath(ctx)), passphrase, ctx.now()));
  return certificateStatus(ctx);
}

export async function importSeal(ctx: ServiceContext, file: string | null) {
  if (file === null) {
    rmSync(sealPath(ctx), { force: true });
  } else {
    const bytes = readFileOrRefuse(file, '印章图片');
    assertPng(bytes);
    try {
      await prepareSeal(bytes);
    } catch (e) {
      docError('印章图片无法读取，请另存为PNG后重试', `seal png unreadable: ${(e as Error).message}`);
    }
    mkdirSync(certDir(ctx), { recursive: true });
    writeFileSync(sealPath(ctx), bytes);
  }
  await setSetting(ctx.db, SEAL_KEY, file === null ? '' : JSON.stringify({ importedAt: nowIso(ctx) }));
  seals.delete(ctx.dataDir);
  await appendAudit(ctx.db, { at: nowIso(ctx), actor: await operator(ctx.db), action: 'documents.seal.import', entity: 'setting', entityId: 'seal', after: { present: file !== null } });
  return { ok: true as const };
}

/** Whether a seal is set (the file in the data folder), and when it was imported. */
export async function sealStatus(ctx: ServiceContext): Promise<{ present: boolean; importedAt: string | null }> {
  if (!existsSync(sealPath(ctx))) return { present: false, importedAt: null };
  const raw = await getSetting(ctx.db, SEAL_KEY);
  return { present: true, importedAt: raw ? ((JSON.parse(raw) as { importedAt?: string }).importedAt ?? null) : null };
}

export async function currentSeal(ctx: ServiceContext): Promise<SealImage | null> {
  const p = sealPath(ctx);
  if (!existsSync(p)) return null;
  const mtime = statSync(p).mtimeMs;
  const hit = seals.get(ctx.dataDir);
  if (hit?.mtime === mtime) return hit.seal;
  const seal = await prepareSeal(readFileSync(p));
  seals.set(ctx.dataDir, { mtime, seal });
  return seal;
}

/** The identity to sign with, or why there is none (the document is then a 草稿). */
export async function signingState(ctx: ServiceContext): Promise<{ identity: SigningIdentity | null; draftReason: string | null }> {
  const st = await certificateStatus(ctx);
  if (!st.imported) return { identity: null, draftReason: '未导入数字证书，文书为未签名的草稿' };
  if (!st.unlocked) return { identity: null, draftReason: '数字证书尚未解锁（请在文书设置中输入证书密码），文书为未签名的草稿' };
  const id = unlocked.get(ctx.dataDir)!;
  const now = ctx.now();
  if (now > id.notAfter) return { identity: null, draftReason: '数字证书已过期，文书为未签名的草稿' };
  return { identity: id, draftReason: null };
}

// ---------------------------------------------------------------------------
// Writing and registering

export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || '_';
}

async function nextDocNumber(db: Db, prefix: string, year: string): Promise<string> {
  const head = `${prefix}〔${year}〕`;
  // after the highest number, not the count: a batch job cancelled midway can leave a gap
  return `${head}${(await lastDocNumberSeq(db, head)) + 1}号`;
}

export interface IssueArgs {
  kind: string;
  template: Template;
  fileLabel: string;
  roundCode: string;
  applicationId: string | null;
  roundId: string | null;
  docNumber: string | null;
  /** runs inside the register's transaction, e.g. to link the document to what it was issued for */
  onRegistered?: (trx: Db, documentId: string) => Promise<void>;
}

export async function issue(ctx: ServiceContext, a: IssueArgs, build: (settings: DocumentSettings) => Parameters<typeof documentFromTemplate>[2] & { values: Parameters<typeof documentFromTemplate>[1] }) {
  const settings = await loadSettings(ctx.db);
  const fonts = fontsFor(ctx, settings);
  const { identity, draftReason } = await signingState(ctx);
  const seal = identity ? await currentSeal(ctx) : null;
  const b = build(settings);
  const spec = documentFromTemplate(a.template, b.values, b);
  const now = ctx.now();
  const pdf = await generatePdf([{ ...spec, seal: !!seal }], { fonts, identity, seal, now, signer: { reason: a.template.name, location: settings.issuingBody } });

  const id = randomUUID();
  const dir = path.join(ctx.dataDir, 'documents', safeName(a.roundCode));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${safeName(a.fileLabel)}_${pdf.signed ? '' : '草稿_'}${id.slice(0, 8)}.pdf`);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, pdf.bytes);
  renameSync(tmp, file);
  const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const actor = await operator(trx);
      await insertDocument(trx, {
        id,
        kind: a.kind,
        application_id: a.applicationId,
        round_id: a.roundId,
        path: file,
        sha256,
        pages: pdf.pages,
        template_id: a.template.id,
        template_version: a.template.version,
        doc_number: a.docNumber,
        signed: pdf.signed ? 1 : 0,
        signer_subject: identity?.subject ?? null,
        signer_fingerprint: identity?.fingerprint ?? null,
        signed_at: pdf.signed ? now.toISOString() : null,
        created_by: actor,
        created_at: nowIso(ctx),
      });
      await appendAudit(trx, {
        at: nowIso(ctx),
        actor,
        action: `documents.${a.kind}`,
        entity: a.applicationId ? 'application' : 'round',
        entityId: a.applicationId ?? a.roundId ?? '',
        after: { documentId: id, sha256, signed: pdf.signed, template: `${a.template.id}@${a.template.version}`, docNumber: a.docNumber },
      });
      if (a.onRegistered) await a.onRegistered(trx, id);
    });
  } catch (e) {
    rmSync(file, { force: true });
    throw e;
  }
  return { documentId: id, path: file, sha256, pages: pdf.pages, signed: pdf.signed, draftReason, docNumber: a.docNumber, fonts: fonts.choices };
}

/** documents.supplementNotice: the 补正通知书 of an application whose notice has been issued. */
export async function issueSupplementNotice(ctx: ServiceContext, applicationId: string) {
  const app = await requireApplication(ctx.db, applicationId);
  const round = await requireRound(ctx.db, app.round_id);
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const notice = await getNotice(ctx.db, applicationId);
  if (!notice) refuse('STATE', '该申请尚未发出补正通知，无法生成补正通知书', `no supplement notice for ${applicationId}`);
  const cal = await loadCalendar(ctx.db);
  const data = applicationData(app);
  const deadline = cal.addWorkingDays(notice.issued_on, notice.working_days);
  const byId = new Map(applicableMaterials(profile, { institutionType: data.institutionType, serviceTypes: data.serviceTypes }).map((m) => [m.id, m]));
  const missing = (JSON.parse(notice.missing_json) as { materialId: string; title: string }[]).map((m) => {
    const req = byId.get(m.materialId);
    return { title: m.title, detail: req?.detail ?? m.title, citation: req ? letterCitation(req.source) : formatCitation(profile.supplement.source) };
  });
  const settings = await loadSettings(ctx.db);
  const template = builtinTemplate('supplement-notice');
  // an unsigned 草稿 never takes a new 文号 (see DocNumbers)
  const draft = (await signingState(ctx)).identity === null;
  const earlier = settings.docNumberPrefix ? await earlierDocNumber(ctx.db, 'supplementNotice', applicationId) : null;
  const docNumber = earlier ?? (settings.docNumberPrefix && !draft ? await nextDocNumber(ctx.db, settings.docNumberPrefix, notice.issued_on.slice(0, 4)) : null);
  return issue(
    ctx,
    { kind: 'supplementNotice', template, fileLabel: `补正通知书_${app.application_no}`, roundCode: round.code, applicationId, roundId: round.id, docNumber },
    (s) => ({
      issuer: s.issuingBody,
      date: notice.issued_on,
      ...(docNumber ? { docNumber } : {}),
      ...(s.agencyName ? { redHeader: { agencyName: s.agencyName } } : {}),
      values: supplementNoticeValues({
        institutionName: data.name,
        applicationNo: app.application_no,
        receivedOn: data.receivedOn,
        issuedOn: notice.issued_on,
        workingDays: notice.working_days,
        deadline: deadline.date,
        deadlineProvisional: deadline.provisional,
        missing,
        policyTitle: policyTitle(profile),
        supplementCitation: letterCitation(profile.supplement.source),
        withdrawnIfLate: profile.supplement.withdrawnIfLate,
        supplementExcluded: profile.reviewTimeLimit.supplementExcluded,
      }),
    }),
  );
}
