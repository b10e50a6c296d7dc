/** The `kubeshark.kfl.*` settings the server reads per document (package.json describes them). */
export const SECTION = 'kubeshark.kfl';

export interface KflSettings {
  validate: boolean;
  performanceHints: boolean;
}

export const DEFAULT_SETTINGS: KflSettings = { validate: true, performanceHints: true };
