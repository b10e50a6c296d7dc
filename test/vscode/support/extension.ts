import * as vscode from 'vscode';
import { type ExtensionApi } from '../../../extension/main';

export const EXTENSION_ID = 'kubeshark-forensics.kubeshark-forensics';

/** Activates the extension under test (if a document has not already) and returns its API. */
export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}
