/**
 * The document register: every generated PDF with its SHA-256, template id and
 * version, and signer (migration 002). Listing a round's documents, recording
 * a file written elsewhere (the batch job's worker), and checking a file
 * against what was issued.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../context';
import { nowIso, operator } from '../context';
import { notFound } from '../errors';
import { appendAudit } from '../../db/queries/audit';
import { getDocument, insertDocument, listRegisterOfRound } from '../../db/queries/documents';
import type { Db } from '../../db/queries/types';
import { DOCUMENT_KIND_LABEL, type DocumentKind, type RegisterRow } from '../../shared/contract/slices/roundDocuments';
import { BUILTIN_TEMPLATES } from './templates';

export const PRINT_BUNDLE_TEMPLATE = { id: 'print-bundle', version: 1, name: '打印合订本' };

function kindLabel(kind: string): string {
  return DOCUMENT_KIND_LABEL[kind as DocumentKind] ?? kind;
}

function templateName(id: string): string {
  if (id === PRINT_BUNDLE_TEMPLATE.id) return PRINT_BUNDLE_TEMPLATE.name;
  return BUILTIN_TEMPLATES.find((t) => t.id === id)?.name ?? id;
}

export interface RegisterInput {
  id: string;
  kind: DocumentKind;
  applicationId: string | null;
  roundId: string | null;
  path: string;
  sha256: string;
  pages: number;
  template: { id: string; version: number };
  docNumber: string | null;
  signer: { subject: string; fingerprint: string } | null;
  signedAt: string | null;
  /** extra facts for the audit entry, e.g. the batch job */
  audit?: Record<string, unknown>;
}

/** Records a written file in the register with its audit entry (one transaction, run by the caller or here). */
export async function registerDocument(ctx: ServiceContext, r: RegisterInput, db?: Db): Promise<void> {
  const run = async (trx: Db) => {
    const actor = await operator(trx);
    const at = nowIso(ctx);
    await insertDocument(trx, {
      id: r.id,
      kind: r.kind,
      application_id: r.applicationId,
      round_id: r.roundId,
      path: r.path,
      sha256: r.sha256,
      pages: r.pages,
      template_id: r.template.id,
      template_version: r.template.version,
      doc_number: r.docNumber,
      signed: r.signer ? 1 : 0,
      signer_subject: r.signer?.subject ?? null,
      signer_fingerprint: r.signer?.fingerprint ?? null,
      signed_at: r.signedAt,
      created_by: actor,
      created_at: at,
    });
    await appendAudit(trx, {
      at,
      actor,
      action: `documents.${r.kind}`,
      entity: r.applicationId ? 'application' : 'round',
      entityId: r.applicationId ?? r.roundId ?? '',
      after: { documentId: r.id, sha256: r.sha256, signed: !!r.signer, template: `${r.template.id}@${r.template.version}`, docNumber: r.docNumber, file: path.basename(r.path), ...(r.audit ?? {}) },
    });
  };
  if (db) await run(db);
  else await ctx.db.transaction().execute(run);
}

export async function listRegister(ctx: ServiceContext, roundId: string): Promise<RegisterRow[]> {
  const rows = await listRegisterOfRound(ctx.db, roundId);
  return rows.map((d) => ({
    documentId: d.id,
    kind: d.kind,
    kindLabel: kindLabel(d.kind),
    title: templateName(d.template_id),
    roundId: d.round_id,
    applicationId: d.application_id,
    institution: d.institution ?? null,
    applicationNo: d.application_no ?? null,
    path: d.path,
    fileName: path.basename(d.path),
    sha256: d.sha256,
    pages: d.pages,
    templateId: d.template_id,
    templateVersion: d.template_version,
    docNumber: d.doc_number,
    signed: d.signed === 1,
    signer: d.signer_subject,
    signerFingerprint: d.signer_fingerprint,
    signedAt: d.signed_at,
    createdAt: d.created_at,
    createdBy: d.created_by,
    fileExists: existsSync(d.path),
  }));
}

/** SHA-256 of a file, streamed (a combined PDF can be large). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export async function verifyDocument(ctx: ServiceContext, documentId: string) {
  const d = await getDocument(ctx.db, documentId);
  if (!d) notFound('文书登记', documentId);
  const app = d.application_id ? await ctx.db.selectFrom('application').select('name').where('id', '=', d.application_id).executeTakeFirst() : undefined;
  let actual: string | null = null;
  try {
    actual = existsSync(d.path) ? await sha256File(d.path) : null;
  } catch {
    actual = null;
  }
  const state = actual === null ? ('missing' as const) : actual === d.sha256 ? ('match' as const) : ('modified' as const);
  const what = `${templateName(d.template_id)}${app ? `（${app.name}）` : ''}`;
  const message =
    state === 'match'
      ? `文件与登记一致：${what}是${d.created_at.slice(0, 10)}出具的原件，未被改动（SHA-256 ${d.sha256.slice(0, 16)}…）`
      : state === 'modified'
        ? `文件与登记不一致：${what}在出具后被改动过，或已被替换，不能作为原件（登记的SHA-256 ${d.sha256.slice(0, 16)}…，现文件 ${actual!.slice(0, 16)}…）`
        : `找不到登记的文件“${d.path}”：可能已被移动或删除`;
  return {
    documentId: d.id,
    kindLabel: kindLabel(d.kind),
    title: templateName(d.template_id),
    institution: app?.name ?? null,
    path: d.path,
    state,
    ok: state === 'match',
    expectedSha256: d.sha256,
    actualSha256: actual,
    message,
    signed: d.signed === 1,
    signer: d.signer_subject,
    signedAt: d.signed_at,
    templateId: d.template_id,
    templateVersion: d.template_version,
    checkedAt: nowIso(ctx),
  };
}

/**
 * A registered document's file for the Node host's download route: only a
 * file the register knows, and only while it is byte for byte what was issued.
 */
export async function registeredFile(ctx: ServiceContext, documentId: string): Promise<{ path: string; fileName: string } | null> {
  const d = await getDocument(ctx.db, documentId);
  if (!d || !existsSync(d.path)) return null;
  if ((await sha256File(d.path)) !== d.sha256) return null;
  return { path: d.path, fileName: path.basename(d.path) };
}
