/** Command ids of the Snapshots view (package.json `contributes.commands` and `menus`). */
export const SNAPSHOT_COMMANDS = {
  create: 'kubeshark.snapshots.create',
  exportPcap: 'kubeshark.snapshots.exportPcap',
  startDissection: 'kubeshark.snapshots.startDissection',
  openApiCalls: 'kubeshark.snapshots.openApiCalls',
  uploadToCloud: 'kubeshark.snapshots.uploadToCloud',
  downloadFromCloud: 'kubeshark.snapshots.downloadFromCloud',
  copyId: 'kubeshark.snapshots.copyId',
  delete: 'kubeshark.snapshots.delete',
  refresh: 'kubeshark.snapshots.refresh',
} as const;
