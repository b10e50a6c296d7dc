import { type Finding } from '../types';

/** One linted file, as the formatters receive it. */
export interface FileReport {
  /** Path as shown and as the SARIF artifact URI: relative, forward slashes. */
  readonly path: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

export interface Totals {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const count = { error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const f of r.findings) count[f.severity]++;
  return count;
}
