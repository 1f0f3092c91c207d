import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { pinSchema } from '../../../shared/contract/slices/panel';
import { OUTCOME_LABEL, type Outcome } from '../../../shared/rules/voting';
import { RANK_STATUS_LABEL } from '../../../shared/rules/aggregation';
import type { AgendaView } from '../../../shared/contract/slices/deliberation';
import { toHalfWidth } from '../format';
import { navigate, Link } from '../router';
import type { MeetingView } from '../deliberationRoutes';
import { Badge } from './Badge';
import { FieldError, errorId } from './Field';
import { errorMessage } from './Toast';
import { useHotkey } from './useHotkey';
import { clearNotice, signOut, type DelibSession, type Slot } from './deliberationSession';
import '../deliberation.css';

export type Tone = 'neutral' | 'info' | 'success' | 'warn' | 'danger';

export const OUTCOME_SHORT: Record<Outcome, string> = { pass: '合格', fail: '不合格', held: '暂缓' };
export const OUTCOME_TONE: Record<Outcome, Tone> = { pass: 'success', fail: 'danger', held: 'warn' };

/** 合格 / 不合格 / 暂缓 with a symbol, so a projector or a grey print still tells them apart. */
export function OutcomeBadge({ outcome, provisional, large }: { outcome: Outcome | null; provisional?: boolean; large?: boolean }) {
  if (!outcome) return <Badge tone="neutral">尚无结论</Badge>;
  const sym = outcome === 'pass' ? '✓' : outcome === 'fail' ? '✗' : '‖';
  return (
    <span className={`outcome outcome-${outcome}${large ? ' outcome-large' : ''}`} title={OUTCOME_LABEL[outcome]}>
      <span aria-hidden="true">{sym}</span> {OUTCOME_SHORT[outcome]}
      {provisional && <span className="outcome-note">（未封存）</span>}
    </span>
  );
}

type BasicState = AgendaView['items'][number]['basic'];
/** 基础性指标 of an applicant in a word and a tone (never colour alone: the words differ). */
export const BASIC_LOOK: Record<BasicState, { text: string; tone: Tone }> = {
  passed: { text: '基础性指标符合', tone: 'success' },
  failed: { text: '基础性指标不符合', tone: 'danger' },
  pending: { text: '基础性指标待核查', tone: 'warn' },
  none: { text: '无适用的基础性指标', tone: 'neutral' },
};

type Rank = AgendaView['items'][number]['ranks'][number];
/** '机构护理 第2名（名额2，名额内）' or '机构护理 不参与排序'. */
export function rankText(k: Rank, label = k.label): string {
  return k.rank === null ? `${label} ${RANK_STATUS_LABEL[k.status]}` : `${label} 第${k.rank}名（名额${k.quota}，${RANK_STATUS_LABEL[k.status]}）`;
}

type ItemStatus = AgendaView['items'][number]['status'];
const STATUS_TONE: Record<ItemStatus, Tone> = { pending: 'neutral', voting: 'info', decided: 'success', stale: 'warn', held: 'warn' };

export function ItemStatusBadge({ status, label }: { status: ItemStatus; label: string }) {
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}

/** The round-level links of 集体评议 with their shortcuts (shown on the round screen and on every 集体评议 screen). */
export function DeliberationLinks({ roundId }: { roundId: string }) {
  useHotkey('Alt+Y', () => navigate({ name: 'deliberation', roundId }));
  useHotkey('Alt+Q', () => navigate({ name: 'deadlines', roundId }));
  return (
    <nav className="delib-links" aria-label="集体评议" data-testid="deliberation-links">
      <span className="delib-links-title" aria-hidden="true">
        评议
      </span>
      <Link to={{ name: 'deliberation', roundId }} className="delib-link" aria-keyshortcuts="Alt+Y">
        集体评议<span className="tab-key">Alt+Y</span>
      </Link>
      <Link to={{ name: 'deadlines', roundId }} className="delib-link" aria-keyshortcuts="Alt+Q">
        评议结果与期限<span className="tab-key">Alt+Q</span>
      </Link>
      <Link to={{ name: 'audit' }} className="delib-link" aria-keyshortcuts="Alt+L">
        审计日志<span className="tab-key">Alt+L</span>
      </Link>
    </nav>
  );
}

export const MEETING_TABS: readonly { view: MeetingView | 'agenda'; label: string; key: string }[] = [
  { view: 'agenda', label: '议程', key: 'Alt+Y' },
  { view: 'present', label: '会议模式（投影）', key: 'Alt+V' },
  { view: 'vote', label: '表决录入', key: 'Alt+T' },
  { view: 'decide', label: '确认结论', key: 'Alt+D' },
  { view: 'minutes', label: '会议纪要', key: 'Alt+M' },
];

