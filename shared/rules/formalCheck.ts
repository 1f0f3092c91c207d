import type { ApplicationStatus } from '../domain/application';
import type { MaterialState } from '../domain/formalCheck';
import { formatDateZh } from '../util/dates';

/**
 * What a clerk may do next in 形式审查 (000 第十一条; 003 第二十条（一）), decided in
 * one place: the service enforces it, the UI greys buttons with the same reasons.
 */
export interface FormalCheckFacts {
  roundOpen: boolean;
  status: ApplicationStatus;
  materialStates: MaterialState[];
  notice: null | { outcome: 'open' | 'fulfilled' | 'expired'; deadline: string; provisional: boolean };
  today: string;
  /** whether the profile's text says a late supplement counts as withdrawal (000 第十一条) */
  withdrawnIfLate: boolean;
}

export type FormalAction = 'markMaterial' | 'issueNotice' | 'recordSupplement' | 'markWithdrawn' | 'pass' | 'notAccept';

const FINAL: ApplicationStatus[] = ['withdrawn', 'not_accepted'];

/** Returns null when allowed, else the Chinese reason it is not. */
export function formalActionBlocker(action: FormalAction, f: FormalCheckFacts): string | null {
  if (!f.roundOpen) return '本批次已关闭，不能再修改';
  if (FINAL.includes(f.status)) return '该申请已办结（视作放弃或不予受理），不能再修改';
  const missing = f.materialStates.filter((s) => s === 'missing').length;
  const pending = f.materialStates.filter((s) => s === 'pending').length;
  switch (action) {
    case 'markMaterial':
      if (f.status === 'supplement_requested') return '已发出补正通知，请在收到补正材料后点击“登记补正材料”';
      if (f.status === 'accepted') return '形式审查已通过，材料状态不能再修改';
      return null;
    case 'issueNotice':
      if (f.notice) return '补正通知只能一次性发出，本申请已发过补正通知';
      if (f.status !== 'registered') return '只有形式审查中的申请才能发补正通知';
      if (pending > 0) return `还有${pending}项材料未核对；补正通知须一次性列明全部缺失材料，请先核对完`;
      if (missing === 0) return '没有缺失的材料，无需补正';
      return null;
    case 'recordSupplement':
      if (!f.notice || f.notice.outcome !== 'open') return '没有待补正的通知';
      return null;
    case 'markWithdrawn':
      if (!f.notice || f.notice.outcome !== 'open') return '没有待补正的通知';
      if (!f.withdrawnIfLate) return '本地区政策未规定逾期不补正视作放弃申请，不能据此办结；如确需办结请选择不予受理或在政策配置中补充依据';
      if (f.notice.provisional) return `补正期限（${formatDateZh(f.notice.deadline)}）所在年份的节假日安排尚未录入，期限待定；请先在“设置”中录入该年节假日`;
      if (f.today <= f.notice.deadline) return `补正期限${formatDateZh(f.notice.deadline)}尚未届满`;
      return null;
    case 'pass':
      if (f.status !== 'registered') return '只有形式审查中的申请才能通过形式审查';
      if (pending > 0 || missing > 0) return `还有${pending + missing}项材料未收到，不能通过形式审查`;
      return null;
    case 'notAccept':
      if (f.status === 'accepted') return '形式审查已通过，不能再作不予受理';
      return null;
  }
}

/** A supplement handed in on `receivedOn` is in time when on or before the deadline. */
export function supplementLateness(receivedOn: string, deadline: string, provisional: boolean, withdrawnIfLate: boolean): string | null {
  if (receivedOn <= deadline || !withdrawnIfLate) return null;
  if (provisional) return `补正期限（${formatDateZh(deadline)}）待定：该年节假日安排尚未录入，请先在“设置”中录入后再登记`;
  return `补正期限已于${formatDateZh(deadline)}届满，逾期补正的视作放弃申请`;
}
