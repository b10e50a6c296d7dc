import { chromium, type Browser } from 'playwright-core';

/**
 * Flags for Debian's Chromium in a container: no sandbox (no user namespaces), no GPU, and nothing
 * that reaches the network on its own (the marketplace and Google services are unreachable here).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Chromium headless (the system one: playwright-core downloads no browser). CHROMIUM overrides its path. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** The workbench URL for `folder`, with VS Code's extension-development payload when given. */
export function workbenchUrl(serverUrl: string, folder: string, payload: ReadonlyArray<readonly [string, string]> = []): string {
  // code-server's remote authority is its host:port; extension paths are URIs on that remote.
  const url = new URL(serverUrl);
  url.pathname = '/';
  url.searchParams.set('folder', folder);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** A `vscode-remote://` URI for a path on the machine code-server runs on. */
export function remoteUri(serverUrl: string, fsPath: string): string {
  return `vscode-remote://${new URL(serverUrl).host}${fsPath}`;
}
