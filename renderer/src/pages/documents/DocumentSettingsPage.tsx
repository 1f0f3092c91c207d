import { api } from '../../api';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { AgencySection } from './DocumentSettingsAgency';
import { FontsSection } from './DocumentSettingsFonts';
import { CertificateSection } from './DocumentSettingsCertificate';
import { SealSection } from './DocumentSettingsSeal';
import { ResultSettingsSection } from './DocumentSettingsResult';
import '../../document-settings.css';
/**
 * 文书与签章设置 (issue 7): what every generated document carries — the 版头
 * and 署名, the 发文字号 prefix, the fonts, the agency's certificate for the
 * digital signature, the seal image, and the 公示 / 备案 details. Each section
 * saves on its own; a refusal (a font or seal file the back end cannot use, a
 * wrong certificate passphrase) is shown at its field and changes nothing.
 */
export function DocumentSettingsPage() {
  const settings = useLoad(() => api['documents.settings.get']({}), []);
  return (
    <div className="page page-narrow docset-page">
      <Breadcrumbs items={[{ label: '设置', to: { name: 'settings' } }, { label: '文书与签章设置' }]} />
      <PageHeading title="文书与签章设置">
        <p className="lead">审核结果告知书、补正通知书、公示、会议纪要和备案表共用这些设置。每一部分单独保存，只影响之后生成的文书；已生成的文书不会改变。</p>
      </PageHeading>
      {settings.error ? (
        <LoadError error={settings.error} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Loading what="文书设置" />
      ) : (
        <>
          <AgencySection saved={settings.data} onSaved={settings.setData} />
          <FontsSection saved={settings.data} onSaved={settings.setData} />
        </>
      )}
      <CertificateSection />
      <SealSection />
      <ResultSettingsSection />
    </div>
  );
}
