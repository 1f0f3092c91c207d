/**
 * Routes of the documents (issue 7), kept apart from router.tsx so the shared
 * router only needs a hook:
 *
 *   #/rounds/:roundId/documents           文书与打印: batch, single documents, register
 *   #/rounds/:roundId/notice?notice=ID    审核结果公示: new notice, objections, final list
 *   #/settings/documents                  文书与签章设置: agency, fonts, certificate, seal
 */
export type DocumentRoute =
  | { name: 'roundDocuments'; roundId: string }
  | { name: 'publicNotice'; roundId: string; noticeId?: string }
  | { name: 'documentSettings' };

export const DOCUMENT_ROUTE_NAMES = ['roundDocuments', 'publicNotice', 'documentSettings'] as const;

export function isDocumentRoute(r: { name: string }): r is DocumentRoute {
  return (DOCUMENT_ROUTE_NAMES as readonly string[]).includes(r.name);
}

/** The route for decoded path segments and the query, or null when the path is not one of these. */
export function parseDocuments(seg: string[], params: URLSearchParams): DocumentRoute | null {
  if (seg[0] === 'settings' && seg[1] === 'documents' && seg.length === 2) return { name: 'documentSettings' };
  if (seg[0] === 'rounds' && seg[1] && seg.length === 3) {
    if (seg[2] === 'documents') return { name: 'roundDocuments', roundId: seg[1] };
    if (seg[2] === 'notice') {
      const notice = params.get('notice');
      return { name: 'publicNotice', roundId: seg[1], ...(notice ? { noticeId: notice } : {}) };
    }
  }
  return null;
}

export function documentsHref(route: DocumentRoute): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'roundDocuments':
      return `#/rounds/${e(route.roundId)}/documents`;
    case 'publicNotice':
      return `#/rounds/${e(route.roundId)}/notice${route.noticeId ? `?notice=${e(route.noticeId)}` : ''}`;
    case 'documentSettings':
      return '#/settings/documents';
  }
}
