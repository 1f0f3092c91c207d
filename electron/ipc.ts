import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isMethod } from '../shared/contract/methods';
import type { Envelope } from '../shared/contract/errors';
import type { Service } from '../service';
import { log } from '../service/log';
import { isAllowedUrl } from './security';

/**
 * The Electron transport: ONE invoke channel, 'api', carrying (method, payload).
 * Every contract method goes through it to `service.dispatch`, which validates
 * the payload with the shared schema — exactly what the Node host does, so
 * both transports answer the same. No runtime import of `electron` here: the
 * caller passes `ipcMain`, and tests call `makeIpcHandler` directly.
 */
export const IPC_CHANNEL = 'api';

export type IpcHandler<E> = (event: E, method: unknown, payload: unknown) => Promise<Envelope<unknown>>;

export function makeIpcHandler<E>(service: Pick<Service, 'dispatch'>, isTrustedSender: (event: E) => boolean): IpcHandler<E> {
  return async (event, method, payload) => {
    let trusted = false;
    try {
      trusted = isTrustedSender(event);
    } catch (e) {
      log.warn(`ipc: sender check threw: ${(e as Error)?.message ?? String(e)}`);
    }
    if (!trusted) {
      const logMessage = `ipc: refused ${typeof method === 'string' ? method : typeof method} from an untrusted sender`;
      log.warn(logMessage);
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自本程序的窗口', logMessage } };
    }
    if (!isMethod(method)) {
      const logMessage = `ipc: unknown method ${typeof method === 'string' ? JSON.stringify(method.slice(0, 100)) : typeof method}`;
      log.warn(logMessage);
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的操作', logMessage } };
    }
    return service.dispatch(method, payload);
  };
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: Pick<Service, 'dispatch'>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  ipcMain.handle(IPC_CHANNEL, makeIpcHandler(service, isTrustedSender));
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}

/** The parts of an invoke event the sender check reads (structural, so tests can fake it). */
export interface SenderEventLike {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * A sender is trusted when it is our main window's webContents, the message
 * comes from its top frame (not an iframe), and that frame shows the app's own
 * index.html file URL.
 */
export function makeTrustedSenderCheck(
  getWindowContents: () => unknown,
  appRoot: string,
): (event: SenderEventLike) => boolean {
  return (event) => {
    const ours = getWindowContents();
    if (!ours || event.sender !== ours) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    return isAllowedUrl(frame.url, appRoot);
  };
}
