/**
 * The HTML shell of every panel: a strict Content Security Policy (nothing by default; scripts
 * only with this load's random nonce; styles, images and fonts only from the extension's own
 * bundle folder), the view's stylesheet and script from dist/webviews, and no inline code.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../../util/escapeHtml';

/** Folders a webview may load from: the bundles and the extension's media. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
}

/** 128 random bits per document load, from the OS's cryptographic source. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The document of `view` (a folder of webviews/ built to dist/webviews/<view>.js and .css). */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: string, title: string): string {
  const nonce = newNonce();
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', file)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(asset(`${view}.css`))}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${escapeHtml(asset(`${view}.js`))}"></script>
</body>
</html>`;
}
