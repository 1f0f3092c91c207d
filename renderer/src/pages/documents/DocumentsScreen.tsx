import type { DocumentRoute } from '../../documentRoutes';
import { RoundDocumentsPage } from './RoundDocumentsPage';
import { PublicNoticePage } from './PublicNoticePage';
import { DocumentSettingsPage } from './DocumentSettingsPage';
import '../../documents.css';

/** Documents screens (issue 7), one entry for App.tsx. */
export function DocumentsScreen({ route }: { route: DocumentRoute }) {
  switch (route.name) {
    case 'roundDocuments':
      return <RoundDocumentsPage key={route.roundId} roundId={route.roundId} />;
    case 'publicNotice':
      return <PublicNoticePage key={route.roundId} roundId={route.roundId} noticeId={route.noticeId} />;
    case 'documentSettings':
      return <DocumentSettingsPage />;
  }
}
