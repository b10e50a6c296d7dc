import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temporary folder, removed by the returned `cleanup`. */
export function tempDir(prefix = 'hub-test-'): { dir: string; file: (name: string, data?: Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name, data) => {
      const p = path.join(dir, name);
      if (data) writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** tshark's view of every frame: one array of field values per packet (first occurrence of each). */
export function tsharkFields(file: string, fields: string[]): string[][] {
  const out = execFileSync('tshark', ['-n', '-r', file, '-T', 'fields', '-E', 'occurrence=f', '-E', 'separator=\t', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}
