import type { HandlerSlice } from './types';
import type { Method } from '../../shared/contract/methods';
import { appHandlers } from './app';
import { profileHandlers } from './profiles';
import { roundHandlers } from './rounds';
import { applicationHandlers } from './applications';
import { formalCheckHandlers } from './formalCheck';
import { profileEditHandlers, rulesHandlers } from './rules';
import { documentHandlers } from './documents';
import { panelHandlers } from './panel';
import { scoringHandlers } from './scoring';
import { offlineHandlers } from './offline';
import { deliberationHandlers } from './deliberation';
import { auditHandlers } from './audit';
import { roundDocumentHandlers } from './roundDocuments';
import { publicNoticeHandlers } from './publicNotice';
import { systemHandlers } from './system';
import { guardPackageRounds } from '../offline/guard';

/**
 * All handlers. The type makes a contract method without a handler a compile error.
 * guardPackageRounds: on a member's laptop, rounds imported from a round package are read-only except own scoring (issue 5).
 */
export const handlers: HandlerSlice<Method> = guardPackageRounds({
  ...appHandlers,
  ...profileHandlers,
  ...roundHandlers,
  ...applicationHandlers,
  ...formalCheckHandlers,
  ...profileEditHandlers,
  ...rulesHandlers,
  ...documentHandlers,
  ...panelHandlers,
  ...scoringHandlers,
  ...offlineHandlers,
  ...deliberationHandlers,
  ...auditHandlers,
  ...roundDocumentHandlers,
  ...publicNoticeHandlers,
  ...systemHandlers,
});
