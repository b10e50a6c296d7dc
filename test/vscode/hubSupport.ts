/**
 * Helpers of the in-host Hub, Snapshots and Export suites: the extension's activation API, a
 * captures folder of the test's own for the embedded local Hub, settings, and waiting for events
 * (connection state, tree changes) instead of time.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { type ConnectionState } from '../../extension/connection/hubConnection';
import { type ExtensionApi } from '../../extension/main';

export const EXTENSION_ID = 'kubeshark-forensics.kubeshark-forensics';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

const HUB_SETTINGS = ['kubeshark.hub.url', 'kubeshark.hub.captureFolder', 'kubeshark.hub.localCloudFolder', 'kubeshark.timeZone'];

/** Removes the Hub settings a suite set, so later suites (and the UI suite) start from the defaults. */
export async function resetHubSettings(): Promise<void> {
  for (const key of HUB_SETTINGS) await setSetting(key, undefined);
}

/** A temporary folder holding copies of `files`. */
export function capturesFolder(files: readonly string[]): string {
  const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'vscode-hub-')), 'captures');
  mkdirSync(folder);
  for (const file of files) copyFileSync(file, path.join(folder, path.basename(file)));
  return folder;
}

/**
 * Points the embedded local Hub at `folder` and connects to it through the Connect command;
 * resolves once the Check Hub procedure has passed.
 */
export async function connectLocal(api: ExtensionApi, folder: string): Promise<void> {
  await setSetting('kubeshark.hub.captureFolder', folder);
  await vscode.commands.executeCommand('kubeshark.hub.connect', '');
  const state = api.hub.connection.state;
  if (state.phase !== 'connected') throw new Error(`not connected: ${state.phase} ${state.error?.message ?? ''}`);
}

/** Resolves with the first connection state that satisfies `predicate` (the current one included). */
export function connectionState(api: ExtensionApi, predicate: (state: ConnectionState) => boolean): Promise<ConnectionState> {
  return new Promise((resolve) => {
    if (predicate(api.hub.connection.state)) return resolve(api.hub.connection.state);
    const subscription = api.hub.connection.onDidChangeState((state) => {
      if (!predicate(state)) return;
      subscription.dispose();
      resolve(state);
    });
  });
}

/** Resolves once `predicate` holds, checked now and after each event of `event`. */
export function until<T>(event: vscode.Event<T>, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const subscription = event(() => {
      if (!predicate()) return;
      subscription.dispose();
      resolve();
    });
  });
}

/** Resolves when the Snapshots tree has signalled a change after which `predicate` holds. */
export function snapshotsTreeUntil(api: ExtensionApi, predicate: () => boolean): Promise<void> {
  return until(api.snapshots.snapshotsTree.onDidChangeTreeData, predicate);
}

type Window = typeof vscode.window;

/**
 * Replaces one `vscode.window` function for the duration of a test (what a person would answer
 * or see); returns the calls seen and a restore function.
 */
export function stubWindow<K extends keyof Window>(name: K, replacement: Window[K]): { calls: unknown[][]; restore: () => void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  const calls: unknown[][] = [];
  window[name] = (...args: unknown[]) => {
    calls.push(args);
    return (replacement as unknown as (...a: unknown[]) => unknown)(...args);
  };
  return { calls, restore: () => { window[name] = original; } };
}