/** The shortcuts of a meeting's screens (Alt+Y Alt+Q Alt+V Alt+T Alt+D Alt+M). */
export function useMeetingHotkeys(roundId: string | undefined, meetingId: string, applicationId?: string | null) {
  const go = (view: MeetingView) => navigate({ name: 'meeting', meetingId, view, ...(applicationId && view !== 'minutes' ? { applicationId } : {}) });
  useHotkey('Alt+Y', () => roundId && navigate({ name: 'deliberation', roundId }), !!roundId);
  useHotkey('Alt+Q', () => roundId && navigate({ name: 'deadlines', roundId }), !!roundId);
  useHotkey('Alt+V', () => go('present'));
  useHotkey('Alt+T', () => go('vote'));
  useHotkey('Alt+D', () => go('decide'));
  useHotkey('Alt+M', () => go('minutes'));
}

/** Tabs of one meeting; the applicant shown stays selected when switching. */
export function MeetingNav({ roundId, meetingId, applicationId, current }: { roundId: string; meetingId: string; applicationId?: string | undefined; current: MeetingView | 'agenda' }) {
  useMeetingHotkeys(roundId, meetingId, applicationId);
  return (
    <nav className="delib-nav" aria-label="集体评议会议" data-testid="meeting-nav">
      <ol>
        {MEETING_TABS.map((t) => (
          <li key={t.view}>
            <Link
              to={t.view === 'agenda' ? { name: 'deliberation', roundId } : { name: 'meeting', meetingId, view: t.view, ...(applicationId && t.view !== 'minutes' ? { applicationId } : {}) }}
              className="delib-tab"
              aria-current={current === t.view ? 'page' : undefined}
              aria-keyshortcuts={t.key}
            >
              {t.label}
              <span className="tab-key" aria-hidden="true">
                {t.key}
              </span>
            </Link>
          </li>
        ))}
        <li>
          <Link to={{ name: 'deadlines', roundId }} className="delib-tab" aria-keyshortcuts="Alt+Q">
            评议结果与期限
            <span className="tab-key" aria-hidden="true">
              Alt+Q
            </span>
          </Link>
        </li>
      </ol>
    </nav>
  );
}

