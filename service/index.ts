import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { contract, isMethod, type Method, type Output } from '../shared/contract/methods';
import { ApiError, type Envelope } from '../shared/contract/errors';
import { parseInput } from '../shared/contract/validate';
import '../shared/contract'; // zod's Chinese messages
import { openDatabase, type OpenDatabase } from '../db/open';
import { DatabaseTooNewError } from '../db/migrate';
import { handlers } from './handlers';
import type { ServiceContext } from './context';
import { seedBuiltinProfiles } from './profiles';
import { log } from './log';

export interface Service {
  ctx: ServiceContext;
  /** The single entry point every transport uses: validate, run, validate the answer. */
  dispatch(method: unknown, payload: unknown): Promise<Envelope<unknown>>;
  call<M extends Method>(method: M, payload: unknown): Promise<Output<M>>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  dataDir: string;
  version?: string;
  now?: () => Date;
  dbFileName?: string;
}

export const DB_FILE_NAME = 'review.sqlite';

export async function openService(opts: ServiceOptions): Promise<Service> {
  mkdirSync(opts.dataDir, { recursive: true });
  let opened: OpenDatabase;
  try {
    opened = await openDatabase(path.join(opts.dataDir, opts.dbFileName ?? DB_FILE_NAME));
  } catch (e) {
    if (e instanceof DatabaseTooNewError) {
      throw new ApiError({ code: 'STATE', message: '该数据文件由更新版本的程序创建，请升级本程序后再打开', logMessage: e.message });
    }
    throw e;
  }
  const ctx: ServiceContext = {
    db: opened.db,
    dataDir: opts.dataDir,
    version: opts.version ?? '0.1.0',
    now: opts.now ?? (() => new Date()),
  };
  await seedBuiltinProfiles(ctx.db, ctx.now().toISOString());

  async function call<M extends Method>(method: M, payload: unknown): Promise<Output<M>> {
    const input = parseInput(method, payload);
    const handler = handlers[method] as (c: ServiceContext, i: typeof input) => Promise<Output<M>>;
    const out = await handler(ctx, input);
    // The answer is checked too: a drifted handler fails loudly in tests, not silently in the UI.
    const checked = contract[method].output.safeParse(out);
    if (!checked.success) {
      throw new ApiError({ code: 'INTERNAL', message: '程序内部错误（返回数据不符合约定），请联系技术支持', logMessage: `${method}: output failed schema: ${checked.error.message}` });
    }
    return checked.data as Output<M>;
  }

  return {
    ctx,
    call,
    async dispatch(method, payload) {
      if (!isMethod(method)) {
        const err = new ApiError({ code: 'UNKNOWN_METHOD', message: '未知的操作', logMessage: `unknown method ${String(method)}` });
        log.warn(err.logMessage);
        return { ok: false, error: err.toPayload() };
      }
      try {
        return { ok: true, value: await call(method, payload) };
      } catch (e) {
        if (e instanceof ApiError) {
          log.info(`${method} refused: ${e.logMessage}`);
          return { ok: false, error: e.toPayload() };
        }
        log.error(`${method} failed`, e);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: '操作失败，数据未作修改。请重试或联系技术支持', logMessage: `${method}: ${(e as Error)?.message ?? String(e)}` },
        };
      }
    },
    close: () => opened.close(),
  };
}
