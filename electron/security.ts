import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { App, BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { CSP } from '../shared/security';

/**
 * Electron's security checklist, in one place.
 *
 * This module has no runtime import of `electron`: everything Electron-specific
 * is handed in by main.ts (app, session, webContents), so the pure helpers
 * below can be unit-tested in plain Node without the Electron binary.
 *
 * The rule: the window shows only the app's own files (dist/renderer, from
 * disk or app.asar); no remote content is loaded and no request leaves the
 * laptop — applicants' data never leaves the machine.
 */

/** Logger shape; main.ts passes the service's English logger. */
export interface SecurityLog {
  warn(msg: string): void;
}

const consoleLog: SecurityLog = { warn: (m) => process.stderr.write(`WARN ${m}\n`) };

/** The renderer's entry page inside `appRoot` (the built `dist/renderer` folder). */
export function appIndexPath(appRoot: string): string {
  return path.join(path.resolve(appRoot), 'index.html');
}

export function appIndexUrl(appRoot: string): string {
  return pathToFileURL(appIndexPath(appRoot)).href;
}

/** A `file:` URL as a normalized local path, or null when it is not a plain local file URL. */
function localPathOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'file:') return null;
  // file://server/share/... (UNC) is a network location, not the app's files.
  if (u.host !== '' && u.host !== 'localhost') return null;
  try {
    return path.resolve(fileURLToPath(u));
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  // Windows and macOS file systems are case-insensitive by default.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/**
 * May the window navigate (or be redirected) to `url`? Only to the app's own
 * index.html file URL; a query string or #fragment on it is harmless.
 */
export function isAllowedUrl(url: string, appRoot: string): boolean {
  const p = localPathOf(url);
  return p !== null && samePath(p, appIndexPath(appRoot));
}

/**
 * May the session fetch `url`? The app's own files under `appRoot`, DevTools'
 * own pages, and in-memory data:/blob: URLs (the CSP allows them for images
 * and fonts; they never touch the network). Everything else — http(s) to any
 * host including 127.0.0.1, ws, ftp, other files on disk, UNC paths — is
 * cancelled.
 */
export function isAllowedRequest(url: string, appRoot: string): boolean {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  if (scheme === 'devtools:' || scheme === 'data:' || scheme === 'blob:') return true;
  if (scheme !== 'file:') return false;
  const p = localPathOf(url);
  if (p === null) return false;
  const root = path.resolve(appRoot);
  const rel = path.relative(root, p);
  if (rel === '') return true;
  return !rel.startsWith('..') && !path.isAbsolute(rel) && samePath(path.join(root, rel), p);
}

/** The checklist's webPreferences for our one window. */
export function webPreferencesFor(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** BrowserWindow options for the main window (size, title, colours, preferences). */
export function mainWindowOptions(preloadPath: string, title: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: webPreferencesFor(preloadPath),
  };
}

/** Response headers with our CSP set (replacing any CSP already present, whatever its case). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [CSP];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/**
 * Session-wide guards: CSP header on every response, every permission denied,
 * every request outside the app's own files cancelled.
 */
export function hardenSession(ses: Session, appRoot: string, log: SecurityLog = consoleLog): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, appRoot);
    if (!allowed) log.warn(`blocked request to ${redact(details.url)} (${details.resourceType})`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
  ses.setSpellCheckerEnabled(false);
}

/**
 * Guards for one webContents: no navigation or redirect except to our
 * index.html, no new windows, no <webview>.
 */
export function hardenWebContents(contents: WebContents, appRoot: string, log: SecurityLog = consoleLog): void {
  const guardNavigation = (what: string) => (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedUrl(event.url, appRoot)) {
      event.preventDefault();
      log.warn(`blocked ${what} to ${redact(event.url)}`);
    }
  };
  contents.on('will-navigate', guardNavigation('navigation'));
  contents.on('will-frame-navigate', guardNavigation('frame navigation'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`blocked window.open to ${redact(url)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked <webview> attach');
  });
}

/**
 * App-wide guards: every webContents ever created (ours, DevTools, anything
 * unexpected) gets the same navigation and window-open rules. Call before the
 * first window is created.
 */
export function hardenApp(app: App, appRoot: string, log: SecurityLog = consoleLog): void {
  // DevTools' own UI is loaded programmatically (no will-navigate), so the
  // same rules can apply to it without breaking it.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appRoot, log));
}

/** Logs show the scheme and host only: a URL's path or query may carry an applicant's data. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? 'file:(outside app)' : `${u.protocol}//${u.host}`;
  } catch {
    return '(unparseable URL)';
  }
}
