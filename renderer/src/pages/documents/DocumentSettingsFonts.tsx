import { useState } from 'react';
import { api, ApiError } from '../../api';
import { contract, type Output } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import type { DocumentSettings } from '../../../../shared/contract/slices/documents';
import { Badge } from '../../components/Badge';
import { TextField } from '../../components/Field';
import { PathField, type FileFilter } from '../../components/PathField';
import { errorMessage, useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { type Errors, focusLater, SaveButton, SectionForm } from './DocumentSettingsParts';

/* 文书与签章设置 › 字体: a font per role, or automatic; shows what each role prints with on this laptop now. */

const FONT_ROLES = ['title', 'body', 'heading', 'kai'] as const;
type FontRole = (typeof FONT_ROLES)[number];

const ROLE_LABEL: Record<FontRole, string> = {
  title: '标题（小标宋，或黑体）',
  body: '正文（仿宋）',
  heading: '一级标题（黑体）',
  kai: '二级标题（楷体）',
};

const FONT_FILTERS: FileFilter[] = [
  { name: '字体文件（.ttf .ttc .otf）', extensions: ['ttf', 'ttc', 'otf'] },
  { name: '所有文件', extensions: ['*'] },
];

type FontRow = { path: string; face: string };
type FontSource = NonNullable<DocumentSettings['fonts'][FontRole]>;

function rowOf(src: FontSource | undefined): FontRow {
  return { path: src?.path ?? '', face: src?.face === undefined ? '' : String(src.face) };
}

function sourceOf(row: FontRow): FontSource | undefined {
  const p = row.path.trim();
  const f = row.face.trim();
  if (!p && !f) return undefined;
  return { path: p, ...(f ? { face: /^\d+$/.test(f) ? Number(f) : f } : {}) };
}

/** 正在使用：仿宋（本机已安装：C:\Windows\Fonts\simfang.ttf） */
function FontInUse({ choice, loading }: { choice: Output<'documents.fonts.status'>['roles'][number] | undefined; loading: boolean }) {
  if (loading) return <>正在读取本机字体…</>;
  if (!choice) return <>本机暂无可用字体</>;
  return (
    <>
      正在使用：<strong>{choice.family}</strong>（{choice.source}）
    </>
  );
}

function describeSource(src: FontSource): string {
  return src.face === undefined ? src.path : `${src.path}（${typeof src.face === 'number' ? `第${src.face}个字体` : src.face}）`;
}

function sameSource(a: FontSource | undefined, b: FontSource | undefined): boolean {
  return (a?.path ?? '') === (b?.path ?? '') && String(a?.face ?? '') === String(b?.face ?? '');
}

export function FontsSection({ saved, onSaved }: { saved: DocumentSettings; onSaved: (s: DocumentSettings) => void }) {
  const toast = useToast();
  const [rows, setRows] = useState<Record<FontRole, FontRow>>(() => Object.fromEntries(FONT_ROLES.map((r) => [r, rowOf(saved.fonts[r])])) as Record<FontRole, FontRow>);
  /** what each role prints with on this computer now */
  const inUse = useLoad(() => api['documents.fonts.status']({}), []);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (role: FontRole, patch: Partial<FontRow>) => {
    setRows((x) => ({ ...x, [role]: { ...x[role], ...patch } }));
    setErrors((x) => ({ ...x, [`${role}.path`]: undefined, [`${role}.face`]: undefined }));
  };

  const save = async () => {
    if (busy) return;
    setBanner(null);
    const fonts: DocumentSettings['fonts'] = {};
    const errs: Errors = {};
    for (const role of FONT_ROLES) {
      const src = sourceOf(rows[role]);
      if (!src) continue;
      if (!src.path) errs[`${role}.path`] = '请选择字体文件（只填字体序号或名称无效）';
      fonts[role] = src;
    }
    const r = contract['documents.settings.set'].input.safeParse({ ...saved, fonts });
    if (!r.success) {
      for (const [k, v] of Object.entries(fieldErrorsOf(r.error))) {
        const m = /^fonts\.(\w+)\.(path|face)/.exec(k);
        if (m) errs[`${m[1]}.${m[2]}`] ??= v;
        else setBanner(v);
      }
    }
    setErrors(errs);
    const first = Object.keys(errs).find((k) => errs[k]);
    if (first) {
      focusLater(fontFieldId(first));
      return;
    }
    if (!r.success) return;
    setBusy(true);
    try {
      const s = await api['documents.settings.set'](r.data);
      onSaved(s);
      setRows(Object.fromEntries(FONT_ROLES.map((role) => [role, rowOf(s.fonts[role])])) as Record<FontRole, FontRow>);
      inUse.reload();
      toast.success('字体设置已保存');
    } catch (e) {
      // the back end puts a refused font at its field (fonts.body.path, or fonts.body.face for a .ttc face it lacks)
      const msg = errorMessage(e);
      const at: Errors = {};
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      for (const [k, v] of Object.entries(fe)) {
        const m = /^fonts\.(\w+)\.(path|face)/.exec(k);
        if (m) at[`${m[1]}.${m[2]}`] ??= v;
      }
      setErrors(at);
      const firstAt = Object.keys(at)[0];
      if (firstAt) focusLater(fontFieldId(firstAt));
      else setBanner(msg);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ds-fonts-h" data-testid="ds-fonts">
      <h2 id="ds-fonts-h">字体</h2>
      <p className="muted small">
        不指定时<strong>自动</strong>选择：本机已安装的公文字体优先，没有时使用程序内置的 Noto Serif SC（思源宋体）。只接受 TrueType 轮廓的 .ttf / .ttc 字体；.ttc 字体集可填要用的字体序号（从 0 起）或名称的一部分。某个字没有时，逐字改用其他可用字体。
      </p>
      <SectionForm onSubmit={save} banner={banner}>
        <ul className="docset-fonts">
          {FONT_ROLES.map((role) => {
            const row = rows[role];
            const current = saved.fonts[role];
            const pending = !sameSource(sourceOf(row), current);
            return (
              <li key={role} className="docset-font" data-testid={`ds-font-${role}`}>
                <div className="docset-font-head">
                  <h3 id={`ds-font-${role}-h`}>{ROLE_LABEL[role]}</h3>
                  <span className="docset-font-state" data-testid={`ds-font-${role}-state`}>
                    {current ? <Badge tone="info">已指定</Badge> : <Badge>自动</Badge>}
                    {pending && (
                      <>
                        {' '}
                        <Badge tone="warn">{sourceOf(row) ? '有改动，尚未保存' : '保存后改为自动'}</Badge>
                      </>
                    )}
                  </span>
                </div>
                <p className="hint docset-font-now" data-testid={`ds-font-${role}-now`}>
                  {current && (
                    <>
                      所选文件：<span className="mono">{describeSource(current)}</span>
                      <br />
                    </>
                  )}
                  <FontInUse choice={inUse.data?.roles.find((c) => c.role === role)} loading={!inUse.data && !inUse.error} />
                </p>
                <div className="docset-font-row">
                  <PathField
                    id={fontFieldId(`${role}.path`)}
                    label={<>字体文件<span className="sr-only">（{ROLE_LABEL[role]}）</span></>}
                    mode="open"
                    value={row.path}
                    onChange={(v) => change(role, { path: v })}
                    dialogTitle={`选择${ROLE_LABEL[role]}字体`}
                    filters={FONT_FILTERS}
                    error={errors[`${role}.path`]}
                    placeholder={role === 'body' ? '如 C:\\Windows\\Fonts\\simfang.ttf' : '不填 = 自动'}
                  />
                  <TextField
                    id={fontFieldId(`${role}.face`)}
                    label={<>.ttc 字体序号或名称<span className="sr-only">（{ROLE_LABEL[role]}）</span></>}
                    className="docset-face"
                    value={row.face}
                    error={errors[`${role}.face`]}
                    placeholder="如 0"
                    onChange={(e) => change(role, { face: e.target.value })}
                  />
                  <button
                    type="button"
                    className="btn docset-clear"
                    disabled={!row.path && !row.face}
                    onClick={() => {
                      change(role, { path: '', face: '' });
                      document.getElementById(fontFieldId(`${role}.path`))?.focus();
                    }}
                  >
                    清除<span className="sr-only">{ROLE_LABEL[role]}字体，改为自动</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {inUse.data?.problem && (
          <div className="banner banner-error" role="alert">
            <p>{inUse.data.problem}</p>
          </div>
        )}
        <p className="muted small">保存时会逐一试读新选的字体，无法使用的字体文件不会保存。</p>
        <div className="form-actions">
          <SaveButton busy={busy} testId="ds-fonts-save">
            保存字体
          </SaveButton>
        </div>
      </SectionForm>
    </section>
  );
}

function fontFieldId(key: string): string {
  return `ds-font-${key.replace('.', '-')}`;
}
