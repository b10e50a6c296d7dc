import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (tests run from out/test/…, fixtures live in the source tree). */
export const REPO_ROOT = findRoot(__dirname);

/**
 * The team's shared material (`../shared` next to the repository): sample captures, capture tools,
 * specs. KUBESHARK_SHARED overrides it.
 */
export const SHARED_DIR = process.env.KUBESHARK_SHARED ?? path.resolve(REPO_ROOT, '..', 'shared');

/** Sample captures with their ground-truth manifest. */
export const CAPTURES_DIR = path.join(SHARED_DIR, 'captures');

/** Checked-in fixtures of this repository. */
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'tsconfig.base.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`repository root not found above ${start}`);
  }
}
