import { LineMap } from '../text/lineMap';
import { type FileReport } from './fileReport';

/** Machine-readable report: findings with offsets and 1-based line/column ranges, fixes included. */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(reports.map((report) => {
    const lines = new LineMap(report.text);
    const range = (start: number, end: number) => {
      const s = lines.position(start);
      const e = lines.position(end);
      return { start, end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
    };
    return {
      path: report.path,
      findings: report.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        ...range(f.start, f.end),
        fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ ...range(e.start, e.end), newText: e.newText })) })),
      })),
    };
  }), null, 2)}\n`;
}
