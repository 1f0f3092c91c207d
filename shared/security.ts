/**
 * The renderer's Content-Security-Policy, one string for both shells: no
 * remote anything, no inline script, no eval. 'unsafe-inline' styles only,
 * because React's style props need them.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** As an HTTP header (Node host, Electron's session). */
export const CSP = DIRECTIVES.join('; ');

/** As a <meta> tag, injected into index.html at build time: frame-ancestors only works as a header. */
export const CSP_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
