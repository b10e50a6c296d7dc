// The extension's composition root: activation wires one feature after another; each feature
// lives in its own folder and registers its disposables on the context.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features register here.
}

export function deactivate(): void {
  // Every feature's resources are disposed through context.subscriptions.
}
