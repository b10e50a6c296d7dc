/**
 * The extension's Hub settings (package.json `contributes.configuration`), read in one place.
 * Non-secret only: the token lives in SecretStorage, keyed by the Hub URL (tokenStore.ts).
 */
import * as vscode from 'vscode';
import { resolveZone, type ResolvedZone } from '../time/zone';

export const SETTINGS = {
  url: 'kubeshark.hub.url',
  captureFolder: 'kubeshark.hub.captureFolder',
  localCloudFolder: 'kubeshark.hub.localCloudFolder',
  requestTimeout: 'kubeshark.hub.requestTimeout',
  timeZone: 'kubeshark.timeZone',
} as const;

export interface HubSettings {
  /** Empty: the embedded local Hub. */
  readonly url: string;
  readonly captureFolder: string;
  readonly localCloudFolder: string;
  readonly requestTimeoutMs: number;
}

export function hubSettings(): HubSettings {
  const config = vscode.workspace.getConfiguration();
  const seconds = config.get<number>(SETTINGS.requestTimeout, 60);
  return {
    url: config.get<string>(SETTINGS.url, '').trim(),
    captureFolder: config.get<string>(SETTINGS.captureFolder, '').trim(),
    localCloudFolder: config.get<string>(SETTINGS.localCloudFolder, '').trim(),
    requestTimeoutMs: Math.max(1, Number.isFinite(seconds) ? seconds : 60) * 1000,
  };
}

/** The zone times are shown and typed in: `kubeshark.timeZone`, else the system zone. */
export function timeZone(): ResolvedZone {
  return resolveZone(vscode.workspace.getConfiguration().get<string>(SETTINGS.timeZone, ''));
}

/** Whether a configuration change touches what the Hub connection is built from. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return [SETTINGS.url, SETTINGS.captureFolder, SETTINGS.localCloudFolder, SETTINGS.requestTimeout].some((s) => e.affectsConfiguration(s));
}

export function openHubSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'kubeshark.hub');
}
