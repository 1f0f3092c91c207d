import type { ReactNode } from 'react';
import type { AgendaView } from '../../../shared/contract/slices/deliberation';
import type { MeetingView } from '../deliberationRoutes';
import { formatDate, formatTimestamp } from '../format';
import { Badge } from './Badge';
import { MeetingNav } from './DeliberationBits';
import { Breadcrumbs, LoadError, Loading, PageHeading } from './Page';

/**
 * The frame of a meeting's screen on the clerk's laptop: breadcrumbs, heading
 * with the meeting, the meeting tabs, then the content once the agenda is read.
 */
export function MeetingFrame({
  title,
  view,
  agenda,
  agendaError,
  onRetry,
  applicationId,
  actions,
  children,
}: {
  title: string;
  view: MeetingView;
  agenda: AgendaView | undefined;
  agendaError: unknown;
  onRetry: () => void;
  applicationId?: string | null | undefined;
  actions?: ReactNode;
  children: (agenda: AgendaView) => ReactNode;
}) {
  if (agendaError) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: title }]} />
        <LoadError error={agendaError} onRetry={onRetry} />
      </div>
    );
  }
  if (!agenda) return <Loading what="会议" />;
  const m = agenda.meeting;
  return (
    <div className={`page delib-page delib-${view}`}>
      <Breadcrumbs
        items={[
          { label: '审核批次', to: { name: 'home' } },
          { label: m.roundName, to: { name: 'round', roundId: m.roundId } },
          { label: '集体评议', to: { name: 'deliberation', roundId: m.roundId } },
          { label: title },
        ]}
      />
      <PageHeading title={title} actions={actions}>
        <p className="lead">
          第{m.seq}次集体评议 · {formatDate(m.heldOn)} · {m.place} · 组长 {m.chair.name}
          {m.sealed && (
            <>
              {' '}
              <Badge tone="neutral">已于{formatTimestamp(m.sealedAt)}封存</Badge>
            </>
          )}
        </p>
      </PageHeading>
      <MeetingNav roundId={m.roundId} meetingId={m.meetingId} applicationId={applicationId ?? undefined} current={view} />
      {children(agenda)}
    </div>
  );
}
