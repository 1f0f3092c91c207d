import { useEffect, useRef, useState, type RefObject } from 'react';
import { api, ApiError } from '../../api';
import { BATCH_KIND_LABEL, BATCH_KINDS, type BatchKind, type BatchStatus } from '../../../../shared/contract/slices/roundDocuments';
import { Badge } from '../../components/Badge';
import { DocumentButtons, formatElapsed, SignedBadge, type DocumentOpener } from '../../components/DocumentsOpen';
import { errorMessage, useToast } from '../../components/Toast';
import { formatDate, formatTimestamp } from '../../format';
import { Link } from '../../router';

export interface SealedMeeting {
  meetingId: string;
  seq: number;
  heldOn: string;
}

const POLL_MS = 400;

const STATE_TONE: Record<BatchStatus['state'], 'info' | 'warn' | 'success' | 'neutral' | 'danger'> = {
  running: 'info',
  cancelling: 'warn',
  done: 'success',
  cancelled: 'neutral',
  failed: 'danger',
};

/** The short name of a kind for headings (the checkbox label says more). */
const KIND_SHORT: Record<BatchKind, string> = {
  resultLetters: '审核结果告知书',
  publicNotice: '审核结果公示',
  minutes: '会议纪要',
  filingForm: '审核结果备案表',
};

const isActive = (s: BatchStatus | null) => !!s && s.phase !== 'finished';

/**
 * 批量生成: the kinds to write (result letters by default, optionally of one
 * sealed meeting), then the job's progress polled from the service, 取消, and
 * what it wrote: the folder, the combined PDF to print, each document, the
 * errors and notes, and — never silently — whether they are unsigned 草稿.
 * On opening, a job of this round still running (or the last one of this
 * session) is shown again.
 */
