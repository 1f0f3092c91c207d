import type { HandlerSlice } from './types';
import type { ServiceContext } from '../context';
import { issue, loadSettings } from '../documents/issue';
import { DocNumbers, loadResultSettings, prepareFilingForm, prepareMinutes, prepareResultLetterOf, saveResultSettings, type PreparedDocument } from '../documents/results';
import { listRegister, verifyDocument } from '../documents/register';
import { batchStatus, cancelBatch, listBatches, refuseWhileBatchRunning, startBatch } from '../documents/batch/jobs';
import { reissueNoticeDocument } from '../publicNotice/notice';
import { requireRound } from './rounds';

/** One prepared document through the service's issue path (PDF → file → register, one transaction). */
function issuePrepared(ctx: ServiceContext, p: PreparedDocument) {
  refuseWhileBatchRunning(ctx, p.roundId);
  return issue(
    ctx,
    { kind: p.kind, template: p.template, fileLabel: p.fileLabel, roundCode: p.roundCode, applicationId: p.applicationId, roundId: p.roundId, docNumber: p.docNumber },
    () => ({ ...p.context, values: p.values }),
  );
}

export const roundDocumentHandlers: HandlerSlice<
  | 'documents.resultLetter'
  | 'documents.minutes'
  | 'documents.filingForm'
  | 'documents.publicNotice'
  | 'documents.list'
  | 'documents.verify'
  | 'documents.batch.start'
  | 'documents.batch.status'
  | 'documents.batch.cancel'
  | 'documents.batch.list'
  | 'documents.resultSettings.get'
  | 'documents.resultSettings.set'
> = {
  'documents.resultLetter': async (ctx, { applicationId }) => issuePrepared(ctx, await prepareResultLetterOf(ctx, applicationId)),
  'documents.minutes': async (ctx, { meetingId }) => issuePrepared(ctx, await prepareMinutes(ctx, meetingId, await loadSettings(ctx.db))),
  'documents.filingForm': async (ctx, { roundId }) => {
    const settings = await loadSettings(ctx.db);
    return issuePrepared(ctx, await prepareFilingForm(ctx, roundId, settings, await DocNumbers.forIssuing(ctx, settings)));
  },
  'documents.publicNotice': (ctx, { noticeId }) => reissueNoticeDocument(ctx, noticeId),
  'documents.list': async (ctx, { roundId }) => {
    await requireRound(ctx.db, roundId);
    return listRegister(ctx, roundId);
  },
  'documents.verify': (ctx, { documentId }) => verifyDocument(ctx, documentId),
  'documents.batch.start': (ctx, { roundId, kinds, meetingId }) => startBatch(ctx, { roundId, kinds, meetingId: meetingId ?? null }),
  'documents.batch.status': async (ctx, { jobId }) => batchStatus(ctx, jobId),
  'documents.batch.cancel': (ctx, { jobId }) => cancelBatch(ctx, jobId),
  'documents.batch.list': async (ctx, { roundId }) => {
    await requireRound(ctx.db, roundId);
    return listBatches(ctx, roundId);
  },
  'documents.resultSettings.get': (ctx) => loadResultSettings(ctx.db),
  'documents.resultSettings.set': (ctx, s) => saveResultSettings(ctx, s),
};
