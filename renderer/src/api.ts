import { ApiError, isApiErrorPayload, type Envelope } from '../../shared/contract/errors';
import { METHODS, type Api, type Method } from '../../shared/contract/methods';

/**
 * The renderer's only way to the back end. In Electron the preload exposes
 * `window.api.invoke` (IPC); in the browser (Node host, tests) it is a POST to
 * the same-origin /api/<method>. Both carry the same envelope.
 */
type Invoke = (method: string, payload: unknown) => Promise<Envelope<unknown>>;

declare global {
  interface Window {
    api?: { invoke: Invoke };
  }
}

const httpInvoke: Invoke = async (method, payload) => {
  let res: Response;
  try {
    res = await fetch(`./api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接后台服务，请重新启动程序', logMessage: 'fetch failed' } };
  }
  return (await res.json()) as Envelope<unknown>;
};

function transport(): Invoke {
  return window.api?.invoke ?? httpInvoke;
}

async function call(method: Method, payload: unknown): Promise<unknown> {
  const env = await transport()(method, payload);
  if (env.ok) return env.value;
  throw new ApiError(isApiErrorPayload(env.error) ? env.error : { code: 'INTERNAL', message: '操作失败', logMessage: 'malformed error' });
}

/** Typed client: `api['rounds.list']({})`. */
export const api: Api = Object.fromEntries(METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as unknown as Api;

export { ApiError };
