/**
 * Directives of a KFL notebook cell: `//` comments at the top of the cell that say what the cell
 * does and where its data comes from. Being KFL comments, they leave the cell a valid filter for
 * the language server and the Hub.
 *
 *   header    := (directive | blank line)*           the header ends at the first other line
 *   directive := '//' '@' name arguments
 *   arguments := (word | "quoted \"string\"")*      @window takes the rest of the line verbatim
 *
 * | directive                                       | meaning                                          |
 * |-------------------------------------------------|--------------------------------------------------|
 * | `@snapshot <id or name> [dissection]`           | query this snapshot's dissection (default: default) |
 * | `@live`                                         | query the Hub's live data                        |
 * | `@stats [top=N]`                                | get_api_stats of the filter                      |
 * | `@flows [aggregate=…] [proto=tcp\|udp] [ip=…] [ns=…] [pod=…] [svc=…]` | list_l4_flows          |
 * | `@workloads [name-regex] [ns=a,b] [kind=pod\|service]` | list_workloads                            |
 * | `@ips [ip] [ns=a,b]`                            | list_ips                                         |
 * | `@export-pcap [file]`                           | export the packets of the matching calls' connections |
 * | `@limit N`                                      | page size (calls, flows) or calls to export      |
 * | `@window <local time window>`                   | only this time window (typed in local time)      |
 *
 * Pure: problems come back with their line and columns, nothing throws.
 */

export type CellMode = 'query' | 'stats' | 'flows' | 'workloads' | 'ips' | 'export-pcap';

export type DirectiveCode =
  | 'directive/unknown'
  | 'directive/duplicate'
  | 'directive/conflict'
  | 'directive/argument'
  | 'directive/not-applicable'
  | 'directive/filter-ignored'
  | 'directive/not-at-top';

