import http from 'node:http';
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openService, type Service } from '../service';
import { defaultDataDir, parseArgs, clockFrom } from './paths';
import { CSP } from '../shared/security';
import { registeredFile } from '../service/documents/register';

/**
 * The Node host: the same service the Electron main process uses, served over
 * HTTP on 127.0.0.1 with the built renderer. For end-to-end tests in Chromium
 * and `npm run dev:web`. It never binds another interface.
 */

const MAX_BODY = 5 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export async function startHost(service: Service, opts: { port: number; staticDir: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    handle(service, opts.staticDir, req, res).catch((e) => {
      process.stderr.write(`host: ${(e as Error).stack}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(service: Service, staticDir: string, req: http.IncomingMessage, res: http.ServerResponse) {
  // DNS-rebinding guard: only answer to our own loopback name.
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    res.writeHead(403).end();
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname.startsWith('/api/')) {
    // JSON only: a page on another origin cannot send this without a CORS preflight we never grant.
    if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      res.writeHead(405).end();
      return;
    }
    const body = await readBody(req);
    let payload: unknown;
    let envelope;
    if (body === null) {
      envelope = { ok: false, error: { code: 'VALIDATION', message: '提交的数据过大', logMessage: 'request body over limit' } };
    } else {
      try {
        payload = body.length ? JSON.parse(body) : {};
        envelope = await service.dispatch(decodeURIComponent(url.pathname.slice(5)), payload);
      } catch {
        envelope = { ok: false, error: { code: 'VALIDATION', message: '提交的数据不是有效的 JSON', logMessage: 'request body is not JSON' } };
      }
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(envelope));
    return;
  }
  if (req.method !== 'GET') {
    res.writeHead(405).end();
    return;
  }
  // a registered document (e.g. the batch job's combined PDF for printing), served only while it matches the register
  const doc = /^\/documents\/([0-9a-f-]{36})\.pdf$/.exec(url.pathname);
  if (doc) {
    const f = await registeredFile(service.ctx, doc[1]!);
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('document not found, or changed since it was issued');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(await readFile(f.path));
    return;
  }
  const rel = decodeURIComponent(url.pathname) === '/' ? 'index.html' : decodeURIComponent(url.pathname).slice(1);
  const file = path.resolve(staticDir, rel);
  if (!file.startsWith(path.resolve(staticDir) + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  const st = await stat(file).catch(() => null);
  const target = st?.isFile() ? file : path.join(staticDir, 'index.html');
  const data = await readFile(target).catch(() => null);
  if (!data) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('renderer not built: run `npm run build` first');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const dataDir = typeof flags.data === 'string' ? flags.data : defaultDataDir();
  const port = typeof flags.port === 'string' ? Number(flags.port) : 5180;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = typeof flags.static === 'string' ? flags.static : path.resolve(here, '../dist/renderer');
  const now = clockFrom(typeof flags.today === 'string' ? flags.today : process.env.LTC_TODAY);
  const service = await openService({ dataDir, ...(now ? { now } : {}) });
  const host = await startHost(service, { port, staticDir });
  process.stdout.write(`LISTENING ${host.url} data=${dataDir}\n`);
  const stop = async () => {
    await host.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
