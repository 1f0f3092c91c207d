import type { DeliberationRoute } from '../deliberationRoutes';
import { DeliberationPage } from './DeliberationPage';
import { DeadlinesPage } from './DeadlinesPage';
import { MeetingPresentPage } from './MeetingPresentPage';
import { VotePage } from './VotePage';
import { DecisionPage } from './DecisionPage';
import { MinutesPage } from './MinutesPage';
import { AuditPage } from './AuditPage';

/** 集体评议 screens (issue 6), one entry for App.tsx. */
export function DeliberationScreen({ route }: { route: DeliberationRoute }) {
  switch (route.name) {
    case 'deliberation':
      return <DeliberationPage key={route.roundId} roundId={route.roundId} />;
    case 'deadlines':
      return <DeadlinesPage key={route.roundId} roundId={route.roundId} />;
    case 'audit':
      return <AuditPage seq={route.seq} />;
    case 'meeting':
      switch (route.view) {
        case 'present':
          return <MeetingPresentPage key={route.meetingId} meetingId={route.meetingId} applicationId={route.applicationId} />;
        case 'vote':
          return <VotePage key={route.meetingId} meetingId={route.meetingId} applicationId={route.applicationId} />;
        case 'decide':
          return <DecisionPage key={route.meetingId} meetingId={route.meetingId} applicationId={route.applicationId} />;
        case 'minutes':
          return <MinutesPage key={route.meetingId} meetingId={route.meetingId} />;
      }
  }
}