export interface DirectiveProblem {
  readonly code: DirectiveCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** 0-based line of the cell; columns in UTF-16 code units, end exclusive. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type SourceOverride =
  | { readonly kind: 'live' }
  | { readonly kind: 'snapshot'; readonly snapshot: string; readonly dissection?: string };

export interface FlowOptions {
  readonly aggregate?: 'pod' | 'namespace' | 'node' | 'service';
  readonly l4proto?: 'tcp' | 'udp';
  readonly ip?: string;
  readonly ns?: string;
  readonly pod?: string;
  readonly svc?: string;
}

export interface WorkloadOptions {
  readonly nameRegex?: string;
  readonly namespaces?: readonly string[];
  readonly kind?: 'pod' | 'service';
}

export interface IpOptions {
  readonly ip?: string;
  readonly namespaces?: readonly string[];
}

/** Text of a `@window` directive with where it stands, so a parse error points into the cell. */
export interface WindowText {
  readonly text: string;
  readonly line: number;
  readonly start: number;
}

export interface CellDirectives {
  readonly mode: CellMode;
  readonly source?: SourceOverride;
  readonly limit?: number;
  readonly window?: WindowText;
  readonly top?: number;
  readonly flows: FlowOptions;
  readonly workloads: WorkloadOptions;
  readonly ips: IpOptions;
  /** `@export-pcap` file name (relative to the notebook's folder), when given. */
  readonly exportFile?: string;
  /** Whether the text below the header holds a filter (anything but blank lines and comments). */
  readonly hasFilter: boolean;
  readonly problems: readonly DirectiveProblem[];
}

/** Directive names, for completion and did-you-mean. */
export const DIRECTIVES = ['snapshot', 'live', 'stats', 'flows', 'workloads', 'ips', 'export-pcap', 'limit', 'window'] as const;
type DirectiveName = (typeof DIRECTIVES)[number];

const MODE_OF: Partial<Record<DirectiveName, CellMode>> = { stats: 'stats', flows: 'flows', workloads: 'workloads', ips: 'ips', 'export-pcap': 'export-pcap' };

/** Largest `@limit` per mode: a Hub page for lists, more for the calls a PCAP export collects. */
export const LIMIT_RANGE: Readonly<Record<CellMode, number | undefined>> = {
  query: 1000, flows: 1000, 'export-pcap': 10_000, stats: undefined, workloads: undefined, ips: undefined,
};

/** Cells longer than this are not scanned further for directives (they can only be at the top anyway). */
const MAX_SCANNED_LINES = 10_000;
const DIRECTIVE_LINE = /^(\s*)\/\/\s*@([A-Za-z][\w-]*)/;

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Mutable {
  mode: CellMode;
  modeSeen?: { name: string; token: Token; line: number };
  source?: SourceOverride;
  sourceSeen?: { name: string; line: number };
  limit?: number;
  limitAt?: { line: number; token: Token };
  window?: WindowText;
  top?: number;
  flows: Record<string, string>;
  workloads: { nameRegex?: string; namespaces?: string[]; kind?: 'pod' | 'service' };
  ips: { ip?: string; namespaces?: string[] };
  exportFile?: string;
  seen: Set<string>;
}

export function parseDirectives(text: string): CellDirectives {
  const lines = text.split(/\r?\n/, MAX_SCANNED_LINES);
  const problems: DirectiveProblem[] = [];
  const state: Mutable = { mode: 'query', flows: Object.create(null) as Record<string, string>, workloads: {}, ips: {}, seen: new Set() };
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const match = DIRECTIVE_LINE.exec(line);
    if (!match) break;
    readDirective(line, index, match, state, problems);
  }
  let hasFilter = false;
  for (let rest = index; rest < lines.length; rest++) {
    const line = lines[rest]!;
    const trimmed = line.trimStart();
    if (trimmed === '') continue;
    const match = DIRECTIVE_LINE.exec(line);
    if (match && isDirectiveName(match[2]!)) {
      const start = match[1]!.length;
      problems.push({ code: 'directive/not-at-top', severity: 'warning', message: `'@${match[2]}' counts only at the top of the cell, before the filter; here it is a plain comment`, line: rest, start, end: line.length });
    }
    if (!trimmed.startsWith('//')) hasFilter = true;
  }
  checkApplicability(state, hasFilter, problems);
  return {
    mode: state.mode, source: state.source, limit: state.limit, window: state.window, top: state.top,
    flows: { ...state.flows } as FlowOptions, workloads: state.workloads, ips: state.ips, exportFile: state.exportFile, hasFilter, problems,
  };
}

function isDirectiveName(name: string): name is DirectiveName {
  return (DIRECTIVES as readonly string[]).includes(name);
}