/** Previous / next and a list of the agenda, for the clerk's meeting screens. */
export function ApplicantSwitcher({ agenda, applicationId, onPick }: { agenda: AgendaView; applicationId: string; onPick: (id: string) => void }) {
  const i = agenda.items.findIndex((x) => x.applicationId === applicationId);
  const prev = agenda.items[i - 1];
  const next = agenda.items[i + 1];
  return (
    <div className="applicant-switcher" data-testid="applicant-switcher">
      <button type="button" className="btn btn-small" disabled={!prev} onClick={() => prev && onPick(prev.applicationId)} aria-label="上一个申请">
        ‹ 上一个
      </button>
      <label className="inline-label" htmlFor="agenda-pick">
        议程
      </label>
      <select id="agenda-pick" value={applicationId} onChange={(e) => onPick(e.target.value)}>
        {agenda.items.map((x) => (
          <option key={x.applicationId} value={x.applicationId}>
            {x.position}. {x.name}（{x.statusLabel}）
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-small" disabled={!next} onClick={() => next && onPick(next.applicationId)} aria-label="下一个申请">
        下一个 ›
      </button>
    </div>
  );
}

export interface PickPerson {
  id: string;
  name: string;
  /** e.g. 组长, 候补成员 */
  tag?: string;
  /** e.g. 已表决, 未表决 */
  status?: string;
  statusTone?: Tone;
  /** why this person cannot sign in here (shown, the button is disabled) */
  disabled?: string;
}

/**
 * Member picker → PIN. The picker is a row of large buttons (↑↓←→ move,
 * Enter picks and moves to the PIN); with one person only the PIN is asked.
 * The PIN is never kept: it goes to `onSubmit` and the field is cleared.
 */
export function PinSignIn({
  idPrefix,
  heading,
  intro,
  people,
  notice,
  slot,
  submitLabel = '登录',
  extra,
  onSubmit,
  testId,
  initialFocus,
}: {
  idPrefix: string;
  /** the person whose button takes focus first (e.g. the next member to vote) */
  initialFocus?: string | undefined;
  heading: string;
  intro?: ReactNode;
  people: PickPerson[];
  notice?: string | null;
  slot?: Slot;
  submitLabel?: string;
  /** more fields between the PIN and the button (e.g. the response to the minutes) */
  extra?: ReactNode;
  onSubmit: (personId: string, pin: string) => Promise<void>;
  testId?: string;
}) {
  const single = people.length === 1 && !people[0]!.disabled ? people[0]! : null;
  const [picked, setPicked] = useState<string>(single?.id ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<{ who?: string; pin?: string }>({});
  const [busy, setBusy] = useState(false);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const person = people.find((p) => p.id === picked) ?? single;
  const pinId = `${idPrefix}-pin`;

  useEffect(() => {
    if (!initialFocus) return;
    const i = people.findIndex((p) => p.id === initialFocus);
    if (i >= 0) buttons.current[i]?.focus();
    // on mount only: the screen decides who is next
  }, []);

  const submit = async () => {
    if (busy) return;
    if (!person) {
      setError({ who: '请先选择本人姓名' });
      buttons.current.find((b) => b && !b.disabled)?.focus();
      return;
    }
    const p = pinSchema.safeParse(toHalfWidth(pin).trim());
    if (!p.success) {
      setError({ pin: pin ? 'PIN须为6至12位数字' : '请输入PIN' });
      document.getElementById(pinId)?.focus();
      return;
    }
    setBusy(true);
    setError({});
    try {
      await onSubmit(person.id, p.data);
      setPin('');
    } catch (e) {
      setPin('');
      setError({ pin: e instanceof ApiError && e.fieldErrors?.pin ? e.fieldErrors.pin : errorMessage(e) });
      document.getElementById(pinId)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onPickerKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const delta = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const n = people.length;
    for (let k = 1; k <= n; k++) {
      const b = buttons.current[(i + delta * k + n * k) % n];
      if (b && !b.disabled) {
        b.focus();
        return;
      }
    }
  };

  return (
    <section className="panel delib-signin" aria-labelledby={`${idPrefix}-h`} data-testid={testId}>
      <h2 id={`${idPrefix}-h`}>{heading}</h2>
      {notice && (
        <div className="banner banner-warn" role="alert" data-testid={`${idPrefix}-notice`}>
          <p>{notice}</p>
        </div>
      )}
      {intro}
      {!single && (
        <div className="person-picker" role="group" aria-label="选择本人姓名" aria-describedby={error.who ? errorId(`${idPrefix}-who`) : undefined}>
          {people.map((p, i) => (
            <button
              key={p.id}
              ref={(el) => {
                buttons.current[i] = el;
              }}
              type="button"
              className="person-button"
              aria-pressed={picked === p.id}
              disabled={!!p.disabled}
              title={p.disabled}
              onKeyDown={(e) => onPickerKey(e, i)}
              onClick={() => {
                setPicked(p.id);
                setError({});
                if (slot) clearNotice(slot);
                document.getElementById(pinId)?.focus();
              }}
            >
              <span className="person-name">{p.name}</span>
              {p.tag && <span className="person-tag">{p.tag}</span>}
              {p.disabled ? <span className="person-status muted">{p.disabled}</span> : p.status ? <span className={`person-status tone-${p.statusTone ?? 'neutral'}`}>{p.status}</span> : null}
            </button>
          ))}
        </div>
      )}
      <FieldError id={`${idPrefix}-who`} error={error.who} />
      <form
        className="pin-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className={`field${error.pin ? ' has-error' : ''}`}>
          <label htmlFor={pinId}>{person ? `${person.name}的PIN` : '个人PIN'}</label>
          <input
            id={pinId}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pin}
            aria-invalid={error.pin ? true : undefined}
            aria-describedby={error.pin ? errorId(pinId) : `${idPrefix}-hint`}
            onChange={(e) => {
              setPin(e.target.value);
              if (error.pin) setError({});
            }}
          />
          <FieldError id={pinId} error={error.pin} />
        </div>
        {extra}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在核对…' : submitLabel}
        </button>
      </form>
      <p className="hint" id={`${idPrefix}-hint`}>
        请本人输入PIN。连续输错5次将锁定5分钟；闲置30分钟自动退出。
      </p>
    </section>
  );
}

/** Who is signed in, the idle countdown and 退出登录. */
export function SessionStrip({ session, minutesLeft, role, children }: { session: DelibSession; minutesLeft: number | null; role: string; children?: ReactNode }) {
  return (
    <div className="session-strip" data-testid={`session-${session.slot}`}>
      <span>
        {role}：<strong>{session.name}</strong>
      </span>
      {minutesLeft !== null && <span className="muted small">闲置 {minutesLeft} 分钟后自动退出</span>}
      {children}
      <button type="button" className="btn btn-small" onClick={() => signOut(session.slot)}>
        退出登录
      </button>
    </div>
  );
}

/** A progress bar with its numbers in words (decided / held / open). */
export function AgendaProgress({ progress }: { progress: AgendaView['progress'] }) {
  const pct = (n: number) => (progress.total ? (n / progress.total) * 100 : 0);
  return (
    <div className="agenda-progress" data-testid="agenda-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.decided}
        aria-valuetext={`已作出结论${progress.decided}个，共${progress.total}个`}
      >
        <span className="progress-decided" style={{ width: `${pct(progress.decided)}%` }} />
        <span className="progress-held" style={{ width: `${pct(progress.held)}%` }} />
      </div>
      <p className="small">
        共 <strong>{progress.total}</strong> 个申请：已作出结论 <strong>{progress.decided}</strong> 个
        {progress.held > 0 && (
          <>
            ，暂缓 <strong>{progress.held}</strong> 个
          </>
        )}
        ，待评议 <strong>{progress.open}</strong> 个
      </p>
    </div>
  );
}

/** A SHA-256 in groups of 8, so it can be read out and compared with paper. */
export function HashText({ hash, testId }: { hash: string; testId?: string }) {
  const groups = hash.match(/.{1,8}/g) ?? [hash];
  return (
    <code className="hash-text" data-testid={testId} title={hash}>
      {groups.join(' ')}
    </code>
  );
}
