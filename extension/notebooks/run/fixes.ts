/**
 * The commands an error output may offer as a fix. VS Code opens `command:` links of notebook
 * outputs only for a short allow-list of its own (workbench.action.openSettings among them), so
 * the renderer shows our fixes as buttons and the host runs one only if it is in this list.
 */
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { HUB_COMMANDS } from '../../connection/commandIds';
import { NOTEBOOK_COMMANDS } from '../commandIds';

const OPEN_SETTINGS = 'workbench.action.openSettings';

export const FIX_COMMANDS: ReadonlySet<string> = new Set([
  HUB_COMMANDS.connect, HUB_COMMANDS.setToken, HUB_COMMANDS.startLocal, HUB_COMMANDS.showLog, HUB_COMMANDS.refresh,
  NOTEBOOK_COMMANDS.selectDataSource, NOTEBOOK_COMMANDS.bindToConnectedHub, NOTEBOOK_COMMANDS.startDissectionAndRun, NOTEBOOK_COMMANDS.runAnyway,
  OPEN_SETTINGS,
]);

type Action = NotebookOutput.Action;

export const fix = {
  connect: (url?: string): Action => (url === undefined
    ? { label: 'Connect to Hub…', command: HUB_COMMANDS.connect }
    : { label: url === '' ? 'Use the local Hub' : `Connect to ${url}`, command: HUB_COMMANDS.connect, args: [url] }),
  setToken: (): Action => ({ label: 'Set Token…', command: HUB_COMMANDS.setToken }),
  startLocal: (): Action => ({ label: 'Start Local Hub', command: HUB_COMMANDS.startLocal }),
  showLog: (): Action => ({ label: 'Show Hub Log', command: HUB_COMMANDS.showLog }),
  refreshHub: (): Action => ({ label: 'Refresh Hub', command: HUB_COMMANDS.refresh }),
  hubSettings: (): Action => ({ label: 'Open Hub Settings', command: OPEN_SETTINGS, args: ['kubeshark.hub'] }),
  selectSource: (notebook: string): Action => ({ label: 'Select Data Source…', command: NOTEBOOK_COMMANDS.selectDataSource, args: [notebook] }),
  bindToConnected: (notebook: string): Action => ({ label: 'Bind the Notebook to the Connected Hub', command: NOTEBOOK_COMMANDS.bindToConnectedHub, args: [notebook] }),
  startDissection: (cell: string, snapshotId: string, dissection: string): Action => ({
    label: 'Start Dissection and Run', command: NOTEBOOK_COMMANDS.startDissectionAndRun, args: [{ cell, snapshotId, dissection }],
  }),
  runAnyway: (cell: string): Action => ({ label: 'Send Anyway', command: NOTEBOOK_COMMANDS.runAnyway, args: [cell] }),
};
