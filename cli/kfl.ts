import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type KflDiagnostic, analyze, lineColumnOf, messageOf } from '../kfl/index';
import { type CliCommand, UsageError } from './command';

const USAGE = `Usage: kubeshark-forensics kfl check [--json] [--time-zone ZONE] (EXPR | --file FILE)

Checks a KFL2 filter (spec/kfl.md) with the same analysis as the language server and the local
Hub, and prints one diagnostic per line: \`line:col severity code message\` (1-based line and
column). --json prints {"diagnostics": [...]} with line/column, end, message and quick fixes.
--time-zone names the IANA zone used where a quick fix shows local time (default: this machine's).

Exit codes: 0 no errors (warnings and infos allowed), 1 the filter has errors, 2 usage error,
3 failure (e.g. the file cannot be read).`;

interface Args {
  json: boolean;
  timeZone: string | undefined;
  text: string;
}

function parseArgs(argv: string[], cwd: string): Args {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new UsageError(sub === undefined ? 'missing sub-command (check)' : `unknown sub-command '${sub}'`);
  let json = false;
  let timeZone: string | undefined;
  let file: string | undefined;
  const expressions: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') json = true;
    else if (arg === '--file') file = value();
    else if (arg === '--time-zone') timeZone = value();
    else if (arg === '--') expressions.push(...rest.splice(i + 1));
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else expressions.push(arg);
  }
  if ((file === undefined) === (expressions.length === 0)) throw new UsageError('give either a filter expression or --file FILE');
  if (expressions.length > 1) throw new UsageError('give the filter as one argument (quote it)');
  const text = file !== undefined ? readFileSync(path.resolve(cwd, file), 'utf8') : expressions[0];
  return { json, timeZone, text };
}

export const kflCommand: CliCommand = {
  name: 'kfl',
  summary: 'Check a KFL2 filter and print its diagnostics',
  usage: USAGE,
  async run(argv, io) {
    const { json, timeZone, text } = parseArgs(argv, io.cwd);
    const { diagnostics } = analyze(text, { timeZone });
    io.stdout.write(json ? `${JSON.stringify({ diagnostics: diagnostics.map((d) => toJson(text, d)) }, null, 2)}\n` : diagnostics.map((d) => `${toLine(text, d)}\n`).join(''));
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};

function toLine(text: string, d: KflDiagnostic): string {
  const { line, column } = lineColumnOf(text, d.start);
  return `${line}:${column} ${d.severity} ${d.code} ${messageOf(d)}`;
}

function toJson(text: string, d: KflDiagnostic): object {
  const start = lineColumnOf(text, d.start);
  const end = lineColumnOf(text, d.end);
  return {
    line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
    severity: d.severity, code: d.code, message: messageOf(d), start: d.start, end: d.end, args: d.args, fixes: d.fixes,
  };
}
