/** Six-field equivalents of cron descriptors, for the jobs/cron-descriptor message and fix. */
const NAMED: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

// `@hourly` gives `0 0 * * * *`, `@every 5s` every fifth second; undefined when no six-field form exists.
export function sixFieldEquivalent(descriptor: string): string | undefined {
  const text = descriptor.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(NAMED, text)) return NAMED[text];
  const every = /^@every\s+(\d+)\s*([smh])$/.exec(text);
  if (!every) return undefined;
  const n = Number(every[1]);
  const unit = every[2];
  const step = (limit: number): string | undefined => (n >= 1 && n <= limit && limit % n === 0 ? (n === 1 ? '*' : `*/${n}`) : undefined);
  if (unit === 's') { const s = step(60); return s && `${s} * * * * *`; }
  if (unit === 'm') { const s = step(60); return s && `0 ${s} * * * *`; }
  const s = step(24);
  return s && `0 0 ${s} * * *`;
}
