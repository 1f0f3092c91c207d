// Electron's own postinstall downloads its binary. package.json's allowScripts
// denies that script (npm 11) so that `npm install` also succeeds on machines
// that reach only the npm registry; here we fetch the binary on first start,
// where a clerk's machine with internet can.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathTxt = path.join(electronDir, 'path.txt');
const installed = existsSync(pathTxt) && existsSync(path.join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim()));

if (!installed) {
  console.log('Electron binary not found; downloading it once (needs internet)…');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(
      'Could not download the Electron binary (no internet?). The review app itself can still run in a browser: `npm run dev:web`.',
    );
    process.exit(r.status ?? 1);
  }
}
