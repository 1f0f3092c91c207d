import { useEffect, useRef, useState } from 'react';
import type { ApplicantView, AgendaView } from '../../../shared/contract/slices/deliberation';
import { SERVICE_TYPE_LABEL, INSTITUTION_TYPE_LABEL, type InstitutionType } from '../../../shared/domain/enums';
import { RANK_STATUS_LABEL } from '../../../shared/rules/aggregation';
import { VOTE_CHOICE_LABEL } from '../../../shared/rules/voting';
import { MATERIAL_STATE_LABEL } from '../../../shared/domain/formalCheck';
import { ItemStatusBadge, OutcomeBadge, useMeetingHotkeys } from '../components/DeliberationBits';
import { LoadError, Loading, APP_TITLE } from '../components/Page';
import { RuleStateChip } from '../components/RuleState';
import { useMeeting } from '../components/useMeeting';
import { formatDate } from '../format';
import { navigate } from '../router';

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : (Math.round(x * 100) / 100).toString());

/**
 * 会议模式: one applicant at a time for the projector — large type, high
 * contrast, everything the panel needs on one screen. ← → PgUp PgDn move,
 * Home End go to the ends, number keys jump to an agenda position, F toggles
 * full screen, Esc returns to the agenda. How each member voted stays hidden
 * until everyone entitled to vote has voted.
 */
export function MeetingPresentPage({ meetingId, applicationId }: { meetingId: string; applicationId?: string | undefined }) {
  const { agenda, applicant, appId } = useMeeting(meetingId, applicationId, 4000);
  const a = agenda.data;
  const v = applicant.data;
  const rootRef = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  useMeetingHotkeys(a?.meeting.roundId, meetingId, appId);

  useEffect(() => {
    document.title = `会议模式 - ${APP_TITLE}`;
    rootRef.current?.focus();
    const onFs = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, []);

  const go = (id: string | null | undefined) => {
    if (id) navigate({ name: 'meeting', meetingId, view: 'present', applicationId: id }, { replace: true });
  };
  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  // keys: a ref keeps the handler current without re-binding
  const keyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);
  const digits = useRef<{ text: string; at: number }>({ text: '', at: 0 });
  keyRef.current = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    if (document.querySelector('dialog[open]')) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (!a) return;
    const items = a.items;
    const i = items.findIndex((x) => x.applicationId === appId);
    let target: string | null | undefined;
    switch (e.key) {
      case 'ArrowLeft':
      case 'PageUp':
        target = items[i - 1]?.applicationId;
        break;
      case 'ArrowRight':
      case 'PageDown':
        target = items[i + 1]?.applicationId;
        break;
      case 'Home':
        target = items[0]?.applicationId;
        break;
      case 'End':
        target = items[items.length - 1]?.applicationId;
        break;
      case 'Escape':
        if (document.fullscreenElement) return;
        e.preventDefault();
        navigate({ name: 'deliberation', roundId: a.meeting.roundId });
        return;
      case 'f':
      case 'F':
        e.preventDefault();
        toggleFull();
        return;
      default:
        if (/^\d$/.test(e.key)) {
          e.preventDefault();
          const now = Date.now();
          const text = now - digits.current.at < 900 ? digits.current.text + e.key : e.key;
          digits.current = { text, at: now };
          const n = Number(text);
          const hit = items.find((x) => x.position === n) ?? items.find((x) => x.position === Number(e.key));
          if (hit) go(hit.applicationId);
        }
        return;
    }
    e.preventDefault();
    if (target) go(target);
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);

  const error = agenda.error ?? applicant.error;
  return (
    <div className="projector" ref={rootRef} tabIndex={-1} data-testid="projector" aria-label="会议模式">
      {error ? (
        <div className="projector-message">
          <LoadError error={error} onRetry={() => void (agenda.reload(), applicant.reload())} />
        </div>
      ) : !a || !v ? (
        <div className="projector-message">{a && a.items.length === 0 ? <p>议程为空。</p> : <Loading what="申请" />}</div>
      ) : (
        <Screen agenda={a} v={v} full={full} onFull={toggleFull} />
      )}
    </div>
  );
}

