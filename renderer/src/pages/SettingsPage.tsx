import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { contract } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import { useApp } from '../components/AppContext';
import { ConfirmDialog } from '../components/Dialog';
import { TextAreaField, TextField } from '../components/Field';
import { LoadError, Loading, PageHeading } from '../components/Page';
import { errorMessage, useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { parseDateList, summariseDates } from '../format';
import { ProfilesSection } from '../components/ProfilesSection';
import { KeysSettingsSection } from '../components/OfflineBits';
import { DocumentSettingsSection } from '../components/DocumentLinks';

type YearCalendar = { year: number; holidays: string[]; makeupWorkdays: string[] };

/** 设置: operator, working-day calendar, large font. */
export function SettingsPage() {
  return (
    <div className="page page-narrow">
      <PageHeading title="设置" />
      <OperatorSection />
      <DisplaySection />
      <ProfilesSection />
      <KeysSettingsSection />
      <DocumentSettingsSection />
      <CalendarSection />
      <AboutSection />
    </div>
  );
}

function OperatorSection() {
  const { info, refreshInfo } = useApp();
  const toast = useToast();
  const [name, setName] = useState(info?.operator ?? '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const r = contract['settings.setOperator'].input.safeParse({ operator: name });
    if (!r.success) {
      setError(fieldErrorsOf(r.error).operator);
      document.getElementById('operator')?.focus();
      return;
    }
    setBusy(true);
    try {
      await api['settings.setOperator']({ operator: name });
      await refreshInfo();
      toast.success('操作员已保存');
    } catch (e) {
      setError(errorMessage(e));
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="op-heading">
      <h2 id="op-heading">操作员</h2>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          id="operator"
          label="操作员姓名"
          required
          value={name}
          error={error}
          hint="记入每一条操作日志（谁、何时、做了什么）"
          onChange={(e) => {
            setName(e.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          保存
        </button>
      </form>
    </section>
  );
}

function DisplaySection() {
  const { largeFont, setLargeFont } = useApp();
  return (
    <section className="panel" aria-labelledby="display-heading">
      <h2 id="display-heading">显示</h2>
      <label className="switch" htmlFor="large-font-setting">
        <input id="large-font-setting" type="checkbox" checked={largeFont} onChange={(e) => setLargeFont(e.target.checked)} />
        <span>大字体（适老化，全部文字放大约四分之一；快捷键 Alt+Z）</span>
      </label>
      <p className="muted small">依据 003 第四十七条关于适老化服务的要求；本设置保存在本机。</p>
    </section>
  );
}

function CalendarSection() {
  const cal = useLoad(() => api['calendar.listYears']({}), []);
  const { refreshInfo } = useApp();
  const toast = useToast();
  const [editing, setEditing] = useState<YearCalendar | 'new' | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const builtin = cal.data?.builtinYears ?? [];
  const first = builtin[0];
  const last = builtin[builtin.length - 1];

  const remove = async (year: number) => {
    setBusy(true);
    try {
      await api['calendar.deleteYear']({ year });
      toast.success(`已删除${year}年的节假日安排`);
      setDeleting(null);
      await Promise.all([cal.reload(), refreshInfo()]);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="cal-heading">
      <h2 id="cal-heading">工作日历（法定节假日与调休）</h2>
      {cal.error ? (
        <LoadError error={cal.error} onRetry={cal.reload} />
      ) : !cal.data ? (
        <Loading what="工作日历" />
      ) : (
        <>
          <p data-testid="calendar-explain">
            补正期限等按工作日计算：周末和法定节假日不计，国务院公布的调休上班日计入。程序内置的节假日数据（chinese-days）涵盖{' '}
            <strong>
              {first ?? '—'}–{last ?? '—'} 年
            </strong>
            。{last ? `${last + 1} 年及以后` : '之后'}（下表已录入的年份除外）的期限在录入该年安排之前按周一至周五计算，并标为<span className="badge badge-warn">待定</span>
            ；国务院办公厅每年 11—12 月公布次年安排后，请在下方录入。
          </p>
          <p className="muted small">录入的年份会替代内置数据（可用于更正）。已保存的期限在每次查看时按最新日历重新计算。</p>

          <table className="data-table compact">
            <caption className="sr-only">已录入的年份</caption>
            <thead>
              <tr>
                <th scope="col">年份</th>
                <th scope="col">放假日期</th>
                <th scope="col">调休上班日期</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {cal.data.customYears.length === 0 ? (
                <tr className="empty-row">
                  <td colSpan={4}>尚未录入任何年份。</td>
                </tr>
              ) : (
                cal.data.customYears.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td className="wrap">
                      {summariseDates(y.holidays)}
                      <span className="muted small">（{y.holidays.length} 天）</span>
                    </td>
                    <td className="wrap">{summariseDates(y.makeupWorkdays)}</td>
                    <td className="nowrap">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(y)}>
                        修改<span className="sr-only">{y.year}年</span>
                      </button>{' '}
                      <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setDeleting(y.year)}>
                        删除<span className="sr-only">{y.year}年</span>
                      </button>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          {editing === null && (
            <p>
              <button type="button" className="btn" onClick={() => setEditing('new')}>
                录入年份
              </button>
            </p>
          )}
          {editing !== null && (
            <YearForm
              key={editing === 'new' ? 'new' : editing.year}
              initial={editing === 'new' ? null : editing}
              suggestedYear={(last ?? 2026) + 1}
              onDone={async () => {
                setEditing(null);
                await Promise.all([cal.reload(), refreshInfo()]);
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </>
      )}
      {deleting !== null && (
        <ConfirmDialog title="删除年份" confirmLabel="确认删除" danger busy={busy} onClose={() => setDeleting(null)} onConfirm={() => void remove(deleting)}>
          <p>
            删除后，{deleting}年的期限将改用内置数据计算（若内置数据没有该年，则标为“待定”）。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function YearForm({ initial, suggestedYear, onDone, onCancel }: { initial: YearCalendar | null; suggestedYear: number; onDone: () => Promise<void>; onCancel: () => void }) {
  const toast = useToast();
  const [year, setYear] = useState(String(initial?.year ?? suggestedYear));
  const [holidays, setHolidays] = useState(initial?.holidays.join('\n') ?? '');
  const [makeup, setMakeup] = useState(initial?.makeupWorkdays.join('\n') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setServerError(null);
    const h = parseDateList(holidays);
    const m = parseDateList(makeup);
    const errs: Record<string, string> = {};
    if (h.bad) errs.holidays = `“${h.bad}”不是有效日期，请按 YYYY-MM-DD 填写`;
    if (m.bad) errs.makeupWorkdays = `“${m.bad}”不是有效日期，请按 YYYY-MM-DD 填写`;
    const input = { year: Number(year), holidays: h.dates, makeupWorkdays: m.dates };
    const r = contract['calendar.saveYear'].input.safeParse(input);
    if (!r.success) for (const [k, v] of Object.entries(fieldErrorsOf(r.error))) errs[k.split('.')[0]!] ??= v;
    if (!/^\d{4}$/.test(year.trim())) errs.year = '请填写四位数年份';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await api['calendar.saveYear'](input);
      toast.success(`已保存${input.year}年的节假日安排`);
      await onDone();
    } catch (e) {
      setServerError(errorMessage(e));
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form year-form"
      noValidate
      aria-label="录入年份的节假日安排"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{initial ? `修改${initial.year}年` : '录入年份'}</h3>
      {serverError && (
        <div className="banner banner-error" role="alert">
          {serverError}
        </div>
      )}
      <div className="grid">
        <TextField id="cal-year" label="年份" required inputMode="numeric" className="num-input" value={year} error={errors.year} readOnly={!!initial} onChange={(e) => setYear(e.target.value)} />
        <TextAreaField
          id="cal-holidays"
          label="放假日期"
          required
          span="full"
          rows={4}
          value={holidays}
          error={errors.holidays}
          hint="每行一个日期，或用“至”写连续日期，如 2027-10-01 至 2027-10-07；含落在周末的放假日"
          onChange={(e) => setHolidays(e.target.value)}
        />
        <TextAreaField
          id="cal-makeup"
          label="调休上班日期"
          span="full"
          rows={2}
          value={makeup}
          error={errors.makeupWorkdays}
          hint="国务院通知中周六、周日上班的日期"
          onChange={(e) => setMakeup(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '保存'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

function AboutSection() {
  const { info } = useApp();
  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="about-heading">
      <h2 id="about-heading">关于</h2>
      <dl className="dl-grid">
        <div>
          <dt>版本</dt>
          <dd>{info.version}</dd>
        </div>
        <div>
          <dt>今天</dt>
          <dd>{info.today}</dd>
        </div>
        <div className="span-full">
          <dt>数据目录</dt>
          <dd className="mono">{info.dataDir}</dd>
        </div>
      </dl>
    </section>
  );
}
