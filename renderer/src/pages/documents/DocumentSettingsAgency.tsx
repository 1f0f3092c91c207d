import { useState } from 'react';
import { api, ApiError } from '../../api';
import { contract } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import type { DocumentSettings } from '../../../../shared/contract/slices/documents';
import { useApp } from '../../components/AppContext';
import { TextField } from '../../components/Field';
import { errorMessage, useToast } from '../../components/Toast';
import { type Errors, focusLater, SaveButton, SectionForm } from './DocumentSettingsParts';

/* 文书与签章设置 › 发文机关: the red header, the signature line and the 文号 prefix, with a live sketch of the page. */

const AGENCY_FIELDS = ['agencyName', 'issuingBody', 'docNumberPrefix'] as const;
type AgencyField = (typeof AGENCY_FIELDS)[number];

export function AgencySection({ saved, onSaved }: { saved: DocumentSettings; onSaved: (s: DocumentSettings) => void }) {
  const toast = useToast();
  const { info } = useApp();
  const [values, setValues] = useState<Record<AgencyField, string>>({
    agencyName: saved.agencyName,
    issuingBody: saved.issuingBody,
    docNumberPrefix: saved.docNumberPrefix,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const year = (info?.today ?? new Date().toISOString()).slice(0, 4);
  const prefix = values.docNumberPrefix.trim();
  const example = prefix ? `${prefix}〔${year}〕1号` : null;

  const change = (f: AgencyField, v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((x) => ({ ...x, [f]: undefined }));
  };

  const save = async () => {
    if (busy) return;
    setBanner(null);
    const r = contract['documents.settings.set'].input.safeParse({ ...saved, ...values });
    if (!r.success) {
      const fe = fieldErrorsOf(r.error);
      const mine: Errors = {};
      for (const f of AGENCY_FIELDS) if (fe[f]) mine[f] = fe[f];
      setErrors(mine);
      const first = AGENCY_FIELDS.find((f) => mine[f]);
      if (first) focusLater(`ds-${first}`);
      else setBanner(Object.values(fe)[0] ?? '输入有误');
      return;
    }
    setBusy(true);
    try {
      const s = await api['documents.settings.set'](r.data);
      onSaved(s);
      setValues({ agencyName: s.agencyName, issuingBody: s.issuingBody, docNumberPrefix: s.docNumberPrefix });
      toast.success('发文机关已保存');
    } catch (e) {
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      const mine: Errors = {};
      for (const f of AGENCY_FIELDS) if (fe[f]) mine[f] = fe[f];
      setErrors(mine);
      const first = AGENCY_FIELDS.find((f) => mine[f]);
      if (first) focusLater(`ds-${first}`);
      else setBanner(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ds-agency-h" data-testid="ds-agency">
      <h2 id="ds-agency-h">发文机关</h2>
      <SectionForm onSubmit={save} banner={banner}>
        <div className="docset-agency">
          <div className="docset-agency-fields">
            <TextField
              id="ds-agencyName"
              label="版头（发文机关标志）"
              value={values.agencyName}
              error={errors.agencyName}
              maxLength={60}
              hint="印在文书首页顶端的红色机关名称，如“乌鲁木齐市医疗保障事务服务中心”；不填则不印红头"
              onChange={(e) => change('agencyName', e.target.value)}
            />
            <TextField
              id="ds-issuingBody"
              label="发文机关署名"
              required
              value={values.issuingBody}
              error={errors.issuingBody}
              maxLength={60}
              hint="印在成文日期上方，也是数字签名的签署地点"
              onChange={(e) => change('issuingBody', e.target.value)}
            />
            <TextField
              id="ds-docNumberPrefix"
              label="发文字号前缀"
              value={values.docNumberPrefix}
              error={errors.docNumberPrefix}
              maxLength={30}
              className="docset-prefix"
              hint={
                <span id="ds-docNumber-example" data-testid="ds-docnumber-example" aria-live="polite">
                  {example ? (
                    <>
                      示例：<strong className="docset-docno">{example}</strong>（年份取成文年份，序号按年自动递增）
                    </>
                  ) : (
                    '不填则文书不编发文字号'
                  )}
                </span>
              }
              onChange={(e) => change('docNumberPrefix', e.target.value)}
            />
          </div>
          <DocumentSketch agencyName={values.agencyName.trim()} docNumber={example} issuingBody={values.issuingBody.trim()} />
        </div>
        <div className="form-actions">
          <SaveButton busy={busy} testId="ds-agency-save">
            保存发文机关
          </SaveButton>
        </div>
      </SectionForm>
    </section>
  );
}

/** A small sketch of where the three settings appear on a page (not the real layout). */
function DocumentSketch({ agencyName, docNumber, issuingBody }: { agencyName: string; docNumber: string | null; issuingBody: string }) {
  return (
    <figure className="docset-sketch" aria-label="文书版式示意">
      <div className="docset-sheet" aria-hidden="true">
        {agencyName ? (
          <>
            <div className="docset-red">{agencyName}</div>
            {docNumber && <div className="docset-sheet-no">{docNumber}</div>}
            <div className="docset-rule" />
          </>
        ) : (
          <>
            <div className="docset-nored">（无红头）</div>
            {docNumber && <div className="docset-sheet-no">{docNumber}</div>}
          </>
        )}
        <div className="docset-lines">
          <span />
          <span />
          <span />
        </div>
        <div className="docset-sign">{issuingBody || '（未填署名）'}</div>
        <div className="docset-sign docset-date">（成文日期）</div>
      </div>
      <figcaption className="hint">版式示意</figcaption>
    </figure>
  );
}
