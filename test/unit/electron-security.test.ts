import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { openService, type Service } from '../../service';
import { CSP } from '../../shared/security';
import {
  appIndexUrl,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  isAllowedUrl,
  webPreferencesFor,
  withCspHeader,
} from '../../electron/security';
import { makeIpcHandler, makeTrustedSenderCheck, type SenderEventLike } from '../../electron/ipc';

// Electron itself is never loaded here: the helpers take Electron's objects as
// arguments, and the IPC handler runs against a real service on a real SQLite file.

const appRoot = path.resolve(os.tmpdir(), 'ltc-app', 'dist', 'renderer');
const indexUrl = pathToFileURL(path.join(appRoot, 'index.html')).href;
const fileUrl = (...p: string[]) => pathToFileURL(path.join(...p)).href;
const silent = { warn: () => {} };
const hasChinese = /[\u4e00-\u9fff]/;

describe('isAllowedUrl (navigation)', () => {
  it("allows only the app's own index.html", () => {
    expect(appIndexUrl(appRoot)).toBe(indexUrl);
    expect(isAllowedUrl(indexUrl, appRoot)).toBe(true);
    expect(isAllowedUrl(`${indexUrl}#/rounds/r1`, appRoot)).toBe(true);
    expect(isAllowedUrl(`${indexUrl}?x=1`, appRoot)).toBe(true);
  });

  it.each([
    ['https://', 'https://example.com/'],
    ['https to a lookalike path', `https://example.com${new URL(indexUrl).pathname}`],
    ['http to the loopback host', 'http://127.0.0.1:5180/'],
    ['http localhost', 'http://localhost/index.html'],
    ['another file in the app folder', fileUrl(appRoot, 'other.html')],
    ['an asset, not the page', fileUrl(appRoot, 'assets', 'index.js')],
    ['a file elsewhere', fileUrl(path.parse(appRoot).root, 'etc', 'passwd')],
    ['index.html of a sibling folder', fileUrl(`${appRoot}-evil`, 'index.html')],
    ['a path escaping with ..', `${fileUrl(appRoot)}/../../../index.html`],
    ['a UNC / remote file host', `file://evil-server${new URL(indexUrl).pathname}`],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:file:///1234'],
    ['about:blank', 'about:blank'],
    ['devtools:', 'devtools://devtools/bundled/devtools_app.html'],
    ['garbage', 'not a url'],
    ['empty', ''],
  ])('rejects %s', (_label, url) => {
    expect(isAllowedUrl(url, appRoot)).toBe(false);
  });
});

describe('isAllowedRequest (every request the session makes)', () => {
  it("allows the app's own files, devtools and in-memory URLs", () => {
    expect(isAllowedRequest(indexUrl, appRoot)).toBe(true);
    expect(isAllowedRequest(fileUrl(appRoot, 'assets', 'index-abc.js'), appRoot)).toBe(true);
    expect(isAllowedRequest(fileUrl(appRoot, 'fonts', '仿宋.ttf'), appRoot)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', appRoot)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', appRoot)).toBe(true);
  });

  it.each([
    'https://example.com/collect?uscc=91310000MA1FL1234X',
    'http://127.0.0.1:5180/api/rounds.list',
    'http://localhost:5180/',
    'ws://127.0.0.1:9000/',
    'ftp://example.com/x',
    fileUrl(path.parse(appRoot).root, 'etc', 'passwd'),
    fileUrl(`${appRoot}-evil`, 'x.js'),
    fileUrl(path.dirname(appRoot), 'secret.sqlite'),
    `file://evil-server${new URL(indexUrl).pathname}`,
    'chrome://settings',
    'not a url',
  ])('blocks %s', (url) => {
    expect(isAllowedRequest(url, appRoot)).toBe(false);
  });
});

describe('webPreferencesFor', () => {
  it('has the checklist values', () => {
    const p = webPreferencesFor('/x/preload.cjs');
    expect(p).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(p.experimentalFeatures).not.toBe(true);
    expect(p.enableBlinkFeatures).toBeUndefined();
  });
});

