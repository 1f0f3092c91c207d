import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'ltc-designation-review';

/** The user's data folder, the same place Electron's app.getPath('userData') points to. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_DIR_NAME);
}

/** Tiny flag parser: --name value and --flag; the rest are positionals. */
export function parseArgs(argv: string[]): { flags: Record<string, string | true>; positionals: string[] } {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) flags[k] = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        flags[k] = next;
        i++;
      } else flags[k] = true;
    } else positionals.push(a);
  }
  return { flags, positionals };
}

/** A fixed "today" for demos and tests: --today 2025-09-29 or LTC_TODAY. Time of day is noon Beijing time. */
export function clockFrom(today: string | undefined): (() => Date) | undefined {
  if (!today) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be YYYY-MM-DD, got ${today}`);
  const fixed = new Date(`${today}T04:00:00Z`);
  return () => fixed;
}
