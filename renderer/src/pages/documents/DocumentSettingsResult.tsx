import { useState } from 'react';
import { api, ApiError } from '../../api';
import { contract } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import type { ResultSettings } from '../../../../shared/contract/slices/roundDocuments';
import { TextField } from '../../components/Field';
import { LoadError, Loading } from '../../components/Page';
import { errorMessage, useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { type Errors, focusLater, SaveButton, SectionForm } from './DocumentSettingsParts';

/* 文书与签章设置 › 公示与备案: where objections go, and the department the 备案表 is filed with. */

const RESULT_FIELDS = ['objectionAddress', 'objectionPhone', 'filingAuthority'] as const;
type ResultField = (typeof RESULT_FIELDS)[number];

export function ResultSettingsSection() {
  const loaded = useLoad(() => api['documents.resultSettings.get']({}), []);
  return (
    <section className="panel" aria-labelledby="ds-result-h" data-testid="ds-result">
      <h2 id="ds-result-h">公示与备案</h2>
      {loaded.error ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading what="公示与备案设置" />
      ) : (
        <ResultSettingsForm saved={loaded.data} onSaved={loaded.setData} />
      )}
    </section>
  );
}

function ResultSettingsForm({ saved, onSaved }: { saved: ResultSettings; onSaved: (s: ResultSettings) => void }) {
  const toast = useToast();
  const [values, setValues] = useState<Record<ResultField, string>>({ ...saved });
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (f: ResultField, v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((x) => ({ ...x, [f]: undefined }));
  };

  const save = async () => {
    if (busy) return;
    setBanner(null);
    const r = contract['documents.resultSettings.set'].input.safeParse(values);
    if (!r.success) {
      const fe = fieldErrorsOf(r.error);
      setErrors(fe);
      const first = RESULT_FIELDS.find((f) => fe[f]);
      if (first) focusLater(`ds-${first}`);
      return;
    }
    setBusy(true);
    try {
      const s = await api['documents.resultSettings.set'](r.data);
      onSaved(s);
      setValues({ ...s });
      toast.success('公示与备案设置已保存');
    } catch (e) {
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      setErrors(fe);
      const first = RESULT_FIELDS.find((f) => fe[f]);
      if (first) focusLater(`ds-${first}`);
      else setBanner(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SectionForm onSubmit={save} banner={banner}>
      <div className="grid docset-grid">
        <TextField
          id="ds-objectionAddress"
          label="异议受理地址"
          span={2}
          value={values.objectionAddress}
          error={errors.objectionAddress}
          maxLength={120}
          hint="印在公示上：对公示名单有异议的，书面材料寄送或递交的地址"
          onChange={(e) => change('objectionAddress', e.target.value)}
        />
        <TextField
          id="ds-objectionPhone"
          label="异议受理电话"
          type="tel"
          value={values.objectionPhone}
          error={errors.objectionPhone}
          maxLength={50}
          hint="如 0991-4567890"
          onChange={(e) => change('objectionPhone', e.target.value)}
        />
        <TextField
          id="ds-filingAuthority"
          label="备案机关"
          span={2}
          value={values.filingAuthority}
          error={errors.filingAuthority}
          maxLength={50}
          hint="审核结果备案表报送的医疗保障行政部门，如“乌鲁木齐市医疗保障局”；不填则写“同级医疗保障行政部门”"
          onChange={(e) => change('filingAuthority', e.target.value)}
        />
      </div>
      <div className="form-actions">
        <SaveButton busy={busy} testId="ds-result-save">
          保存公示与备案
        </SaveButton>
      </div>
    </SectionForm>
  );
}
