/** The `kubeshark.agentScripts.*` settings the server reads per document (package.json describes them). */
export const SECTION = 'kubeshark.agentScripts';

export interface AgentScriptSettings {
  /** Lint agent scripts at all. */
  enable: boolean;
  /** Script folders, relative to the workspace folder; empty = found from values files or scripts/ folders. */
  folders: string[];
  /** Helm values / CLI config files whose scripting.env names count; empty = found in the workspace. */
  valuesFiles: string[];
  /** Env names known in addition to those of values files. */
  envNames: string[];
  /** IANA zone the Hub/worker evaluates cron in (normally UTC in containers). */
  cronTimeZone: string;
}

export const DEFAULT_SETTINGS: AgentScriptSettings = {
  enable: true, folders: [], valuesFiles: [], envNames: [], cronTimeZone: 'UTC',
};

/** Keeps only the strings of list settings (a hand-edited settings.json may hold anything). */
export function sanitized(settings: AgentScriptSettings): AgentScriptSettings {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);
  return { ...settings, folders: strings(settings.folders), valuesFiles: strings(settings.valuesFiles), envNames: strings(settings.envNames) };
}
