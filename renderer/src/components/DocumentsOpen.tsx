import { useCallback, useRef, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { OpenDocumentInput } from '../../../shared/contract/slices/system';
import { Badge } from './Badge';
import { Dialog } from './Dialog';
import { useToast } from './Toast';

/**
 * Showing, printing and finding registered documents (issue 7), shared by the
 * 文书与打印 screen's parts. Everything goes through system.openDocument: in
 * the desktop app the shell opens the PDF itself (`opened`); in the browser
 * host the answer is the address the host serves the PDF at, opened in a new
 * tab whose PDF viewer prints; a folder cannot be shown from a browser, so
 * the path is shown to copy.
 */

export type OpenAction = OpenDocumentInput['action'];

export interface DocumentOpener {
  open: (documentId: string, action: OpenAction, label: string) => Promise<void>;
  /** `${documentId}:${action}` while that request is under way */
  busy: string | null;
}

/** The opener and the dialog it may show (render `dialog` once, anywhere on the screen). */
export function useOpenDocument(): DocumentOpener & { dialog: ReactNode } {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [where, setWhere] = useState<{ path: string; label: string } | null>(null);
  const open = useCallback(
    async (documentId: string, action: OpenAction, label: string) => {
      setBusy(`${documentId}:${action}`);
      try {
        const a = await api['system.openDocument']({ documentId, action });
        if (a.opened) {
          if (action === 'folder') toast.info(`已在文件夹中显示“${label}”`);
          return;
        }
        if (a.url) {
          window.open(new URL(a.url, window.location.href).href, '_blank', 'noopener');
          toast.info(action === 'print' ? `已在新标签页中打开“${label}”，请用其中的打印按钮（或 Ctrl+P）打印` : `已在新标签页中打开“${label}”`);
          return;
        }
        setWhere({ path: a.path, label });
      } catch (e) {
        toast.fromError(e);
      } finally {
        setBusy(null);
      }
    },
    [toast],
  );
  const dialog = where ? <PathDialog path={where.path} label={where.label} onClose={() => setWhere(null)} /> : null;
  return { open, busy, dialog };
}

/** Where a file is on this computer, ready to copy (the browser cannot open a folder). */
export function PathDialog({ path, label, onClose }: { path: string; label: string; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(path);
      setCopied('已复制到剪贴板');
    } catch {
      setCopied('无法直接复制：路径已选中，请按 Ctrl+C 复制');
    }
  };
  return (
    <Dialog
      title="文件位置"
      testId="path-dialog"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn btn-primary" onClick={() => void copy()} data-autofocus="">
            复制路径
          </button>
          <button type="button" className="btn" onClick={onClose}>
            关闭
          </button>
        </>
      }
    >
      <p>“{label}”保存在本机的以下位置，可在文件管理器中打开：</p>
      <input ref={input} type="text" readOnly value={path} aria-label="文件路径" className="mono doc-path-input" onFocus={(e) => e.currentTarget.select()} data-testid="path-dialog-path" />
      {copied && (
        <p className="small" role="status">
          {copied}
        </p>
      )}
    </Dialog>
  );
}

/** 查看 / 打印 / 文件位置 of one registered document. */
export function DocumentButtons({ documentId, label, opener, folder = true, disabled }: { documentId: string; label: string; opener: DocumentOpener; folder?: boolean; disabled?: boolean }) {
  const b = (action: OpenAction) => opener.busy === `${documentId}:${action}`;
  return (
    <span className="doc-buttons">
      <button type="button" className="btn btn-small" disabled={disabled || b('view')} onClick={() => void opener.open(documentId, 'view', label)} aria-label={`查看“${label}”`}>
        查看
      </button>
      <button type="button" className="btn btn-small" disabled={disabled || b('print')} onClick={() => void opener.open(documentId, 'print', label)} aria-label={`打印“${label}”`}>
        打印
      </button>
      {folder && (
        <button type="button" className="btn btn-small" disabled={disabled || b('folder')} onClick={() => void opener.open(documentId, 'folder', label)} aria-label={`“${label}”的文件位置`}>
          文件位置
        </button>
      )}
    </span>
  );
}

/** 已签名, or 草稿 (never only a colour: the words differ, and the reason is spelled out next to it by the caller). */
export function SignedBadge({ signed, draftReason, signer }: { signed: boolean; draftReason?: string | null; signer?: string | null }) {
  return signed ? (
    <Badge tone="success" title={signer ? `签名人：${signer}` : '已用单位证书数字签名'}>
      ✓ 已签名
    </Badge>
  ) : (
    <Badge tone="warn" title={draftReason ?? '未加数字签名，不能作为正式文书送达'}>
      草稿（未签名）
    </Badge>
  );
}

/** 0.8 秒, 1分05秒. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} 秒`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;
}
