import type { HandlerSlice } from './types';
import type { Method } from '../../shared/contract/methods';
import { appHandlers } from './app';
import { profileHandlers } from './profiles';
import { roundHandlers } from './rounds';
import { applicationHandlers } from './applications';
import { formalCheckHandlers } from './formalCheck';

/** All handlers. The type makes a contract method without a handler a compile error. */
export const handlers: HandlerSlice<Method> = {
  ...appHandlers,
  ...profileHandlers,
  ...roundHandlers,
  ...applicationHandlers,
  ...formalCheckHandlers,
};
