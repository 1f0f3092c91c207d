import type { HandlerSlice } from './types';
import { addObjection, createNotice, finaliseNotice, getNoticeView, listNotices, previewNotice, setObjectionState } from '../publicNotice/notice';

export const publicNoticeHandlers: HandlerSlice<
  'publicNotice.list' | 'publicNotice.preview' | 'publicNotice.create' | 'publicNotice.get' | 'publicNotice.addObjection' | 'publicNotice.setObjectionState' | 'publicNotice.finalise'
> = {
  'publicNotice.list': (ctx, { roundId }) => listNotices(ctx, roundId),
  'publicNotice.preview': (ctx, { roundId, startOn, workingDays }) => previewNotice(ctx, roundId, startOn, workingDays),
  'publicNotice.create': (ctx, { roundId, startOn, workingDays }) => createNotice(ctx, roundId, startOn, workingDays),
  'publicNotice.get': (ctx, { noticeId }) => getNoticeView(ctx, noticeId),
  'publicNotice.addObjection': (ctx, input) => addObjection(ctx, input),
  'publicNotice.setObjectionState': (ctx, input) => setObjectionState(ctx, input),
  'publicNotice.finalise': (ctx, { noticeId }) => finaliseNotice(ctx, noticeId),
};
