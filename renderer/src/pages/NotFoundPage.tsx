import { PageHeading } from '../components/Page';
import { Link } from '../router';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <div className="page">
      <PageHeading title="找不到该页面" />
      <p>地址“{path}”不对应任何页面。</p>
      <p>
        <Link to={{ name: 'home' }}>返回审核批次列表</Link>
      </p>
    </div>
  );
}