function readDirective(line: string, lineIndex: number, match: RegExpExecArray, state: Mutable, problems: DirectiveProblem[]): void {
  const name = match[2]!;
  const nameStart = line.indexOf('@', match[1]!.length);
  const nameToken: Token = { text: name, start: nameStart, end: nameStart + 1 + name.length };
  const problem = (code: DirectiveCode, message: string, at: Token = nameToken, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ code, severity, message, line: lineIndex, start: at.start, end: at.end });
  };
  if (!isDirectiveName(name)) {
    const suggestion = closest(name);
    problem('directive/unknown', `Unknown directive '@${name}'${suggestion ? `; did you mean '@${suggestion}'?` : ''} Directives: ${DIRECTIVES.map((d) => `@${d}`).join(', ')}`);
    return;
  }
  if (state.seen.has(name)) {
    problem('directive/duplicate', `'@${name}' is given twice; a cell takes each directive once`);
    return;
  }
  state.seen.add(name);
  const restStart = nameToken.end;
  if (name === 'window') {
    const raw = line.slice(restStart);
    const text = raw.trim();
    if (text === '') problem('directive/argument', "'@window' needs a time window in local time, e.g. '@window yesterday 17:00-18:00' or '@window last 1h'");
    else state.window = { text, line: lineIndex, start: restStart + raw.indexOf(text) };
    return;
  }
  const tokenized = tokenize(line, restStart);
  if ('error' in tokenized) {
    problem('directive/argument', tokenized.error, tokenized.at);
    return;
  }
  const args = tokenized.tokens;
  const tooMany = (max: number): boolean => {
    if (args.length <= max) return false;
    const extra = args[max]!;
    problem('directive/argument', `'@${name}' takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`}`, { text: extra.text, start: extra.start, end: args[args.length - 1]!.end });
    return true;
  };
  const mode = MODE_OF[name];
  if (mode) {
    if (state.modeSeen) {
      problem('directive/conflict', `'@${name}' and '@${state.modeSeen.name}' both say what the cell does; keep one`);
      return;
    }
    state.modeSeen = { name, token: nameToken, line: lineIndex };
    state.mode = mode;
  }
  switch (name) {
    case 'live':
    case 'snapshot': {
      if (state.sourceSeen) {
        problem('directive/conflict', `'@${name}' and '@${state.sourceSeen.name}' both name the data source; keep one`);
        return;
      }
      state.sourceSeen = { name, line: lineIndex };
      if (name === 'live') {
        if (!tooMany(0)) state.source = { kind: 'live' };
        return;
      }
      if (args.length === 0) {
        problem('directive/argument', "'@snapshot' needs the snapshot's id or name, e.g. '@snapshot checkout-outage'");
        return;
      }
      if (tooMany(2)) return;
      state.source = { kind: 'snapshot', snapshot: args[0]!.text, dissection: args[1]?.text };
      return;
    }
    case 'limit': {
      if (args.length === 0) {
        problem('directive/argument', "'@limit' needs a number, e.g. '@limit 500'");
        return;
      }
      if (tooMany(1)) return;
      const value = args[0]!;
      if (!/^\d{1,6}$/.test(value.text) || Number(value.text) < 1) {
        problem('directive/argument', `'@limit' takes a whole number from 1, not '${value.text}'`, value);
        return;
      }
      state.limit = Number(value.text);
      state.limitAt = { line: lineIndex, token: value };
      return;
    }
    case 'stats':
      readOptions(args, { top: 'number' }, (_key, value) => { state.top = Number(value); }, problem, name, 100);
      return;
    case 'flows':
      readOptions(args, FLOW_OPTIONS, (key, value) => { state.flows[key === 'proto' ? 'l4proto' : key] = value; }, problem, name, 1000);
      return;
    case 'workloads': {
      const positional = args.filter((a) => !a.text.includes('='));
      if (positional.length > 1) problem('directive/argument', "'@workloads' takes one name pattern", positional[1]);
      else if (positional[0]) state.workloads.nameRegex = positional[0].text;
      readOptions(args.filter((a) => a.text.includes('=')), { ns: 'list', kind: ['pod', 'service'] }, (key, value) => {
        if (key === 'ns') state.workloads.namespaces = splitList(value);
        else state.workloads.kind = value as 'pod' | 'service';
      }, problem, name, 0);
      return;
    }
    case 'ips': {
      const positional = args.filter((a) => !a.text.includes('='));
      if (positional.length > 1) problem('directive/argument', "'@ips' takes one IP address", positional[1]);
      else if (positional[0]) {
        if (/^[0-9a-fA-F:.]+$/.test(positional[0].text)) state.ips.ip = positional[0].text;
        else problem('directive/argument', `'${positional[0].text}' is not an IP address`, positional[0]);
      }
      readOptions(args.filter((a) => a.text.includes('=')), { ns: 'list' }, (_key, value) => { state.ips.namespaces = splitList(value); }, problem, name, 0);
      return;
    }
    case 'export-pcap': {
      if (tooMany(1)) return;
      const file = args[0];
      if (file && !validExportName(file.text)) {
        problem('directive/argument', `'${file.text}' is not a file name inside the notebook's folder (no '..', no absolute path)`, file);
        return;
      }
      state.exportFile = file?.text;
      return;
    }
  }
}

type OptionSpec = 'text' | 'number' | 'list' | readonly string[];

const FLOW_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  aggregate: ['pod', 'namespace', 'node', 'service'], proto: ['tcp', 'udp'], ip: 'text', ns: 'text', pod: 'text', svc: 'text',
};

