import type { HandlerSlice } from './types';

/**
 * system.pickPath: the service cannot show a native dialog (it may run behind
 * the browser host). The Electron transport intercepts the method before it
 * gets here (electron/ipc.ts); anywhere else the answer is "not available",
 * and the screen asks for the path as text.
 */
export const systemHandlers: HandlerSlice<'system.pickPath'> = {
  async 'system.pickPath'() {
    return { available: false, paths: [] };
  },
};
