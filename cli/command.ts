/** One sub-command of `node dist/cli.js`. Each lives in its own file under cli/ and is listed in commands.ts. */
export interface CliCommand {
  /** First word on the command line, e.g. `kfl`. */
  readonly name: string;
  /** One line for `cli --help`. */
  readonly summary: string;
  /** Full usage text for `cli <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Where a command writes; tests pass buffers instead of the process streams. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Working directory that relative paths on the command line are resolved against. */
  readonly cwd: string;
}

/** A usage error: printed with the command's usage text, exit code 2. */
export class UsageError extends Error {}
