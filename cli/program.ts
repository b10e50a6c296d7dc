import { commands } from './commands';
import { type CliIo, UsageError } from './command';

const PROGRAM = 'kubeshark-forensics';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [`Usage: ${PROGRAM} <command> [options]`, '', 'Commands:', ...lines, '', `Run '${PROGRAM} <command> --help' for a command's options.`, ''].join('\n');
}

/** Dispatches argv to a sub-command. Exit codes: 0 ok, 1 the command found problems, 2 usage error, 3 failure. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`${PROGRAM}: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${PROGRAM} ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`${PROGRAM} ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  }
}

