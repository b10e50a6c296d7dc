/** Ids of the notebook feature (package.json `contributes.notebooks`, `notebookRenderer`, `commands`). */

export const NOTEBOOK_TYPE = 'kubeshark-kfl-notebook';
export const CONTROLLER_ID = 'kubeshark-kfl-controller';

export const NOTEBOOK_COMMANDS = {
  newNotebook: 'kubeshark.notebook.new',
  /** `{snapshotId?, dissection?, kfl?}`, a Snapshots tree node, or nothing. */
  openInNotebook: 'kubeshark.openInNotebook',
  selectDataSource: 'kubeshark.notebook.selectDataSource',
  keepOutputs: 'kubeshark.notebook.keepOutputs',
  stopKeepingOutputs: 'kubeshark.notebook.stopKeepingOutputs',
  exportReport: 'kubeshark.notebook.exportReport',
  bindToConnectedHub: 'kubeshark.notebook.bindToConnectedHub',
  startDissectionAndRun: 'kubeshark.notebook.startDissectionAndRun',
  runAnyway: 'kubeshark.notebook.runAnyway',
  unpinCalls: 'kubeshark.notebook.unpinCalls',
} as const;

/** Context key: the active notebook editor's notebook keeps its outputs in the file. */
export const KEEPS_OUTPUTS_CONTEXT = 'kubeshark.notebook.keepsOutputs';
