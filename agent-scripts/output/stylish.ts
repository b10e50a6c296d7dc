import { LineMap } from '../text/lineMap';
import { type FileReport, totals } from './fileReport';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint-style text: per file, `line:col  severity  message  rule`, then a summary line. */
export function formatStylish(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    const lines = new LineMap(report.text);
    const rows = report.findings.map((f) => {
      const p = lines.position(f.start);
      return [`${p.line}:${p.column}`, f.severity, f.message, f.rule];
    });
    const width = (i: number): number => Math.max(...rows.map((r) => r[i]!.length));
    out.push(report.path);
    for (const r of rows) out.push(`  ${r[0]!.padEnd(width(0))}  ${r[1]!.padEnd(width(1))}  ${r[2]}  ${r[3]}`);
    out.push('');
  }
  const t = totals(reports);
  const problems = t.error + t.warning + t.info;
  out.push(problems === 0
    ? `✔ ${plural(reports.length, 'script')} linted, no problems`
    : `✖ ${plural(problems, 'problem')} (${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${plural(t.info, 'info')}) in ${plural(reports.length, 'script')}`);
  return `${out.join('\n')}\n`;
}
