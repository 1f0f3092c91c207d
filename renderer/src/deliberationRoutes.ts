/**
 * Routes of 集体评议 (issue 6), kept apart from router.tsx so the shared
 * router only needs a hook:
 *
 *   #/rounds/:roundId/deliberation          集体评议: status, opening, agenda
 *   #/rounds/:roundId/deadlines             评议结果与期限
 *   #/meetings/:meetingId/present?app=ID    会议模式 (projector)
 *   #/meetings/:meetingId/vote?app=ID       表决录入
 *   #/meetings/:meetingId/decide?app=ID     确认审核结论 (组长)
 *   #/meetings/:meetingId/minutes           会议纪要
 *   #/audit?seq=N                           审计日志
 */
export type MeetingView = 'present' | 'vote' | 'decide' | 'minutes';
export const MEETING_VIEWS: readonly MeetingView[] = ['present', 'vote', 'decide', 'minutes'];

export type DeliberationRoute =
  | { name: 'deliberation'; roundId: string }
  | { name: 'deadlines'; roundId: string }
  | { name: 'meeting'; meetingId: string; view: MeetingView; applicationId?: string }
  | { name: 'audit'; seq?: number };

export const DELIBERATION_ROUTE_NAMES = ['deliberation', 'deadlines', 'meeting', 'audit'] as const;

export function isDeliberationRoute(r: { name: string }): r is DeliberationRoute {
  return (DELIBERATION_ROUTE_NAMES as readonly string[]).includes(r.name);
}

/** The route for decoded path segments and the query, or null when the path is not one of these. */
export function parseDeliberation(seg: string[], params: URLSearchParams): DeliberationRoute | null {
  if (seg[0] === 'rounds' && seg[1] && seg.length === 3) {
    if (seg[2] === 'deliberation') return { name: 'deliberation', roundId: seg[1] };
    if (seg[2] === 'deadlines') return { name: 'deadlines', roundId: seg[1] };
  }
  if (seg[0] === 'meetings' && seg[1] && seg.length === 3) {
    const view = MEETING_VIEWS.find((v) => v === seg[2]);
    if (view) {
      const app = params.get('app');
      return { name: 'meeting', meetingId: seg[1], view, ...(app ? { applicationId: app } : {}) };
    }
  }
  if (seg[0] === 'audit' && seg.length === 1) {
    const n = Number(params.get('seq'));
    return { name: 'audit', ...(Number.isInteger(n) && n > 0 ? { seq: n } : {}) };
  }
  return null;
}

export function deliberationHref(route: DeliberationRoute): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'deliberation':
      return `#/rounds/${e(route.roundId)}/deliberation`;
    case 'deadlines':
      return `#/rounds/${e(route.roundId)}/deadlines`;
    case 'meeting':
      return `#/meetings/${e(route.meetingId)}/${route.view}${route.applicationId ? `?app=${e(route.applicationId)}` : ''}`;
    case 'audit':
      return `#/audit${route.seq ? `?seq=${route.seq}` : ''}`;
  }
}