function Screen({ agenda, v, full, onFull }: { agenda: AgendaView; v: ApplicantView; full: boolean; onFull: () => void }) {
  const m = agenda.meeting;
  const app = v.applicant;
  const item = agenda.items.find((x) => x.applicationId === app.applicationId);
  return (
    <>
      <header className="pj-top">
        <div className="pj-position" aria-label={`第${v.position}个，共${v.total}个`} data-testid="pj-position">
          {v.position}/{v.total}
        </div>
        <div className="pj-title">
          <h1 data-testid="pj-name">{app.name}</h1>
          <p>
            <span className="mono">{app.applicationNo}</span> · {INSTITUTION_TYPE_LABEL[app.institutionType as InstitutionType] ?? app.institutionType} · 申请
            {app.serviceTypes.map((t) => SERVICE_TYPE_LABEL[t]).join('、')}
          </p>
        </div>
        <div className="pj-status">
          <ItemStatusBadge status={v.status} label={v.statusLabel} />
          {v.decision && !v.decision.stale && <OutcomeBadge outcome={v.decision.outcome} large />}
          <p className="pj-meeting">
            第{m.seq}次集体评议 · {formatDate(m.heldOn)}
            {m.sealed && ' · 已封存'}
          </p>
        </div>
        <div className="pj-tools">
          <button type="button" className="pj-button" onClick={onFull} aria-keyshortcuts="F">
            {full ? '退出全屏' : '全屏'} <kbd>F</kbd>
          </button>
          <button type="button" className="pj-button" onClick={() => navigate({ name: 'deliberation', roundId: m.roundId })} aria-keyshortcuts="Escape">
            返回议程 <kbd>Esc</kbd>
          </button>
        </div>
      </header>
      {v.history && (
        <div className="pj-banner" role="note" data-testid="pj-history">
          <strong>再次审核：</strong>
          {v.history.label}。该机构曾在“{v.history.previousRoundName}”（{v.history.previousApplicationNo}）于{formatDate(v.history.previousDecidedOn)}审核
          {v.history.previousOutcome === 'fail' ? '不合格' : '合格'}
          {v.history.previousReasons.length > 0 && <>，理由：{v.history.previousReasons.map((r) => r.title).join('；')}</>}。
        </div>
      )}
      <div className="pj-grid">
        <BasicPanel v={v} />
        <ScoresPanel v={v} />
        <div className="pj-col">
          <SeatsPanel v={v} />
          <ConflictsPanel v={v} />
          <MaterialsPanel v={v} />
        </div>
      </div>
      <footer className="pj-keys" aria-label="按键">
        <span>
          <kbd>←</kbd>
          <kbd>→</kbd> 上一个/下一个
        </span>
        <span>
          <kbd>Home</kbd>
          <kbd>End</kbd> 第一个/最后一个
        </span>
        <span>
          <kbd>1</kbd>–<kbd>{Math.min(9, agenda.items.length)}</kbd> 跳到议程序号
        </span>
        <span>
          <kbd>Alt+T</kbd> 表决录入 <kbd>Alt+D</kbd> 确认结论
        </span>
        <span>
          <kbd>Esc</kbd> 返回议程
        </span>
        {item && <span className="pj-agenda-pos">议程 {agenda.items.map((x) => (x.applicationId === item.applicationId ? `[${x.position}]` : String(x.position))).join(' ')}</span>}
      </footer>
    </>
  );
}

