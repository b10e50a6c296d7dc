import { PassThrough } from 'node:stream';
import { main } from '../../cli/program';
import { REPO_ROOT } from '../support/paths';

/** Runs `lint-scripts` in-process with captured output. */
export async function lintScripts(args: string[], cwd = REPO_ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(['lint-scripts', ...args], { stdout, stderr, cwd });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
