import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { deliberationHref, isDeliberationRoute, parseDeliberation, type DeliberationRoute } from './deliberationRoutes';
import { isOfflineRoute, offlineHref, parseOffline, type OfflineRoute } from './offlineRoutes';
import { documentsHref, isDocumentRoute, parseDocuments, type DocumentRoute } from './documentRoutes';

/**
 * A tiny hash router: the renderer is loaded from file:// in Electron, where
 * only the hash can change without a reload.
 *
 *   #/                                home (审核批次)
 *   #/rounds/new                      新建批次
 *   #/rounds/:roundId                 批次
 *   #/rounds/:roundId/applications/new 登记申请
 *   #/applications/:id                申请 (tab: ?tab=formal, ?tab=eligibility)
 *   #/applications/:id/edit           修改申请 (?field=key focuses a field)
 *   #/rounds/:roundId/eligibility     基础性指标一览 (matrix)
 *   #/rounds/:roundId/rules           规则目录 of the round's profile version
 *   #/rounds/:roundId/{panel,conflicts,rubric,basic,scoring,results}
 *                                     评审: 审核小组, 回避声明, 评分细则, 基础性指标核查, 评分, 评审结果
 *   #/settings                        设置
 *   #/settings/profiles/:id           地区政策配置 (versions, editor)
 *   #/settings/profiles/:id/rules     规则目录 of a profile (?version=N)
 */
export type Route =
  | { name: 'home' }
  | { name: 'newRound' }
  | { name: 'round'; roundId: string }
  | { name: 'newApplication'; roundId: string }
  | { name: 'application'; applicationId: string; tab: ApplicationTab }
  | { name: 'editApplication'; applicationId: string; field?: string }
  | { name: 'roundMatrix'; roundId: string }
  | { name: 'roundRules'; roundId: string }
  | { name: 'roundReview'; roundId: string; section: ReviewSection }
  | { name: 'profile'; profileId: string }
  | { name: 'profileRules'; profileId: string; version?: number }
  | { name: 'settings' }
  | { name: 'notFound'; path: string }
  | DeliberationRoute
  | OfflineRoute
  | DocumentRoute;

export type ApplicationTab = 'info' | 'formal' | 'eligibility';

/** The panel's screens of a round (issue 4). */
export type ReviewSection = 'panel' | 'conflicts' | 'rubric' | 'basic' | 'scoring' | 'results';
export const REVIEW_SECTION_IDS: readonly ReviewSection[] = ['panel', 'conflicts', 'rubric', 'basic', 'scoring', 'results'];
const APPLICATION_TABS: readonly ApplicationTab[] = ['info', 'formal', 'eligibility'];

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const seg = pathPart.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  if (seg.length === 0) return { name: 'home' };
  if (seg[0] === 'settings' && seg.length === 1) return { name: 'settings' };
  if (seg[0] === 'settings' && seg[1] === 'profiles' && seg[2]) {
    if (seg.length === 3) return { name: 'profile', profileId: seg[2] };
    if (seg[3] === 'rules' && seg.length === 4) {
      const v = Number(params.get('version'));
      return { name: 'profileRules', profileId: seg[2], ...(Number.isInteger(v) && v > 0 ? { version: v } : {}) };
    }
  }
  if (seg[0] === 'rounds') {
    if (seg[1] === 'new' && seg.length === 2) return { name: 'newRound' };
    if (seg[1] && seg.length === 2) return { name: 'round', roundId: seg[1] };
    if (seg[1] && seg[2] === 'applications' && seg[3] === 'new' && seg.length === 4) return { name: 'newApplication', roundId: seg[1] };
    if (seg[1] && seg[2] === 'eligibility' && seg.length === 3) return { name: 'roundMatrix', roundId: seg[1] };
    if (seg[1] && seg[2] === 'rules' && seg.length === 3) return { name: 'roundRules', roundId: seg[1] };
    const section = REVIEW_SECTION_IDS.find((x) => x === seg[2]);
    if (seg[1] && section && seg.length === 3) return { name: 'roundReview', roundId: seg[1], section };
  }
  if (seg[0] === 'applications' && seg[1]) {
    if (seg.length === 2) {
      const tab = APPLICATION_TABS.find((t) => t === params.get('tab')) ?? 'info';
      return { name: 'application', applicationId: seg[1], tab };
    }
    if (seg[2] === 'edit' && seg.length === 3) {
      const field = params.get('field');
      return { name: 'editApplication', applicationId: seg[1], ...(field ? { field } : {}) };
    }
  }
  const documents = parseDocuments(seg, params);
  if (documents) return documents;
  const offline = parseOffline(seg);
  if (offline) return offline;
  const deliberation = parseDeliberation(seg, params);
  if (deliberation) return deliberation;
  return { name: 'notFound', path: pathPart };
}

export function href(route: Route): string {
  if (isDeliberationRoute(route)) return deliberationHref(route);
  if (isOfflineRoute(route)) return offlineHref(route);
  if (isDocumentRoute(route)) return documentsHref(route);
  const e = encodeURIComponent;
  switch (route.name) {
    case 'home':
      return '#/';
    case 'newRound':
      return '#/rounds/new';
    case 'round':
      return `#/rounds/${e(route.roundId)}`;
    case 'newApplication':
      return `#/rounds/${e(route.roundId)}/applications/new`;
    case 'application':
      return `#/applications/${e(route.applicationId)}${route.tab === 'info' ? '' : `?tab=${route.tab}`}`;
    case 'editApplication':
      return `#/applications/${e(route.applicationId)}/edit${route.field ? `?field=${e(route.field)}` : ''}`;
    case 'roundMatrix':
      return `#/rounds/${e(route.roundId)}/eligibility`;
    case 'roundRules':
      return `#/rounds/${e(route.roundId)}/rules`;
    case 'roundReview':
      return `#/rounds/${e(route.roundId)}/${route.section}`;
    case 'settings':
      return '#/settings';
    case 'profile':
      return `#/settings/profiles/${e(route.profileId)}`;
    case 'profileRules':
      return `#/settings/profiles/${e(route.profileId)}/rules${route.version ? `?version=${route.version}` : ''}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route, opts: { replace?: boolean } = {}) {
  const target = href(route);
  if (opts.replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (location.hash !== target) {
    location.hash = target;
  }
}

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

/** The current hash, re-rendering on change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}

export function useRoute(): Route {
  return parseHash(useHash());
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: Route; children: ReactNode };

/** A real anchor (middle-click, Enter and screen readers all work) to a route. */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  return (
    <a
      href={href(to)}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
