import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { contract, isMethod } from '../shared/contract/methods';
import type { Envelope } from '../shared/contract/errors';
import { validationError } from '../shared/contract/validate';
import { ApiError } from '../shared/contract/errors';
import type { OpenDocumentInput, OpenDocumentOutput, PickPathInput, PickPathOutput } from '../shared/contract/slices/system';
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

/**
 * Methods the shell answers itself instead of the service, for the calling
 * window: `system.pickPath` shows the native open/save dialog;
 * `system.openDocument` opens a registered PDF with the laptop's PDF reader
 * (where the clerk prints) or shows it in its folder. The payload is validated
 * with the contract schema first, like every method, and the answer with the
 * output schema; without an implementation the service answers (no dialog; the
 * browser host's document address).
 */
export interface ShellMethods<E> {
  pickPath?: (event: E, input: PickPathInput) => Promise<PickPathOutput>;
  openDocument?: (event: E, input: OpenDocumentInput) => Promise<OpenDocumentOutput>;
}

type ShellMethod = 'system.pickPath' | 'system.openDocument';

/** What the clerk reads when the shell itself fails (not a refusal with its own message). */
const SHELL_FAILURE: Record<ShellMethod, string> = {
  'system.pickPath': '无法打开文件对话框，请直接输入文件路径',
  'system.openDocument': '无法打开该文书，请在文件夹中找到该文件后用 PDF 阅读器打开',
};

function shellImplementation<E>(shell: ShellMethods<E>, method: string): ((event: E, input: never) => Promise<unknown>) | undefined {
  if (method === 'system.pickPath') return shell.pickPath as ((event: E, input: never) => Promise<unknown>) | undefined;
  if (method === 'system.openDocument') return shell.openDocument as ((event: E, input: never) => Promise<unknown>) | undefined;
  return undefined;
}

async function runShellMethod<E>(method: ShellMethod, impl: (event: E, input: never) => Promise<unknown>, event: E, payload: unknown): Promise<Envelope<unknown>> {
  const parsed = contract[method].input.safeParse(payload);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error, method).toPayload() };
  try {
    const value = contract[method].output.parse(await impl(event, parsed.data as never));
    return { ok: true, value };
  } catch (e) {
    // a refusal (e.g. the document was changed since it was issued) keeps its own message
    if (e instanceof ApiError) {
      log.warn(`ipc: ${method} refused: ${e.logMessage}`);
      return { ok: false, error: e.toPayload() };
    }
    const logMessage = `ipc: ${method} failed: ${(e as Error)?.message ?? String(e)}`;
    log.warn(logMessage);
    return { ok: false, error: { code: 'INTERNAL', message: SHELL_FAILURE[method], logMessage } };
  }
}

export function makeIpcHandler<E>(service: Pick<Service, 'dispatch'>, isTrustedSender: (event: E) => boolean, shell: ShellMethods<E> = {}): IpcHandler<E> {
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
    const impl = shellImplementation(shell, method);
    if (impl) return runShellMethod(method as ShellMethod, impl, event, payload);
    return service.dispatch(method, payload);
  };
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: Pick<Service, 'dispatch'>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  shell: ShellMethods<IpcMainInvokeEvent> = {},
): () => void {
  ipcMain.handle(IPC_CHANNEL, makeIpcHandler(service, isTrustedSender, shell));
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
