import type { ReactNode } from 'react';
import { APPLICATION_STATUS_LABEL, type ApplicationStatus } from '../../../shared/domain/application';
import { ROUND_STATUS_LABEL, type RoundStatus } from '../../../shared/domain/round';
import { formatDate, formatDateWithWeekday } from '../format';

type Tone = 'neutral' | 'info' | 'success' | 'warn' | 'danger';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

const APPLICATION_TONE: Record<ApplicationStatus, Tone> = {
  registered: 'info',
  supplement_requested: 'warn',
  accepted: 'success',
  withdrawn: 'neutral',
  not_accepted: 'danger',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  return <Badge tone={APPLICATION_TONE[status]}>{APPLICATION_STATUS_LABEL[status]}</Badge>;
}

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  return <Badge tone={status === 'open' ? 'success' : 'neutral'}>{ROUND_STATUS_LABEL[status]}</Badge>;
}

export const PROVISIONAL_EXPLANATION = '该期限跨入的年份尚未录入国务院节假日安排，暂按周一至周五计算；请在“设置”中录入该年节假日后，期限会自动重新计算。';

/** 待定: a deadline reaching into a year whose holidays are not known yet. */
export function ProvisionalBadge() {
  return (
    <Badge tone="warn" title={PROVISIONAL_EXPLANATION}>
      待定<span className="sr-only">（{PROVISIONAL_EXPLANATION}）</span>
    </Badge>
  );
}

/** A deadline date with its 待定 badge. */
export function DeadlineText({ date, provisional, weekday }: { date: string; provisional: boolean; weekday?: boolean }) {
  return (
    <span className="deadline">
      <time dateTime={date}>{weekday ? formatDateWithWeekday(date) : formatDate(date)}</time>
      {provisional && (
        <>
          {' '}
          <ProvisionalBadge />
        </>
      )}
    </span>
  );
}
