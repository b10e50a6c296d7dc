// Entry of dist/cli.js: run the program on the process arguments.
import { main } from './program';

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exitCode = 3; },
);
