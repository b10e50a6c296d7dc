import { type Dirent, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type CaptureFileError } from '../../protocol/hubApi';
import { type CaptureError } from '../capture/packet';
import { type CaptureSummary, scanCapture } from '../capture/scan';

const CAPTURE_EXTENSIONS = new Set(['.pcap', '.pcapng', '.cap']);
/** Folder entries looked at per listing; a larger folder is cut (and says so in the log). */
const MAX_ENTRIES = 100_000;

export interface CaptureFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the captures folder, with `/` separators (used in messages). */
  relative: string;
  size: number;
  mtimeMs: number;
  summary: CaptureSummary;
}

export interface CaptureNode {
  name: string;
  files: CaptureFile[];
  /** Smallest and largest packet time over the node's files (Unix ms); null without packets. */
  oldestMs: number | null;
  newestMs: number | null;
}

/** A damaged or unreadable capture file, for answers that must say which file and where. */
export type CaptureProblem = CaptureFileError;

/**
 * The captures folder as Hub nodes (hub-api.md §3.2): a file directly in the folder is its own
 * node (named after the file without extension); every capture file in a first-level
 * sub-folder belongs to the node named after the folder; deeper files are ignored.
 *
 * Each `nodes()` call lists the folder again, so new files appear without a restart; a file is
 * read through only when its (size, mtime) changed since the last scan.
 */
export class CaptureIndex {
  private readonly cache = new Map<string, CaptureFile>();

  constructor(readonly root: string) {}

  nodes(): CaptureNode[] {
    const byName = new Map<string, CaptureFile[]>();
    const add = (name: string, file: CaptureFile | null): void => {
      if (!file) return;
      const list = byName.get(name);
      if (list) list.push(file);
      else byName.set(name, [file]);
    };
    const seen = new Set<string>();
    for (const entry of listDir(this.root)) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(this.root, entry.name);
      const kind = kindOf(entry, full);
      if (kind === 'dir') {
        for (const inner of listDir(full)) {
          const innerPath = path.join(full, inner.name);
          if (isCapture(inner.name) && kindOf(inner, innerPath) === 'file') add(entry.name, this.file(innerPath, seen));
        }
      } else if (kind === 'file' && isCapture(entry.name)) {
        add(path.basename(entry.name, path.extname(entry.name)), this.file(full, seen));
      }
    }
    for (const key of this.cache.keys()) if (!seen.has(key)) this.cache.delete(key);
    return [...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, files]) => nodeOf(name, files.sort((a, b) => (a.relative < b.relative ? -1 : 1))));
  }

  /** Damaged or unreadable files among `nodes`. */
  static problems(nodes: readonly CaptureNode[]): CaptureProblem[] {
    return nodes.flatMap((n) => n.files.flatMap((f) => (f.summary.error ? [problemOf(f, f.summary.error)] : [])));
  }

  private file(full: string, seen: Set<string>): CaptureFile | null {
    let st;
    try {
      st = statSync(full);
    } catch {
      return null; // removed between listing and stat
    }
    seen.add(full);
    const cached = this.cache.get(full);
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) return cached;
    const file: CaptureFile = {
      path: full, relative: path.relative(this.root, full).split(path.sep).join('/'), size: st.size, mtimeMs: st.mtimeMs, summary: scanCapture(full),
    };
    this.cache.set(full, file);
    return file;
  }
}

export function problemOf(file: Pick<CaptureFile, 'relative'>, error: CaptureError): CaptureProblem {
  return { file: file.relative, offset: error.offset, code: error.code, message: error.message.replace(error.file, file.relative) };
}

function nodeOf(name: string, files: CaptureFile[]): CaptureNode {
  let oldestMs: number | null = null;
  let newestMs: number | null = null;
  for (const f of files) {
    const s = f.summary;
    if (s.minMs !== null && (oldestMs === null || s.minMs < oldestMs)) oldestMs = s.minMs;
    if (s.maxMs !== null && (newestMs === null || s.maxMs > newestMs)) newestMs = s.maxMs;
  }
  return { name, files, oldestMs, newestMs };
}

function isCapture(name: string): boolean {
  return !name.startsWith('.') && CAPTURE_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Folder or regular file, following symbolic links (people link captures into the folder). */
function kindOf(entry: Dirent, full: string): 'dir' | 'file' | null {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return null;
  try {
    const st = statSync(full);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : null;
  } catch {
    return null; // dangling link
  }
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  } catch {
    return [];
  }
}
