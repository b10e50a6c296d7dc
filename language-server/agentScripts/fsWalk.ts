import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Upper bound on files listed per workspace folder, so a huge checkout cannot stall the server. */
const MAX_FILES = 20_000;

/**
 * The files below `root` that can matter for agent scripts (`.js`, `.yaml`, `.yml`), relative with
 * forward slashes; node_modules and dot folders skipped.
 */
export async function listWorkspaceFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0 && found.length < MAX_FILES) {
    const rel = pending.pop()!;
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) pending.push(child);
      } else if (entry.isFile() && /\.(js|ya?ml)$/.test(entry.name)) {
        found.push(child);
      }
    }
  }
  return found.sort();
}
