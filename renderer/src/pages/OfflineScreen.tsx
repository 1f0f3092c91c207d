import type { OfflineRoute } from '../offlineRoutes';
import { Loading } from '../components/Page';
import { usePackageInfo } from '../components/OfflineScoring';
import { KeysPage } from './KeysPage';
import { PackageImportPage } from './PackageImportPage';
import { PackageExportPage } from './PackageExportPage';
import { SheetImportPage } from './SheetImportPage';
import { OfflineStatusPage } from './OfflineStatusPage';
import { MemberRoundPage } from './MemberRoundPage';
import { RoundPage } from './RoundPage';

/** 离线评分 screens (issue 5), one entry for App.tsx. */
export function OfflineScreen({ route }: { route: OfflineRoute }) {
  switch (route.name) {
    case 'keys':
      return <KeysPage />;
    case 'packageImport':
      return <PackageImportPage />;
    case 'offline':
      switch (route.view) {
        case 'package':
          return <PackageExportPage key={route.roundId} roundId={route.roundId} />;
        case 'import':
          return <SheetImportPage key={route.roundId} roundId={route.roundId} />;
        case 'status':
          return <OfflineStatusPage key={route.roundId} roundId={route.roundId} />;
      }
  }
}

/**
 * 批次: the clerk's round screen, or on a member's laptop (a round imported
 * from a package, read-only there) the member's round screen.
 */
export function RoundScreen({ roundId }: { roundId: string }) {
  const { info, known } = usePackageInfo(roundId);
  if (!known) return <Loading what="批次" />;
  return info ? <MemberRoundPage roundId={roundId} info={info} /> : <RoundPage roundId={roundId} />;
}
