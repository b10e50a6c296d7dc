/**
 * An input box that can come back with an error at a position: the Hub validates some input only
 * when it is used (a BPF filter at export time), so the box re-opens with the Hub's message and
 * the cursor where the Hub pointed.
 */
import * as vscode from 'vscode';

export interface TextQuestion {
  readonly title: string;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value: string;
  /** An error from the last attempt, shown at once. */
  readonly error?: string;
  /** Where to put the cursor (the error's offset). */
  readonly cursor?: number;
}

export function askText(question: TextQuestion): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = question.title;
  box.prompt = question.prompt;
  box.placeholder = question.placeholder;
  box.value = question.value;
  box.ignoreFocusOut = true;
  if (question.cursor !== undefined) {
    const at = Math.min(question.cursor, question.value.length);
    box.valueSelection = [at, at];
  }
  let error = question.error;
  box.validationMessage = error;
  return new Promise((resolve) => {
    const subscriptions = [
      box.onDidChangeValue(() => {
        // The Hub's message is about the text it saw; once edited, it no longer applies.
        if (error !== undefined) {
          error = undefined;
          box.validationMessage = undefined;
        }
      }),
      box.onDidAccept(() => {
        resolve(box.value);
        box.hide();
      }),
      box.onDidHide(() => {
        resolve(undefined);
        for (const s of subscriptions) s.dispose();
        box.dispose();
      }),
    ];
    box.show();
  });
}
