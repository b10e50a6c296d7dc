import { type CliCommand } from './command';
import { dissectCommand } from './dissect';
import { exportCommand } from './export';
import { hubCommand } from './hub';
import { kflCommand } from './kfl';
import { lintScriptsCommand } from './lint-scripts';

/**
 * Every sub-command, in the order `--help` lists them. A new command is one file under cli/ plus
 * one line here.
 */
export const commands: readonly CliCommand[] = [
  hubCommand,
  exportCommand,
  dissectCommand,
  lintScriptsCommand,
  kflCommand,
];
