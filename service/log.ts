/** English log lines on stderr; the UI gets the Chinese messages. Quiet under tests unless LTC_LOG is set. */
const quiet = process.env.VITEST !== undefined && !process.env.LTC_LOG;

function line(level: string, msg: string, err?: unknown) {
  if (quiet && level !== 'ERROR') return;
  const extra = err instanceof Error ? ` ${err.stack ?? err.message}` : err !== undefined ? ` ${String(err)}` : '';
  process.stderr.write(`${new Date().toISOString()} ${level} ${msg}${extra}\n`);
}

export const log = {
  info: (m: string) => line('INFO', m),
  warn: (m: string) => line('WARN', m),
  error: (m: string, e?: unknown) => line('ERROR', m, e),
};
