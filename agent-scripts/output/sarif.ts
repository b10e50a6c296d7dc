import { RULE_IDS, RULES, type RuleId, type Severity } from '../rules';
import { LineMap } from '../text/lineMap';
import { type FileReport } from './fileReport';

/** SARIF levels: spec severities map error → error, warning → warning, info → note. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  readonly toolName: string;
  readonly version: string;
  readonly informationUri?: string;
}

interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, …). */
function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `es5/no-let-const` → `Es5NoLetConst` (SARIF rule names are identifiers). */
function ruleName(id: string): string {
  return id.split(/[/-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function help(id: RuleId): string {
  const info = RULES[id];
  return `${info.summary}\n\nSeverity: ${info.severity} (errors block the sync to the cluster). Suppress one line with ` +
    `\`// agent-lint-disable-next-line ${id}\`, a whole file with \`/* agent-lint-disable ${id} */\`.`;
}

/**
 * A SARIF 2.1.0 log for GitHub code scanning: every rule with id, help and default level;
 * results with level, message and a region in UTF-16 columns (declared via `columnKind`). Artifact
 * URIs are relative to `%SRCROOT%`, the folder the command ran in. No code snippets are included,
 * so secrets found in scripts never leave the repository through the report.
 */
export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const ruleIndex = new Map(RULE_IDS.map((id, i) => [id, i]));
  const results = reports.flatMap((report, artifactIndex) => {
    const lines = new LineMap(report.text);
    const region = (start: number, end: number): Region => {
      const s = lines.position(start);
      const e = lines.position(end);
      return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
    };
    const location = { uri: artifactUri(report.path), uriBaseId: '%SRCROOT%', index: artifactIndex };
    return report.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(f.start, f.end) } }],
      ...(f.fixes.length > 0 ? {
        fixes: f.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [{
            artifactLocation: location,
            replacements: fix.edits.map((e) => ({ deletedRegion: region(e.start, e.end), insertedContent: { text: e.newText } })),
          }],
        })),
      } : {}),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: options.toolName,
          version: options.version,
          ...(options.informationUri ? { informationUri: options.informationUri } : {}),
          rules: RULE_IDS.map((id) => ({
            id,
            name: ruleName(id),
            shortDescription: { text: RULES[id].summary },
            fullDescription: { text: RULES[id].summary },
            help: { text: help(id), markdown: help(id) },
            defaultConfiguration: { level: LEVEL[RULES[id].severity] },
            properties: { tags: [id.split('/')[0]!, ...(id.startsWith('security/') ? ['security'] : [])], precision: 'high' },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      artifacts: reports.map((r) => ({ location: { uri: artifactUri(r.path), uriBaseId: '%SRCROOT%' }, mimeType: 'text/javascript' })),
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
