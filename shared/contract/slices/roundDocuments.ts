import { z } from 'zod';
import { byApplication, byRound } from './common';
import { generatedDocumentSchema } from './documents';

/**
 * The documents of a round after 集体评议 (issue 7): result letters from sealed
 * decisions, the 公示 notice, the minutes (会议纪要) and the 审核结果备案表; the
 * batch job that writes them all off the main thread into a folder plus one
 * combined PDF for printing; and the document register with verification.
 */

/** `document.kind` in the register. */
export const DOCUMENT_KINDS = ['supplementNotice', 'resultLetter', 'publicNotice', 'minutes', 'filingForm', 'printBundle'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  supplementNotice: '补正通知书',
  resultLetter: '审核结果告知书',
  publicNotice: '审核结果公示',
  minutes: '集体评议会议纪要',
  filingForm: '审核结果备案表',
  printBundle: '打印合订本',
};

/** What a batch job can generate. */
export const BATCH_KINDS = ['resultLetters', 'publicNotice', 'minutes', 'filingForm'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];
export const BATCH_KIND_LABEL: Record<BatchKind, string> = {
  resultLetters: '审核结果告知书（每个已作出审核结论的申请机构一份）',
  publicNotice: '审核结果公示（最近一次公示）',
  minutes: '集体评议会议纪要（每次已封存的会议一份）',
  filingForm: '审核结果备案表',
};

export const BATCH_STATES = ['running', 'cancelling', 'done', 'cancelled', 'failed'] as const;
export const BATCH_STATE_LABEL: Record<(typeof BATCH_STATES)[number], string> = {
  running: '正在生成',
  cancelling: '正在取消（当前文书写完后停止）',
  done: '已完成',
  cancelled: '已取消（已生成的文书均已登记）',
  failed: '失败',
};

export const registerRowSchema = z.object({
  documentId: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  /** the template's name, e.g. 审核结果告知书（不合格） */
  title: z.string(),
  roundId: z.string().nullable(),
  applicationId: z.string().nullable(),
  institution: z.string().nullable(),
  applicationNo: z.string().nullable(),
  path: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  pages: z.number().int(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  docNumber: z.string().nullable(),
  signed: z.boolean(),
  /** the certificate's subject (CN) */
  signer: z.string().nullable(),
  signerFingerprint: z.string().nullable(),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** whether the file is still where the register says (not its content: documents.verify checks that) */
  fileExists: z.boolean(),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

export const verifyResultSchema = z.object({
  documentId: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  institution: z.string().nullable(),
  path: z.string(),
  /** match: the file is byte for byte what was issued; modified: its hash differs; missing: no file at the path */
  state: z.enum(['match', 'modified', 'missing']),
  ok: z.boolean(),
  expectedSha256: z.string(),
  actualSha256: z.string().nullable(),
  /** for the clerk, in Chinese */
  message: z.string(),
  signed: z.boolean(),
  signer: z.string().nullable(),
  signedAt: z.string().nullable(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  checkedAt: z.string(),
});

export const batchStatusSchema = z.object({
  jobId: z.string(),
  roundId: z.string(),
  roundCode: z.string(),
  kinds: z.array(z.enum(BATCH_KINDS)),
  state: z.enum(BATCH_STATES),
  stateLabel: z.string(),
  /** documents: the files one by one; combining: the combined PDF for printing; finished */
  phase: z.enum(['documents', 'combining', 'finished']),
  /** files finished (written and registered, or failed) */
  done: z.number().int(),
  total: z.number().int(),
  /** the document being written now, e.g. 审核结果告知书·乌鲁木齐市天山区康宁护理院 */
  current: z.string().nullable(),
  errors: z.array(z.object({ label: z.string(), message: z.string() })),
  /** the output folder */
  folder: z.string(),
  documents: z.array(z.object({ documentId: z.string(), label: z.string(), path: z.string() })),
  /** the combined PDF (every document of the job, signed once): print this */
  combined: z.object({ documentId: z.string(), path: z.string(), pages: z.number().int() }).nullable(),
  signed: z.boolean(),
  /** why the documents are unsigned 草稿, in Chinese; null when signed */
  draftReason: z.string().nullable(),
  /** things the clerk should know, e.g. applicants whose meeting is not sealed yet */
  notes: z.array(z.string()),
  /** the failure, in Chinese (state failed) */
  message: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  elapsedMs: z.number(),
});
export type BatchStatus = z.infer<typeof batchStatusSchema>;

export const resultSettingsSchema = z.object({
  /** 公示: where written objections go (书面反映地址) */
  objectionAddress: z.string().trim().max(100, { message: '异议受理地址不能超过100个字' }),
  /** 公示: the phone for objections */
  objectionPhone: z.string().trim().max(40, { message: '联系电话不能超过40个字' }),
  /** 审核结果备案表: the administrative department it is filed with, e.g. 乌鲁木齐市医疗保障局; empty = “同级医疗保障行政部门” */
  filingAuthority: z.string().trim().max(40, { message: '备案机关不能超过40个字' }),
});
export type ResultSettings = z.infer<typeof resultSettingsSchema>;

const byMeeting = z.object({ meetingId: z.string().min(1) });
const byJob = z.object({ jobId: z.string().min(1) });

export const roundDocumentsContract = {
  /** 审核结果告知书（合格/不合格）of one applicant with a sealed decision; refused otherwise. */
  'documents.resultLetter': { input: byApplication, output: generatedDocumentSchema },
  /** The signed 会议纪要 of a sealed meeting, with the minutes hash and the audit head printed. */
  'documents.minutes': { input: byMeeting, output: generatedDocumentSchema },
  /** The round's 审核结果备案表 for the administrative department. */
  'documents.filingForm': { input: byRound, output: generatedDocumentSchema },
  /** The 公示 PDF of a notice (publicNotice.create writes it once; this writes it again). */
  'documents.publicNotice': { input: z.object({ noticeId: z.string().min(1) }), output: generatedDocumentSchema },
  /** The document register of a round. */
  'documents.list': { input: byRound, output: z.array(registerRowSchema) },
  /** Recomputes a registered file's SHA-256 and compares it with the register. */
  'documents.verify': { input: z.object({ documentId: z.string().min(1) }), output: verifyResultSchema },
  /**
   * Starts a batch job (a worker thread): every document of the requested
   * kinds into one folder, each registered as it is written, then one combined
   * PDF for printing. `meetingId` limits the result letters to one sealed meeting.
   * Poll documents.batch.status for the progress bar.
   */
  'documents.batch.start': {
    input: byRound.extend({
      kinds: z.array(z.enum(BATCH_KINDS, { message: '文书种类无效' })).min(1, { message: '请选择要生成的文书' }).default(['resultLetters']),
      meetingId: z.string().min(1).optional(),
    }),
    output: batchStatusSchema,
  },
  'documents.batch.status': { input: byJob, output: batchStatusSchema },
  /** Stops after the document being written; what was written stays registered; no combined PDF. */
  'documents.batch.cancel': { input: byJob, output: batchStatusSchema },
  /** This session's batch jobs of a round, newest first (to find a running one after reopening the screen). */
  'documents.batch.list': { input: byRound, output: z.array(batchStatusSchema) },
  'documents.resultSettings.get': { input: z.object({}), output: resultSettingsSchema },
  'documents.resultSettings.set': { input: resultSettingsSchema, output: resultSettingsSchema },
} as const;
