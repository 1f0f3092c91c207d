/**
 * Routes of 离线评分 (issue 5), kept apart from router.tsx so the shared router
 * only needs a hook:
 *
 *   #/settings/keys                       密钥管理 (both laptops)
 *   #/offline/package                     导入评分包 (member laptop)
 *   #/rounds/:roundId/offline/package     导出评分包 (clerk)
 *   #/rounds/:roundId/offline/import      导入评分表 (clerk)
 *   #/rounds/:roundId/offline/status      收表情况 (clerk)
 */
export type OfflineView = 'package' | 'import' | 'status';
export const OFFLINE_VIEWS: readonly OfflineView[] = ['package', 'import', 'status'];

export type OfflineRoute = { name: 'keys' } | { name: 'packageImport' } | { name: 'offline'; roundId: string; view: OfflineView };

export const OFFLINE_ROUTE_NAMES = ['keys', 'packageImport', 'offline'] as const;

export function isOfflineRoute(r: { name: string }): r is OfflineRoute {
  return (OFFLINE_ROUTE_NAMES as readonly string[]).includes(r.name);
}

/** The route for decoded path segments, or null when the path is not one of these. */
export function parseOffline(seg: string[]): OfflineRoute | null {
  if (seg[0] === 'settings' && seg[1] === 'keys' && seg.length === 2) return { name: 'keys' };
  if (seg[0] === 'offline' && seg[1] === 'package' && seg.length === 2) return { name: 'packageImport' };
  if (seg[0] === 'rounds' && seg[1] && seg[2] === 'offline' && seg.length === 4) {
    const view = OFFLINE_VIEWS.find((v) => v === seg[3]);
    if (view) return { name: 'offline', roundId: seg[1], view };
  }
  return null;
}

export function offlineHref(route: OfflineRoute): string {
  switch (route.name) {
    case 'keys':
      return '#/settings/keys';
    case 'packageImport':
      return '#/offline/package';
    case 'offline':
      return `#/rounds/${encodeURIComponent(route.roundId)}/offline/${route.view}`;
  }
}
