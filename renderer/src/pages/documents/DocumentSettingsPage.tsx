/** 文书与签章设置 (issue 7). Placeholder until the screen is built. */
export function DocumentSettingsPage() {
  return <div className="page page-narrow" />;
}
