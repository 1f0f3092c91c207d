import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench`: runs every bench/*.bench.ts and prints one line per
 * figure, `name: value unit`. Targets live here, never in timed unit tests.
 * `npm run bench -- scoring` runs only files whose name contains "scoring".
 */
export type Report = (name: string, value: number, unit: string) => void;
export interface BenchModule {
  run(report: Report): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const report: Report = (name, value, unit) => {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  process.stdout.write(`${name}: ${shown} ${unit}\n`);
};

for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as BenchModule;
  await mod.run(report);
}
