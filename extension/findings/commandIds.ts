/** Command ids of the Findings view (package.json `contributes.commands`, `menus`, `views`). */
export const FINDINGS_VIEW = 'kubeshark.findings';

export const FINDING_COMMANDS = {
  run: 'kubeshark.findings.run',
  exportEvidence: 'kubeshark.findings.exportEvidence',
  addToNotebook: 'kubeshark.findings.addToNotebook',
  openCalls: 'kubeshark.findings.openCalls',
  copyKfl: 'kubeshark.findings.copyKfl',
  exportFinding: 'kubeshark.findings.exportFinding',
  showCall: 'kubeshark.findings.showCall',
  clear: 'kubeshark.findings.clear',
} as const;
