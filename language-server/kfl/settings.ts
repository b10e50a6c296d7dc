/** The `kubeshark.kfl.*` settings the server reads per document (package.json describes them). */
export const SECTION = 'kubeshark.kfl';

export interface KflSettings {
  validate: boolean;
  performanceHints: boolean;
  /** IANA zone for timestamps in hover and time quick fixes; '' = the server process's zone. */
  timeZone: string;
}

export const DEFAULT_SETTINGS: KflSettings = { validate: true, performanceHints: true, timeZone: '' };
