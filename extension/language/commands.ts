/** Commands of the KFL language feature (contributed in package.json under the KFL category). */
export const RESTART_COMMAND = 'kubeshark.kfl.restartServer';
export const SHOW_OUTPUT_COMMAND = 'kubeshark.kfl.showServerOutput';
