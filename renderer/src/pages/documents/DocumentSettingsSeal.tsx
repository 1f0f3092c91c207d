import { useState } from 'react';
import { api } from '../../api';
import { contract } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/Dialog';
import { PathField, type FileFilter } from '../../components/PathField';
import { errorMessage, useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { formatTimestamp } from '../../format';
import { focusLater, SectionForm } from './DocumentSettingsParts';

/* 文书与签章设置 › 电子印章: the PNG placed over the date of signed documents. */

const PNG_FILTERS: FileFilter[] = [
  { name: 'PNG 图片', extensions: ['png'] },
  { name: '所有文件', extensions: ['*'] },
];

export function SealSection() {
  const toast = useToast();
  const [file, setFile] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const status = useLoad(() => api['documents.seal.status']({}), []);

  const submit = async () => {
    if (busy) return;
    const p = file.trim();
    if (!p) {
      setError('请选择印章图片（PNG）');
      focusLater('ds-seal-path');
      return;
    }
    const r = contract['documents.seal.import'].input.safeParse({ path: p });
    if (!r.success) {
      setError(fieldErrorsOf(r.error).path ?? '请选择印章图片（PNG）');
      focusLater('ds-seal-path');
      return;
    }
    setBusy(true);
    try {
      await api['documents.seal.import'](r.data);
      status.reload();
      setFile('');
      setError(undefined);
      toast.success('电子印章已导入');
    } catch (e) {
      setError(errorMessage(e));
      focusLater('ds-seal-path');
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api['documents.seal.import']({ path: null });
      status.reload();
      setRemoving(false);
      toast.success('电子印章已移除');
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ds-seal-h" data-testid="ds-seal">
      <h2 id="ds-seal-h">电子印章</h2>
      <p className="muted small">
        印章图片（透明背景的 PNG）盖在已签名文书的成文日期上；未签名的草稿不盖章。导入新印章会替换原有印章。
      </p>
      <p className="docset-seal-state" role="status" data-testid="ds-seal-state">
        {status.error ? (
          <>无法读取印章状态：{errorMessage(status.error)}</>
        ) : !status.data ? (
          <>正在读取…</>
        ) : status.data.present ? (
          <>
            <Badge tone="success">已导入</Badge> 签名文书的成文日期上盖此印章{status.data.importedAt && <>（导入于 {formatTimestamp(status.data.importedAt)}）</>}。
          </>
        ) : (
          <>
            <Badge>未导入</Badge> 签名文书不盖章（数字签名不受影响）。
          </>
        )}
      </p>
      <SectionForm onSubmit={submit}>
        <PathField
          id="ds-seal-path"
          label="印章图片（PNG）"
          mode="open"
          required
          value={file}
          onChange={(v) => {
            setFile(v);
            setError(undefined);
          }}
          dialogTitle="选择电子印章图片"
          filters={PNG_FILTERS}
          error={error}
          hint="图片会复制到本机数据目录；原图片之后移动或删除不影响"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="ds-seal-submit">
            {busy ? '正在保存…' : '导入印章'}
          </button>
          <button type="button" className="btn btn-danger-outline" disabled={busy || !status.data?.present} onClick={() => setRemoving(true)} data-testid="ds-seal-remove">
            移除印章…
          </button>
        </div>
      </SectionForm>
      {removing && (
        <ConfirmDialog title="移除电子印章" confirmLabel="移除印章" danger busy={busy} onClose={() => setRemoving(false)} onConfirm={() => void remove()}>
          <p>移除后，之后生成的签名文书不再盖章（数字签名不受影响）；已生成的文书不变。</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