/** `key=value` arguments of a directive, each checked against its spec. */
function readOptions(
  args: readonly Token[], specs: Readonly<Record<string, OptionSpec>>, accept: (key: string, value: string) => void,
  problem: (code: DirectiveCode, message: string, at?: Token) => void, name: string, maxNumber: number,
): void {
  const known = Object.keys(specs);
  for (const arg of args) {
    const eq = arg.text.indexOf('=');
    const key = eq < 0 ? arg.text : arg.text.slice(0, eq);
    const value = eq < 0 ? '' : arg.text.slice(eq + 1);
    const spec = Object.prototype.hasOwnProperty.call(specs, key) ? specs[key] : undefined;
    if (spec === undefined) {
      problem('directive/argument', `'@${name}' takes ${known.map((k) => `${k}=…`).join(', ')}; not '${arg.text}'`, arg);
      continue;
    }
    if (value === '') {
      problem('directive/argument', `'${key}=' needs a value`, arg);
      continue;
    }
    if (spec === 'number' && (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > maxNumber)) {
      problem('directive/argument', `'${key}' takes a whole number from 1 to ${maxNumber}`, arg);
      continue;
    }
    if (Array.isArray(spec) && !spec.includes(value)) {
      problem('directive/argument', `'${key}' is one of ${spec.join(', ')}; not '${value}'`, arg);
      continue;
    }
    accept(key, value);
  }
}

function splitList(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

function validExportName(name: string): boolean {
  return name !== '' && !name.startsWith('/') && !/^[A-Za-z]:/.test(name) && !name.split(/[\\/]/).includes('..');
}

/** Whitespace-separated words and double-quoted strings (with `\"` and `\\`) from `from` on. */
function tokenize(line: string, from: number): { tokens: Token[] } | { error: string; at: Token } {
  const tokens: Token[] = [];
  let i = from;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      let value = '';
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        value += line[i];
      }
      if (i >= line.length) return { error: 'Unterminated quoted argument', at: { text: line.slice(start), start, end: line.length } };
      i++;
      tokens.push({ text: value, start, end: i });
      continue;
    }
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    tokens.push({ text: line.slice(start, i), start, end: i });
  }
  return { tokens };
}

/** Directives that make no sense for the cell's mode, and a filter a mode does not take. */
function checkApplicability(state: Mutable, hasFilter: boolean, problems: DirectiveProblem[]): void {
  const mode = state.mode;
  const at = state.modeSeen;
  if (state.limit !== undefined && state.limitAt) {
    const max = LIMIT_RANGE[mode];
    const { line, token } = state.limitAt;
    if (max === undefined) {
      problems.push({ code: 'directive/not-applicable', severity: 'warning', message: `'@limit' does not apply to '@${at?.name ?? mode}' cells`, line, start: token.start, end: token.end });
      state.limit = undefined;
    } else if (state.limit > max) {
      problems.push({ code: 'directive/argument', severity: 'error', message: `'@limit' is at most ${max.toLocaleString('en-US')} here`, line, start: token.start, end: token.end });
      state.limit = undefined;
    }
  }
  if ((mode === 'workloads' || mode === 'ips') && state.window && at) {
    problems.push({ code: 'directive/not-applicable', severity: 'warning', message: `'@window' does not apply to '@${at.name}' cells (identities are resolved over the whole data)`, line: state.window.line, start: state.window.start, end: state.window.start + state.window.text.length });
  }
  if ((mode === 'flows' || mode === 'workloads' || mode === 'ips') && hasFilter && at) {
    problems.push({
      code: 'directive/filter-ignored', severity: 'warning',
      message: `'@${at.name}' cells take no KFL filter (the Hub's ${mode === 'flows' ? 'list_l4_flows' : mode === 'ips' ? 'list_ips' : 'list_workloads'} has none); use the directive's arguments`,
      line: at.line, start: at.token.start, end: at.token.end,
    });
  }
}

/** The directive within edit distance 2 of `name`, if any. */
function closest(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of DIRECTIVES) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
