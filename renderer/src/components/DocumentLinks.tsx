import { Link, navigate } from '../router';
import { useHotkey } from './useHotkey';

/** The round-level links of the documents (issue 7) with their shortcuts: on the round screen and on every documents screen. */
export function DocumentLinks({ roundId, current }: { roundId: string; current?: 'roundDocuments' | 'publicNotice' }) {
  useHotkey('Alt+C', () => navigate({ name: 'roundDocuments', roundId }));
  useHotkey('Alt+A', () => navigate({ name: 'publicNotice', roundId }));
  return (
    <nav className="delib-links" aria-label="文书与公示" data-testid="document-links">
      <span className="delib-links-title" aria-hidden="true">
        文书
      </span>
      <Link to={{ name: 'roundDocuments', roundId }} className="delib-link" aria-current={current === 'roundDocuments' ? 'page' : undefined} aria-keyshortcuts="Alt+C">
        文书与打印<span className="tab-key">Alt+C</span>
      </Link>
      <Link to={{ name: 'publicNotice', roundId }} className="delib-link" aria-current={current === 'publicNotice' ? 'page' : undefined} aria-keyshortcuts="Alt+A">
        审核结果公示<span className="tab-key">Alt+A</span>
      </Link>
      <Link to={{ name: 'documentSettings' }} className="delib-link">
        文书与签章设置
      </Link>
    </nav>
  );
}

/** 设置 → 文书与签章: where the agency's header, fonts, certificate and seal are set. */
export function DocumentSettingsSection() {
  return (
    <section className="panel" aria-labelledby="docs-heading" data-testid="settings-documents">
      <h2 id="docs-heading">文书与签章</h2>
      <p>审核结果告知书、公示、会议纪要等文书的发文机关、发文字号、字体、异议受理方式，以及用于数字签名的单位证书和电子印章。</p>
      <Link to={{ name: 'documentSettings' }} className="btn">
        文书与签章设置
      </Link>
    </section>
  );
}