export function RoundDocumentsBatch({
  roundId,
  meetings,
  opener,
  onFinished,
  onActiveChange,
}: {
  roundId: string;
  meetings: SealedMeeting[];
  opener: DocumentOpener;
  /** the job ended (the register has new rows) */
  onFinished: () => void;
  onActiveChange: (active: boolean) => void;
}) {
  const toast = useToast();
  const [kinds, setKinds] = useState<BatchKind[]>(['resultLetters']);
  const [meetingId, setMeetingId] = useState('');
  const [kindsError, setKindsError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [job, setJob] = useState<BatchStatus | null>(null);
  const [resumed, setResumed] = useState(false);
  const [pollError, setPollError] = useState<string | null>(null);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const activeRef = useRef(onActiveChange);
  activeRef.current = onActiveChange;
  const statusRef = useRef<HTMLHeadingElement>(null);
  const startedHere = useRef(false);

  // A job of this round from this session: a running one first, else the newest.
  useEffect(() => {
    let gone = false;
    api['documents.batch.list']({ roundId })
      .then((jobs) => {
        if (gone || jobs.length === 0) return;
        // a job the clerk started meanwhile wins
        if (startedHere.current) return;
        setJob(jobs.find((j) => j.phase !== 'finished') ?? jobs[0]!);
        setResumed(true);
      })
      .catch((e: unknown) => {
        if (!gone) setPollError(errorMessage(e));
      });
    return () => {
      gone = true;
    };
  }, [roundId]);

  const active = isActive(job);
  const jobId = job?.jobId;
  useEffect(() => {
    activeRef.current(active);
  }, [active]);

  // Poll while the job runs.
  useEffect(() => {
    if (!jobId || !active) return;
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      try {
        const s = await api['documents.batch.status']({ jobId });
        if (stopped) return;
        setJob(s);
        setPollError(null);
        if (s.phase === 'finished') {
          finishedRef.current();
          return;
        }
      } catch (e) {
        if (stopped) return;
        setPollError(errorMessage(e));
        // the job is gone (the program restarted): stop asking
        if (e instanceof ApiError && e.code === 'NOT_FOUND') {
          setJob(null);
          return;
        }
      }
      timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [jobId, active]);

  const toggle = (k: BatchKind, on: boolean) => {
    setKinds((xs) => BATCH_KINDS.filter((x) => (x === k ? on : xs.includes(x))));
    setKindsError(null);
  };

  const start = async () => {
    setFormError(null);
    if (kinds.length === 0) {
      setKindsError('请选择要生成的文书（至少一种）');
      document.getElementById('batch-kind-resultLetters')?.focus();
      return;
    }
    setStarting(true);
    startedHere.current = true;
    try {
      const s = await api['documents.batch.start']({ roundId, kinds, ...(meetingId && kinds.includes('resultLetters') ? { meetingId } : {}) });
      setJob(s);
      setResumed(false);
      setPollError(null);
      // keyboard users land on the progress (the 取消 button is next to it)
      window.setTimeout(() => statusRef.current?.focus(), 0);
    } catch (e) {
      const fe = e instanceof ApiError ? e.fieldErrors : undefined;
      if (fe?.kinds) setKindsError(fe.kinds);
      else setFormError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    try {
      const s = await api['documents.batch.cancel']({ jobId: job.jobId });
      setJob(s);
      // cancelled while combining: it ends at once, and polling stops with it
      if (s.phase === 'finished') finishedRef.current();
    } catch (e) {
      toast.fromError(e);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <section className="panel docs-batch" aria-labelledby="batch-heading" data-testid="batch">
      <div className="panel-header">
        <h2 id="batch-heading">批量生成</h2>
      </div>
      <form
        className="batch-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="field choice-group" aria-describedby={kindsError ? 'batch-kinds-error' : undefined}>
          <legend>要生成的文书</legend>
          <div className="choices vertical">
            {BATCH_KINDS.map((k) => (
              <label key={k} className={`choice${kinds.includes(k) ? ' checked' : ''}`}>
                <input type="checkbox" id={`batch-kind-${k}`} checked={kinds.includes(k)} onChange={(e) => toggle(k, e.target.checked)} aria-invalid={kindsError ? true : undefined} />
                <span>{BATCH_KIND_LABEL[k]}</span>
              </label>
            ))}
          </div>
          {kindsError && (
            <p id="batch-kinds-error" className="field-error" role="alert" data-testid="batch-kinds-error">
              {kindsError}
            </p>
          )}
        </fieldset>
        {meetings.length > 1 && (
          <div className="field batch-meeting">
            <label htmlFor="batch-meeting">审核结果告知书的范围</label>
            <select id="batch-meeting" value={meetingId} onChange={(e) => setMeetingId(e.target.value)} disabled={!kinds.includes('resultLetters')}>
              <option value="">全部已封存会议的审核结论</option>
              {meetings.map((m) => (
                <option key={m.meetingId} value={m.meetingId}>
                  仅第{m.seq}次集体评议（{formatDate(m.heldOn)}）
                </option>
              ))}
            </select>
          </div>
        )}
        {formError && (
          <div className="banner banner-error" role="alert" data-testid="batch-error">
            <p>{formError}</p>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={starting || active} data-testid="batch-start">
            {starting ? '正在准备…' : '开始生成'}
          </button>
          <span className="hint">
            {active ? '正在生成，完成或取消后才能开始新的任务。' : '所有文书写入同一个文件夹，另生成一份打印合订本；每份文书写好即登记。'}
          </span>
        </div>
      </form>
      {pollError && (
        <div className="banner banner-error" role="alert">
          <p>{pollError}</p>
        </div>
      )}
      {job && <BatchJobView job={job} resumed={resumed} opener={opener} cancelling={cancelling} onCancel={() => void cancel()} statusRef={statusRef} />}
    </section>
  );
}

function BatchJobView({
  job,
  resumed,
  opener,
  cancelling,
  onCancel,
  statusRef,
}: {
  job: BatchStatus;
  resumed: boolean;
  opener: DocumentOpener;
  cancelling: boolean;
  onCancel: () => void;
  statusRef: RefObject<HTMLHeadingElement | null>;
}) {
  const finished = job.phase === 'finished';
  const combining = job.phase === 'combining';
  const pct = job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  const progressText = combining ? `${job.total}份文书已生成，正在合成打印合订本` : `已完成 ${job.done}/${job.total} 份`;
  const draftLabel = job.signed ? '' : '（草稿）';
  return (
    <div className={`batch-job batch-${job.state}`} data-testid="batch-job" data-state={job.state}>
      <div className="batch-job-head">
        <h3 tabIndex={-1} ref={statusRef}>
          {resumed && !finished ? '进行中的任务：' : resumed ? '本次运行中最近的任务：' : ''}
          {job.kinds.map((k) => KIND_SHORT[k]).join('、')}
        </h3>
        <span role="status" data-testid="batch-state">
          <Badge tone={STATE_TONE[job.state]}>{job.stateLabel}</Badge>
        </span>
        <SignedBadge signed={job.signed} draftReason={job.draftReason} />
      </div>

      {!job.signed && (
        <div className="banner banner-warn draft-banner" role="note" data-testid="batch-draft">
          <p>
            <strong>草稿：本次生成的文书没有数字签名</strong>，文件名带“_草稿”，不能作为正式文书送达或公布。
          </p>
          <p>原因：{job.draftReason ?? '未加载单位证书'}</p>
          <p>
            请在 <Link to={{ name: 'documentSettings' }}>文书与签章设置</Link> 中导入或解锁单位证书后重新生成。
          </p>
        </div>
      )}

      <div className="batch-progress">
        <div
          className={`progress-track batch-track${combining ? ' combining' : ''}`}
          role="progressbar"
          aria-label="批量生成进度"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.done}
          aria-valuetext={finished ? `${job.stateLabel}，${job.done}/${job.total}份` : progressText}
          data-testid="batch-progress"
        >
          <div className="batch-fill" style={{ width: `${combining ? 100 : pct}%` }} />
        </div>
        <p className="batch-progress-text">
          <strong data-testid="batch-count">
            {job.done}/{job.total}
          </strong>{' '}
          {!finished && (
            <span data-testid="batch-current">
              {combining ? '正在合成打印合订本…' : job.current ? `正在生成：${job.current}` : '正在准备…'}
            </span>
          )}
          <span className="muted small">
            {' '}
            · 用时 <span data-testid="batch-elapsed">{formatElapsed(job.elapsedMs)}</span>
          </span>
        </p>
        {!finished && (
          <button type="button" className="btn btn-danger-outline" onClick={onCancel} disabled={cancelling || job.state === 'cancelling'} data-testid="batch-cancel">
            {job.state === 'cancelling' ? '正在取消…' : '取消'}
          </button>
        )}
      </div>

      {job.message && (
        <div className="banner banner-error" role="alert" data-testid="batch-message">
          <p>{job.message}</p>
        </div>
      )}
      {job.errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="batch-errors">
          <p>
            <strong>{job.errors.length}份文书未能生成：</strong>
          </p>
          <ul className="plain-list">
            {job.errors.map((x, i) => (
              <li key={i}>
                {x.label}：{x.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {job.notes.length > 0 && (
        <div className="banner banner-neutral" role="note" data-testid="batch-notes">
          <p>
            <strong>请注意：</strong>
          </p>
          <ul className="plain-list">
            {job.notes.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </div>
      )}

      {finished && (
        <dl className="batch-facts" data-testid="batch-facts">
          <dt>开始时间</dt>
          <dd>{formatTimestamp(job.startedAt)}</dd>
          <dt>用时</dt>
          <dd>{formatElapsed(job.elapsedMs)}</dd>
          <dt>文件夹</dt>
          <dd>
            <span className="mono doc-path" data-testid="batch-folder">
              {job.folder}
            </span>
          </dd>
          <dt>打印合订本</dt>
          <dd data-testid="batch-combined">
            {job.combined ? (
              <span className="combined-row">
                <button type="button" className="btn btn-primary" onClick={() => void opener.open(job.combined!.documentId, 'print', `打印合订本${draftLabel}`)} disabled={opener.busy === `${job.combined.documentId}:print`} data-testid="print-combined">
                  打印合订本{draftLabel}
                </button>
                <span>
                  共 {job.combined.pages} 页，{job.documents.length} 份文书
                </span>
                <DocumentButtons documentId={job.combined.documentId} label={`打印合订本${draftLabel}`} opener={opener} />
              </span>
            ) : job.state === 'cancelled' ? (
              <span className="muted">任务已取消，未生成打印合订本；已生成的 {job.documents.length} 份文书均已登记，可逐份打印。</span>
            ) : (
              <span className="muted">未生成</span>
            )}
          </dd>
        </dl>
      )}

      {job.documents.length > 0 && (
        <details className="batch-docs" open={finished && job.documents.length <= 12}>
          <summary>
            本次生成的文书（{job.documents.length}份{draftLabel}）
          </summary>
          <ol className="batch-doc-list" data-testid="batch-documents">
            {job.documents.map((d) => (
              <li key={d.documentId}>
                <div className="batch-doc-row">
                <span className="batch-doc-label">
                  {d.label}
                  {!job.signed && (
                    <>
                      {' '}
                      <Badge tone="warn">草稿</Badge>
                    </>
                  )}
                </span>
                <DocumentButtons documentId={d.documentId} label={d.label} opener={opener} folder={false} />
                </div>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
