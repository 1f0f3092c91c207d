import type { Shell } from 'electron';
import type { ServiceContext } from '../service/context';
import { refuse } from '../service/errors';
import { openableDocument } from '../service/handlers/system';
import type { OpenDocumentInput, OpenDocumentOutput } from '../shared/contract/slices/system';

/**
 * system.openDocument in the desktop app (issue 7). A registered document is
 * handed to the laptop's own PDF reader (WPS, Adobe Reader, the browser the
 * clerk uses for PDFs): that is where clerks print every day, with the
 * printer's full dialog (duplex, copies, tray), and no PDF is ever loaded into
 * our window, whose session refuses every file outside the app. Only a file
 * that is still byte for byte what was issued is opened.
 *
 * No runtime import of `electron`: main.ts passes `shell`, so this is tested
 * in plain Node.
 */
export function makeOpenDocument(shell: Pick<Shell, 'openPath' | 'showItemInFolder'>, ctx: () => ServiceContext) {
  return async (_event: unknown, input: OpenDocumentInput): Promise<OpenDocumentOutput> => {
    const file = await openableDocument(ctx(), input.documentId);
    if (input.action === 'folder') {
      shell.showItemInFolder(file.path);
      return { opened: true, url: null, path: file.path };
    }
    // openPath resolves with an error string ('' when it worked), e.g. no program for .pdf
    const failure = await shell.openPath(file.path);
    if (failure) {
      refuse(
        'STATE',
        `本机没有可以打开 PDF 文件的程序，无法${input.action === 'print' ? '打印' : '查看'}。请安装 PDF 阅读器，或在文件夹中找到该文件：${file.path}`,
        `openPath failed for document ${input.documentId}: ${failure}`,
      );
    }
    return { opened: true, url: null, path: file.path };
  };
}
