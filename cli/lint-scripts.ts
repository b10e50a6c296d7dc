import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  discoverAgentScripts, type FileReport, formatJson, formatSarif, formatStylish, lintWorkspace, readScriptingConfig, totals,
} from '../agent-scripts/index';
import { type CliCommand, type CliIo, UsageError } from './command';

const USAGE = `Usage: kubeshark-forensics lint-scripts PATHS… [--format stylish|json|sarif] [--values FILE]… [--env NAMES] [-o FILE]

Lints Kubeshark Network Agent scripts (ES5 with hooks and helpers). PATHS are script files or
folders: a folder's own *.js files are scripts (as \`kubeshark scripts\` syncs them), and scripts
deeper in it are found as the editor finds them (the scripting.source/sources folders of a values
file, scripts/ folders with a hook, files whose first line is // kubeshark-agent-script). Titles
and job tags are checked across everything linted together.

  --format FORMAT  stylish (default), json, or sarif (SARIF 2.1.0 for GitHub code scanning)
  --values FILE    Kubeshark Helm values or CLI config: env.NAME references are checked against
                   its scripting.env keys (names only), and with no PATHS its scripting.source(s)
                   folders are linted; repeatable
  --env NAMES      comma-separated env names known in addition
  -o, --output F   write the report to F instead of standard output

Without --values or --env, values files found inside the folders supply the env names; with none
at all, env names are not checked.

Exit codes: 0 no errors (warnings and infos allowed), 1 errors found, 2 usage error, 3 failure.`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** Folders deeper than this, or with more entries in total, are not searched further. */
const MAX_WALK_ENTRIES = 100_000;
/** Larger files are not scripts anyone syncs; they are reported instead of parsed. */
const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

interface Args {
  paths: string[];
  format: Format;
  values: string[];
  env: string[];
  output: string | undefined;
}

function parseArgs(argv: string[], cwd: string): Args {
  const args: Args = { paths: [], format: 'stylish', values: [], env: [], output: undefined };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format' || a === '-f') {
      const f = value(i++, a);
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
      args.format = f as Format;
    } else if (a === '--values') args.values.push(path.resolve(cwd, value(i++, a)));
    else if (a === '--env') args.env.push(...value(i++, a).split(',').map((s) => s.trim()).filter(Boolean));
    else if (a === '-o' || a === '--output') args.output = path.resolve(cwd, value(i++, a));
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(path.resolve(cwd, a));
  }
  return args;
}

/** Every file below a folder (relative, forward slashes), skipping node_modules and dot folders. */
function walk(root: string): string[] {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0 && found.length < MAX_WALK_ENTRIES) {
    const rel = pending.pop()!;
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) pending.push(child);
      } else if (entry.isFile()) found.push(child);
    }
  }
  return found;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface Collected {
  readonly files: Set<string>;
  /** Env names from values files found inside the folders (used when none were given). */
  readonly foundEnv: Set<string>;
  foundConfig: boolean;
}

function collectFolder(folder: string, into: Collected): void {
  const paths = walk(folder);
  for (const rel of paths) if (!rel.includes('/') && rel.endsWith('.js')) into.files.add(path.join(folder, rel));
  const discovery = discoverAgentScripts({ paths, read: (rel) => readText(path.join(folder, rel)), root: folder });
  for (const rel of discovery.scripts) into.files.add(path.join(folder, rel));
  if (discovery.configFiles.length > 0) {
    into.foundConfig = true;
    for (const name of discovery.envNames ?? []) into.foundEnv.add(name);
  }
}

/** Reads --values files: their env names, and their source folders (resolved against the file). */
function readValues(files: readonly string[]): { envNames: string[]; sources: string[] } {
  const envNames: string[] = [];
  const sources: string[] = [];
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) throw new UsageError(`cannot read values file ${file}`);
    const config = readScriptingConfig(text);
    if (!config) throw new UsageError(`${file} has no scripting section`);
    envNames.push(...config.envNames);
    sources.push(...config.sources.map((s) => path.resolve(path.dirname(file), s)));
  }
  return { envNames, sources };
}

/** Display path: relative to the working folder with forward slashes when inside it. */
function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

export const lintScriptsCommand: CliCommand = {
  name: 'lint-scripts',
  summary: 'Lint Network Agent scripts (ES5, hooks, helpers, cron, env, secrets); SARIF for CI',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, io.cwd);
    const values = readValues(args.values);
    const roots = args.paths.length > 0 ? args.paths : values.sources;
    if (roots.length === 0) throw new UsageError('no scripts or folders given (and no --values file with scripting.source)');
    const collected: Collected = { files: new Set(), foundEnv: new Set(), foundConfig: false };
    for (const root of roots) {
      let stat;
      try {
        stat = statSync(root);
      } catch {
        throw new UsageError(`no such file or folder: ${root}`);
      }
      if (stat.isDirectory()) collectFolder(root, collected);
      else collected.files.add(root);
    }
    const given = args.values.length > 0 || args.env.length > 0;
    const envNames = given ? new Set([...values.envNames, ...args.env]) : collected.foundConfig ? collected.foundEnv : undefined;

    const scripts: { path: string; text: string }[] = [];
    let unreadable = 0;
    for (const file of [...collected.files].sort()) {
      const text = readText(file);
      if (text === undefined || Buffer.byteLength(text) > MAX_SCRIPT_BYTES) {
        io.stderr.write(`${displayPath(io.cwd, file)}: ${text === undefined ? 'cannot be read' : 'larger than 4 MiB; not linted'}\n`);
        unreadable++;
        continue;
      }
      scripts.push({ path: displayPath(io.cwd, file), text });
    }
    const results = lintWorkspace(scripts, { envNames });
    const reports: FileReport[] = scripts.map((s) => ({ path: s.path, text: s.text, findings: results.get(s.path) ?? [] }));
    const output = args.format === 'json' ? formatJson(reports)
      : args.format === 'sarif' ? formatSarif(reports, { toolName: 'kubeshark-agent-lint', version: '0.1.0' })
      : formatStylish(reports);
    if (args.output) writeFileSync(args.output, output);
    else io.stdout.write(output);
    return totals(reports).error > 0 || unreadable > 0 ? 1 : 0;
  },
};
