/**
 * The renderer's Content-Security-Policy, one string for both shells: no
 * remote anything, no inline script, no eval. 'unsafe-inline' styles only,
 * because React's style props need them.
 */
export const CSP = [
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
].join('; ');
