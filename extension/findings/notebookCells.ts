/**
 * A finding as a KFL notebook cell: its title, detail and BPF as KFL comments above the filter
 * that finds its calls, so the cell stays a valid filter and the notebook's report carries the
 * evidence. Captured text is kept to single comment lines (a line break would end the comment).
 */
import { type Finding } from '../analysis/findings/finding';
import { oneLine } from './oneLine';

const commentLine = (text: string): string => `// ${oneLine(text)}`;

export function findingCell(finding: Finding): string {
  return [
    commentLine(`Finding (${finding.severity}): ${finding.title}`),
    commentLine(finding.detail),
    ...finding.evidence.facts.map(([label, value]) => commentLine(`${label}: ${value}`)),
    ...(finding.evidence.bpf ? [commentLine(`Packets (BPF): ${finding.evidence.bpf}`)] : []),
    finding.evidence.kfl,
  ].join('\n');
}