function BasicPanel({ v }: { v: ApplicantView }) {
  const notPassed = v.basic.rules.filter((r) => r.state !== 'pass');
  const passed = v.basic.rules.filter((r) => r.state === 'pass');
  return (
    <section className="pj-panel" aria-labelledby="pj-basic-h" data-testid="pj-basic">
      <h2 id="pj-basic-h">
        基础性指标
        <span className="pj-counts">
          <span className="pj-pass">✓ {v.basic.counts.pass}</span>
          <span className="pj-fail">✗ {v.basic.counts.fail}</span>
          <span className="pj-pending">? {v.basic.counts.pending}</span>
        </span>
      </h2>
      {notPassed.length === 0 ? (
        <p className="pj-ok">✓ 全部符合（{passed.length}项）</p>
      ) : (
        <ul className="pj-rules">
          {notPassed.map((r) => (
            <li key={r.code} className={`pj-rule pj-rule-${r.state}`}>
              <RuleStateChip state={r.state} />
              <div>
                <strong>{r.title}</strong>
                <div>{r.explanation}</div>
                {r.citations.length > 0 && <div className="pj-cite">{r.citations.join('、')}</div>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {notPassed.length > 0 && passed.length > 0 && <p className="pj-more">其余 {passed.length} 项符合：</p>}
      {passed.length > 0 && (
        <ul className="pj-passed" aria-label="符合的指标">
          {passed.map((r) => (
            <li key={r.code}>{r.title}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ScoresPanel({ v }: { v: ApplicantView }) {
  const s = v.scores;
  if (!s) {
    return (
      <section className="pj-panel" aria-labelledby="pj-score-h">
        <h2 id="pj-score-h">评分</h2>
        <p>暂无评分结果。</p>
      </section>
    );
  }
  const max = Math.max(1, ...s.memberTotals.map((t) => t.total));
  const scale = Math.max(100, max);
  const flags = new Map(s.memberFlags.map((f) => [f.memberId, f]));
  return (
    <section className="pj-panel" aria-labelledby="pj-score-h" data-testid="pj-scores">
      <h2 id="pj-score-h">评分</h2>
      <div className="pj-score-line">
        <span className="pj-score" data-testid="pj-score">
          {s.score === null ? '—' : s.score.toFixed(2)}
          <small>分</small>
        </span>
        <div className="pj-ranks">
          {s.ranks.map((k) => (
            <div key={k.serviceType}>
              {k.label}：{k.rank === null ? <strong>{RANK_STATUS_LABEL[k.status]}</strong> : <><strong>第{k.rank}名</strong>（名额{k.quota}，{RANK_STATUS_LABEL[k.status]}）</>}
            </div>
          ))}
          <div className="pj-sub">
            {s.count}人评分{s.trimmed ? `，去掉最高最低分后平均 ${s.trimmedMean?.toFixed(2) ?? '—'}` : `，平均 ${s.mean?.toFixed(2) ?? '—'}`}
          </div>
        </div>
      </div>
      <ul className="pj-bars" aria-label="各成员总分">
        {s.memberTotals.map((t) => {
          const f = flags.get(t.memberId);
          return (
            <li key={t.memberId} className={f ? `pj-bar-${f.direction}` : undefined}>
              <span className="pj-bar-name">{t.name}</span>
              <span className="pj-bar-track">
                <span className="pj-bar-fill" style={{ width: `${(t.total / scale) * 100}%` }} />
              </span>
              <span className="pj-bar-value">
                {fmt(t.total)}
                {f && <em>{f.direction === 'high' ? ' 偏高' : ' 偏低'}</em>}
              </span>
            </li>
          );
        })}
      </ul>
      {s.spread && (
        <p className="pj-spread">
          最低 <strong>{fmt(s.spread.min)}</strong> · 最高 <strong>{fmt(s.spread.max)}</strong> · 相差 <strong>{fmt(s.spread.range)}</strong> 分
        </p>
      )}
      {(s.memberFlags.length > 0 || s.criterionFlags.length > 0) && (
        <div className="pj-flags" data-testid="pj-flags">
          <h3>分歧提示</h3>
          <ul>
            {s.memberFlags.map((f) => (
              <li key={f.memberId}>
                <strong>{f.name}</strong> {fmt(f.total)}分，比其他成员平均（{fmt(f.othersMean)}）{f.direction === 'high' ? '高' : '低'}
                {f.deviation !== null ? `${Math.round(Math.abs(f.deviation) * 100)}%` : ''}
                {f.explanation ? <div className="pj-explain">说明：{f.explanation}</div> : <div className="pj-explain pj-fail">未说明</div>}
              </li>
            ))}
            {s.criterionFlags.map((c) => (
              <li key={c.criterionId}>
                <strong>{c.title}</strong>（满分{c.maxPoints}）：各成员给分 {fmt(c.min)}–{fmt(c.max)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Who may vote, who has voted; the choices only once everyone has. */
function SeatsPanel({ v }: { v: ApplicantView }) {
  const complete = v.tally.state === 'majority' || v.tally.state === 'tie';
  const votes = new Map(v.votes.map((x) => [x.voterId, x]));
  const voted = v.votes.filter((x) => x.counted).length;
  return (
    <section className="pj-panel" aria-labelledby="pj-seats-h" data-testid="pj-seats">
      <h2 id="pj-seats-h">
        表决{v.tally.ballot > 1 ? `（第${v.tally.ballot}轮）` : ''}
        <span className="pj-counts">
          已表决 {voted}/{v.tally.eligible}
        </span>
      </h2>
      <p className={`pj-tally pj-tally-${v.tally.state}`} data-testid="pj-tally">
        {complete ? v.tally.message : v.tally.state === 'incomplete' ? `已表决${voted}/${v.tally.eligible}人，表决完毕后显示结果` : v.tally.message}
      </p>
      <ul className="pj-seats">
        {v.seats.map((s) => {
          const vote = votes.get(s.id);
          return (
            <li key={s.id} className={`pj-seat pj-seat-${s.standing}`} data-testid={`pj-seat-${s.name}`}>
              <span className="pj-seat-name">
                {s.name}
                {s.role === 'chair' && <small>组长</small>}
                {s.kind === 'substitute' && <small>候补</small>}
              </span>
              {s.standing === 'eligible' ? (
                vote && vote.counted ? (
                  complete && vote.choice ? (
                    <span className={`pj-choice pj-choice-${vote.choice}`}>{VOTE_CHOICE_LABEL[vote.choice]}</span>
                  ) : (
                    <span className="pj-voted">✓ 已表决</span>
                  )
                ) : (
                  <span className="pj-waiting">未表决</span>
                )
              ) : (
                <span className="pj-standing">
                  {s.standingLabel}
                  {vote ? '（已投票，不计入）' : ''}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {complete && v.tally.dissents.length > 0 && (
        <p className="pj-dissent">
          少数意见：
          {v.tally.dissents.map((d) => `${d.name}（${VOTE_CHOICE_LABEL[d.choice]}${d.reason ? `：${d.reason}` : '，尚未书面说明理由'}）`).join('；')}
        </p>
      )}
    </section>
  );
}

function ConflictsPanel({ v }: { v: ApplicantView }) {
  return (
    <section className="pj-panel" aria-labelledby="pj-cx-h" data-testid="pj-conflicts">
      <h2 id="pj-cx-h">回避</h2>
      {v.conflicts.length === 0 ? (
        <p>无成员回避。</p>
      ) : (
        <ul className="pj-list">
          {v.conflicts.map((c) => (
            <li key={c.memberId}>
              <strong>{c.name}</strong>
              {c.standing === 'conflicted' ? '：' : c.standing === 'cleared' ? '（已排除）：' : '（待确认）：'}
              {c.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MaterialsPanel({ v }: { v: ApplicantView }) {
  const mm = v.materials;
  const open = mm.items.filter((x) => x.state !== 'received');
  return (
    <section className="pj-panel" aria-labelledby="pj-mat-h" data-testid="pj-materials">
      <h2 id="pj-mat-h">
        申请材料
        <span className="pj-counts">
          <span className="pj-pass">收到 {mm.received}</span>
          {mm.missing > 0 && <span className="pj-fail">缺 {mm.missing}</span>}
          {mm.pending > 0 && <span className="pj-pending">未核对 {mm.pending}</span>}
        </span>
      </h2>
      {open.length === 0 ? (
        <p className="pj-ok">✓ 材料齐全</p>
      ) : (
        <ul className="pj-list">
          {open.map((x) => (
            <li key={x.materialId}>
              {MATERIAL_STATE_LABEL[x.state]}：{x.title}
            </li>
          ))}
        </ul>
      )}
      {mm.notice && (
        <p className="pj-sub">
          补正通知 {formatDate(mm.notice.issuedOn)}，期限 {formatDate(mm.notice.deadline)}
          {mm.notice.outcome === 'fulfilled' ? '，已补正' : mm.notice.outcome === 'expired' ? '，逾期未补正' : ''}
        </p>
      )}
    </section>
  );
}
