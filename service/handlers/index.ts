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

/** All handlers. The type makes a contract method without a handler a compile error. */
export const handlers: HandlerSlice<Method> = {
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
};
