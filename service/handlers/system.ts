import type { HandlerSlice } from './types';
import { refuse } from '../errors';
import { getDocument } from '../../db/queries/documents';
import { registeredFile } from '../documents/register';

/**
 * What the desktop shell offers beyond the service. The Electron transport
 * intercepts these methods before they get here (electron/ipc.ts); these are
 * the answers everywhere else (the browser host):
 *
 * - system.pickPath: no native dialog here; the screen asks for the path as text.
 * - system.openDocument: the address the host serves the registered PDF at
 *   (host/server.ts serves it only while it still matches the register); the
 *   screen opens it in a new tab. A folder cannot be shown from a browser.
 */
export const systemHandlers: HandlerSlice<'system.pickPath' | 'system.openDocument'> = {
  async 'system.pickPath'() {
    return { available: false, paths: [] };
  },
  async 'system.openDocument'(ctx, { documentId, action }) {
    const file = await openableDocument(ctx, documentId);
    return { opened: false, url: action === 'folder' ? null : `/documents/${documentId}.pdf`, path: file.path };
  },
};

/** A registered document whose file is still byte for byte what was issued; refused otherwise, saying which. */
export async function openableDocument(ctx: Parameters<typeof registeredFile>[0], documentId: string): Promise<{ path: string; fileName: string }> {
  const d = await getDocument(ctx.db, documentId);
  if (!d) refuse('NOT_FOUND', '登记簿中没有这份文书', `document ${documentId} not in the register`);
  const file = await registeredFile(ctx, documentId);
  if (!file) refuse('CONFLICT', `文书文件“${d.path}”已不存在或已被改动，不能打开。请在登记簿中核验，必要时重新生成。`, `document ${documentId} missing or modified at ${d.path}`);
  return file;
}
