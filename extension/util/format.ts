/** Numbers as people read them in the tree, progress messages and tooltips. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `812 B`, `1.1 MiB`, `2.61 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${UNITS[unit]}`;
}

/** `5,301,288`. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '?';
}

/** `8.1 MiB/s` from bytes over milliseconds. */
export function formatRate(bytes: number, ms: number): string {
  return ms <= 0 ? '' : `${formatBytes((bytes * 1000) / ms)}/s`;
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`;
}
