/** Command ids of the Hub connection (package.json `contributes.commands`). */
export const HUB_COMMANDS = {
  connect: 'kubeshark.hub.connect',
  setToken: 'kubeshark.hub.setToken',
  signOut: 'kubeshark.hub.signOut',
  startLocal: 'kubeshark.hub.startLocal',
  stopLocal: 'kubeshark.hub.stopLocal',
  showLog: 'kubeshark.hub.showLog',
  refresh: 'kubeshark.hub.refresh',
  quickActions: 'kubeshark.hub.quickActions',
  runTool: 'kubeshark.hub.runTool',
} as const;