describe('withCspHeader', () => {
  it('sets our CSP and drops any other CSP header, whatever its case', () => {
    const h = withCspHeader({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(h['Content-Security-Policy']).toEqual([CSP]);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['Content-Type']).toEqual(['text/html']);
    expect(withCspHeader(undefined)['Content-Security-Policy']).toEqual([CSP]);
  });
});

describe('hardenWebContents / hardenSession (with stand-in Electron objects)', () => {
  type Listener = (event: { url: string; preventDefault(): void }) => void;

  function fakeContents() {
    const listeners = new Map<string, Listener[]>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on(name: string, fn: Listener) {
        listeners.set(name, [...(listeners.get(name) ?? []), fn]);
        return contents;
      },
      setWindowOpenHandler(fn: typeof openHandler) {
        openHandler = fn;
      },
    };
    const fire = (name: string, url: string) => {
      let prevented = false;
      for (const fn of listeners.get(name) ?? []) fn({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('blocks navigation and redirects away from index.html, and every window.open', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as unknown as WebContents, appRoot, silent);
    for (const ev of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(f.fire(ev, 'https://example.com/'), ev).toBe(true);
      expect(f.fire(ev, 'http://127.0.0.1:5180/'), ev).toBe(true);
      expect(f.fire(ev, fileUrl(appRoot, 'other.html')), ev).toBe(true);
      expect(f.fire(ev, indexUrl), ev).toBe(false);
    }
    expect(f.fire('will-attach-webview', indexUrl)).toBe(true);
    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open(indexUrl)).toEqual({ action: 'deny' });
  });

  it('denies every permission and cancels remote requests', async () => {
    const got: Record<string, unknown> = {};
    const ses = {
      webRequest: {
        onBeforeRequest: (fn: unknown) => (got.before = fn),
        onHeadersReceived: (fn: unknown) => (got.headers = fn),
      },
      setPermissionRequestHandler: (fn: unknown) => (got.permission = fn),
      setPermissionCheckHandler: (fn: unknown) => (got.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (got.device = fn),
      setDisplayMediaRequestHandler: (fn: unknown) => (got.display = fn),
      setSpellCheckerEnabled: (on: boolean) => (got.spell = on),
    };
    hardenSession(ses as unknown as Session, appRoot, silent);

    const before = got.before as (d: { url: string; resourceType: string }, cb: (r: { cancel: boolean }) => void) => void;
    const cancelled = (url: string) => new Promise<boolean>((resolve) => before({ url, resourceType: 'xhr' }, (r) => resolve(r.cancel)));
    expect(await cancelled('https://example.com/')).toBe(true);
    expect(await cancelled('http://127.0.0.1:5180/api/rounds.list')).toBe(true);
    expect(await cancelled(fileUrl(appRoot, 'assets', 'a.js'))).toBe(false);

    const headers = got.headers as (d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    const h = await new Promise<Record<string, string[]>>((resolve) => headers({ responseHeaders: {} }, (r) => resolve(r.responseHeaders)));
    expect(h['Content-Security-Policy']).toEqual([CSP]);

    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answer = await new Promise<boolean>((resolve) => (got.permission as (w: unknown, p: string, cb: (b: boolean) => void) => void)(null, perm, resolve));
      expect(answer, perm).toBe(false);
    }
    expect((got.check as () => boolean)()).toBe(false);
    expect((got.device as () => boolean)()).toBe(false);
    expect(got.spell).toBe(false);
  });
});

describe('makeTrustedSenderCheck', () => {
  const ours = { id: 1 };
  const check = makeTrustedSenderCheck(() => ours, appRoot);
  const ev = (sender: unknown, frame: SenderEventLike['senderFrame']): SenderEventLike => ({ sender, senderFrame: frame });

  it("trusts only our window's top frame showing index.html", () => {
    expect(check(ev(ours, { url: indexUrl, parent: null }))).toBe(true);
    expect(check(ev(ours, { url: `${indexUrl}#/x`, parent: null }))).toBe(true);
    expect(check(ev({ id: 2 }, { url: indexUrl, parent: null }))).toBe(false);
    expect(check(ev(ours, { url: indexUrl, parent: { url: indexUrl } }))).toBe(false);
    expect(check(ev(ours, { url: 'https://example.com/', parent: null }))).toBe(false);
    expect(check(ev(ours, { url: fileUrl(appRoot, 'other.html'), parent: null }))).toBe(false);
    expect(check(ev(ours, null))).toBe(false);
    expect(makeTrustedSenderCheck(() => null, appRoot)(ev(null, { url: indexUrl, parent: null }))).toBe(false);
  });
});

describe('makeIpcHandler with a real service', () => {
  let dir: string;
  let service: Service;
  const trusted = { trusted: true };
  const handler = () => makeIpcHandler<{ trusted: boolean }>(service, (e) => e.trusted);

  const validRound = {
    name: '2025年第二批长护定点',
    region: '乌鲁木齐市',
    code: 'T-2025-2',
    profileId: 'xinjiang-bingtuan',
    quota: { institutional: 2, home: 2, community: 1 },
    openedOn: '2025-09-01',
  };

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(service.ctx.db);
    const out: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(service.ctx.db);
      out[name] = Number(r.rows[0]!.n);
    }
    return out;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-ipc-'));
    service = await openService({ dataDir: dir, now: () => new Date('2025-09-29T04:00:00Z') });
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an untrusted sender with FORBIDDEN (Chinese message, English log) and writes nothing', async () => {
    const before = await rowCounts();
    expect(Object.keys(before)).toContain('round');
    const h = handler();
    const untrusted = { trusted: false };
    for (const [method, payload] of [
      ['rounds.create', validRound],
      ['settings.setOperator', { operator: '张三' }],
      ['rounds.list', {}],
      ['no.such.method', {}],
    ] as const) {
      const res = await h(untrusted, method, payload);
      expect(res.ok, method).toBe(false);
      if (res.ok) continue;
      expect(res.error.code).toBe('FORBIDDEN');
      expect(res.error.message).toMatch(hasChinese);
      expect(res.error.logMessage).not.toMatch(hasChinese);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses when the sender check itself throws', async () => {
    const h = makeIpcHandler(service, () => {
      throw new Error('senderFrame disposed');
    });
    const res = await h({}, 'rounds.create', validRound);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
  });

  it.each([['rounds.drop'], [42], [null], ['__proto__'], ['constructor'], ['toString'], [['rounds.list']]])('refuses unknown method %j', async (method) => {
    const res = await handler()(trusted, method, {});
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('UNKNOWN_METHOD');
      expect(res.error.message).toMatch(hasChinese);
    }
  });

  it('refuses an invalid payload with VALIDATION and field errors, writing nothing', async () => {
    const before = await rowCounts();
    const res = await handler()(trusted, 'rounds.create', { ...validRound, code: '有 空格', quota: { institutional: -1 } });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('VALIDATION');
      expect(res.error.message).toMatch(hasChinese);
      expect(Object.keys(res.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(['code']));
    }
    const notObject = await handler()(trusted, 'rounds.list', 'DROP TABLE round');
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(notObject.error.code).toBe('VALIDATION');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a valid rounds.list, and a created round shows up in it', async () => {
    const h = handler();
    const empty = await h(trusted, 'rounds.list', {});
    expect(empty).toEqual({ ok: true, value: [] });

    const created = await h(trusted, 'rounds.create', validRound);
    expect(created.ok).toBe(true);

    const listed = await h(trusted, 'rounds.list', {});
    expect(listed.ok).toBe(true);
    if (listed.ok) {
      const rows = listed.value as Array<{ code: string; name: string }>;
      expect(rows.map((r) => r.code)).toEqual(['T-2025-2']);
      expect(rows[0]!.name).toBe(validRound.name);
    }
  });
});
