import { HOOK_NAMES } from '../catalog/hooks';
import { AGENT_SCRIPT_MARKER } from '../lint/title';
import { readScriptingConfig } from './scriptingConfig';

/**
 * Which files are agent scripts (README, "What counts as an agent script"), as pure functions over
 * workspace-relative paths and a way to read a file's text, shared by the CLI and the language
 * server:
 *
 * 1. the folders named in the setting; else
 * 2. the `scripting.source`/`scripting.sources` folders of a Kubeshark values/config file in the
 *    workspace; else
 * 3. folders named `scripts` holding a `.js` file that defines a hook;
 *
 * a folder's `.js` files count (its direct children, as `kubeshark scripts` syncs them), and so does
 * any `.js` file whose first line is the marker comment `// kubeshark-agent-script`.
 */
export interface DiscoveryInput {
  /** Workspace-relative paths with forward slashes. */
  readonly paths: readonly string[];
  /** Text of a file; asked only for candidate values files and `.js` files. Undefined if unreadable. */
  readonly read: (path: string) => string | undefined;
  /** The first line of a file (for the marker check of every `.js` file); defaults to `read`. */
  readonly readFirstLine?: (path: string) => string | undefined;
  /** Script folders from the setting; when non-empty they replace steps 2 and 3. */
  readonly folders?: readonly string[];
  /** Values/config files chosen by the person (setting or `--values`); else candidates are searched. */
  readonly valuesFiles?: readonly string[];
  /** Env names listed in the setting. */
  readonly envNames?: readonly string[];
  /** Absolute workspace root, to map absolute `scripting.source` paths into the workspace. */
  readonly root?: string;
}

export interface Discovery {
  /** The agent scripts, sorted. */
  readonly scripts: readonly string[];
  readonly folders: readonly string[];
  /** Values/config files that have a `scripting` section. */
  readonly configFiles: readonly string[];
  /** Known env names; undefined when neither the setting nor a values file provides any source. */
  readonly envNames: ReadonlySet<string> | undefined;
}

const HOOK_DEFINITION = new RegExp(`^[ \\t]*function[ \\t]+(?:${HOOK_NAMES.join('|')})[ \\t]*\\(`, 'm');
const IGNORED_DIR = /(^|\/)(node_modules|\.git)(\/|$)/;
const CANDIDATE_CONFIG = /(^|\/)[^/]*(values|kubeshark|config)[^/]*\.ya?ml$/i;

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const isJs = (path: string): boolean => path.endsWith('.js') && !IGNORED_DIR.test(path);

/** Whether a script opts in with the marker on its first line. */
export function hasAgentScriptMarker(text: string): boolean {
  const first = text.split(/\r?\n/, 1)[0]!.trim();
  return first === `// ${AGENT_SCRIPT_MARKER}` || first === `/* ${AGENT_SCRIPT_MARKER} */` || first === `//${AGENT_SCRIPT_MARKER}`;
}

/** Whether a script defines a hook (a top-level `function onItemCaptured(` and the like). */
export function definesHook(text: string): boolean {
  return HOOK_DEFINITION.test(text);
}

/** Normalises a folder to workspace-relative form: no `./`, no trailing slash; undefined if outside. */
export function workspaceFolder(folder: string, base: string, root: string | undefined): string | undefined {
  let path = folder.replace(/\\/g, '/');
  if (path.startsWith('/')) {
    const r = root?.replace(/\\/g, '/').replace(/\/+$/, '');
    if (!r || (path !== r && !path.startsWith(`${r}/`))) return undefined;
    path = path.slice(r.length + 1);
  } else if (base) {
    path = `${base}/${path}`;
  }
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

export function discoverAgentScripts(input: DiscoveryInput): Discovery {
  const configFiles: string[] = [];
  const envNames = new Set<string>(input.envNames ?? []);
  let envConfigured = (input.envNames ?? []).length > 0;
  const sourceFolders: string[] = [];
  const candidates = input.valuesFiles ?? input.paths.filter((p) => CANDIDATE_CONFIG.test(p) && !IGNORED_DIR.test(p));
  for (const file of candidates) {
    const text = input.read(file);
    const config = text === undefined ? undefined : readScriptingConfig(text);
    if (!config) continue;
    configFiles.push(file);
    envConfigured = true;
    for (const name of config.envNames) envNames.add(name);
    for (const source of config.sources) {
      const folder = workspaceFolder(source, dirOf(file), input.root);
      if (folder !== undefined) sourceFolders.push(folder);
    }
  }
  const jsFiles = input.paths.filter(isJs);
  const hasFilesIn = (folder: string): boolean => jsFiles.some((p) => dirOf(p) === folder);
  let folders = (input.folders ?? []).map((f) => workspaceFolder(f, '', input.root)).filter((f): f is string => f !== undefined);
  if (folders.length === 0) folders = sourceFolders.filter(hasFilesIn);
  if (folders.length === 0) folders = scriptsFoldersWithHooks(jsFiles, input.read);
  const inFolder = new Set(folders);
  const firstLine = input.readFirstLine ?? input.read;
  const scripts = jsFiles.filter((p) => inFolder.has(dirOf(p)) || hasAgentScriptMarker(firstLine(p) ?? ''));
  return {
    scripts: [...new Set(scripts)].sort(),
    folders: [...inFolder].sort(),
    configFiles,
    envNames: envConfigured ? envNames : undefined,
  };
}

function scriptsFoldersWithHooks(jsFiles: readonly string[], read: (path: string) => string | undefined): string[] {
  const folders = new Set<string>();
  for (const path of jsFiles) {
    const dir = dirOf(path);
    if (dir.split('/').pop() !== 'scripts' || folders.has(dir)) continue;
    if (definesHook(read(path) ?? '')) folders.add(dir);
  }
  return [...folders];
}
