// Bundles the Electron main process and preload into CommonJS:
//   electron/main.ts    -> dist-electron/main.cjs    (includes service/, db/, shared/)
//   electron/preload.ts -> dist-electron/preload.cjs (sandboxed: only 'electron' may be required)
//   service/documents/batch/worker.ts -> dist-electron/documents-worker.cjs (batch documents, a worker thread)
// Native and Electron modules stay external and are loaded from node_modules
// (better-sqlite3's .node is unpacked from app.asar by electron-builder).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// electron: provided by the runtime. better-sqlite3: native addon (and its
// `bindings` loader). The rest are optional native deps some libraries probe for.
const external = ['electron', 'better-sqlite3', 'bindings', 'bufferutil', 'utf-8-validate', 'fsevents', 'cpu-features'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'silent', // warnings are printed (and some are fatal) below
  absWorkingDir: root,
  tsconfig: path.join(root, 'tsconfig.json'),
};

rmSync(outdir, { recursive: true, force: true });

const results = await Promise.all([
  build({
    ...common,
    // documents-worker: the batch job's worker thread (service/documents/batch/jobs.ts looks for it next to main.cjs)
    entryPoints: { main: 'electron/main.ts', 'documents-worker': 'service/documents/batch/worker.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    external,
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    metafile: true,
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
    metafile: true,
  }),
]).catch((e) => {
  // esbuild already formatted the errors on e.errors
  for (const err of e.errors ?? []) console.error(formatMessage(err));
  if (!e.errors) console.error(e);
  process.exit(1);
});

// `import.meta` does not exist in CommonJS: esbuild would silently turn
// `import.meta.url` into undefined. A module that needs it (host/server.ts
// does) must not end up in the Electron bundle — fail the build instead.
let fatal = 0;
for (const r of results) {
  for (const w of r.warnings) {
    const isImportMeta = /import\.meta/.test(w.text);
    console[isImportMeta ? 'error' : 'warn'](formatMessage(w, isImportMeta ? 'error' : 'warning'));
    if (isImportMeta) fatal++;
  }
}

// The preload runs sandboxed: its bundle may require nothing but 'electron'.
const preloadImports = Object.values(results[1].metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
const badPreload = preloadImports.filter((p) => p !== 'electron');
if (badPreload.length) {
  console.error(`preload must import only 'electron', but imports: ${badPreload.join(', ')}`);
  fatal++;
}
if (fatal) {
  rmSync(outdir, { recursive: true, force: true });
  process.exit(1);
}

for (const r of results) {
  for (const [file, o] of Object.entries(r.metafile.outputs)) {
    if (file.endsWith('.cjs')) console.log(`${file}  ${(o.bytes / 1024).toFixed(0)} KiB`);
  }
}

function formatMessage(m, kind = 'error') {
  const loc = m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : '';
  return `${loc}${kind}: ${m.text}`;
}
