/**
 * Asking for a time window in local time: an input box that previews, as the person types, the
 * window in local time and UTC (hub-api.md §7), the ambiguities the parser resolved (DST, missing
 * date) and how it fits the data. Reusable by every feature that takes a window.
 */
import * as vscode from 'vscode';
import { type Boundaries, type TimeWindow } from '../client/model';
import { checkWindow, describeWindow } from '../time/boundaries';
import { parseWindow } from '../time/windowInput';

export interface WindowQuestion {
  readonly title: string;
  readonly zone: string;
  /** Text the box starts with (e.g. the data window rounded to minutes). */
  readonly value?: string;
  /** Checked against as the person types (data boundaries, or a snapshot's window as one node). */
  readonly boundaries?: Boundaries;
  readonly nodes?: readonly string[];
  /** When set, an empty answer is allowed and means this (e.g. "the whole snapshot"). */
  readonly emptyMeans?: string;
}

export interface WindowAnswer {
  /** Undefined when the answer was empty (see `emptyMeans`). */
  readonly window?: TimeWindow;
  readonly notes: readonly string[];
}

const EXAMPLES = 'e.g. 2026-03-14 17:00 – 18:00 · yesterday 17:00-18:00 · today 09:00-10:30 · last 1h';

/** Resolves with the answer, or undefined when the person dismissed the box. */
export function askWindow(question: WindowQuestion): Promise<WindowAnswer | undefined> {
  const box = vscode.window.createInputBox();
  box.title = question.title;
  box.placeholder = question.emptyMeans ? `Empty: ${question.emptyMeans} · ${EXAMPLES}` : EXAMPLES;
  box.prompt = `Local time, zone ${question.zone}`;
  box.ignoreFocusOut = true;
  box.value = question.value ?? '';
  let answer: WindowAnswer | undefined;

  const update = (): void => {
    const text = box.value.trim();
    answer = undefined;
    if (text === '' && question.emptyMeans) {
      answer = { notes: [] };
      box.validationMessage = { message: `Empty: ${question.emptyMeans}`, severity: vscode.InputBoxValidationSeverity.Info };
      return;
    }
    const parsed = parseWindow(text, { zone: question.zone, now: Date.now() });
    if (!parsed.ok) {
      box.validationMessage = { message: text === '' ? parsed.message : `${parsed.message} (at character ${parsed.offset + 1})`, severity: vscode.InputBoxValidationSeverity.Error };
      return;
    }
    answer = { window: parsed.window, notes: parsed.notes };
    const fit = question.boundaries ? checkWindow(parsed.window, question.boundaries, question.zone, question.nodes) : undefined;
    const warnings = [...parsed.notes, ...(fit?.message && fit.fit !== 'covers' ? [fit.message] : [])];
    // One line: the input's message does not keep line breaks.
    box.validationMessage = {
      message: [describeWindow(parsed.window, question.zone), ...warnings, ...(fit?.fit === 'covers' ? [fit.message] : [])].join('  ·  '),
      severity: warnings.length > 0 ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Info,
    };
  };

  return new Promise((resolve) => {
    const subscriptions = [
      box.onDidChangeValue(update),
      box.onDidAccept(() => {
        if (!answer) return;
        resolve(answer);
        box.hide();
      }),
      box.onDidHide(() => {
        resolve(undefined);
        for (const s of subscriptions) s.dispose();
        box.dispose();
      }),
    ];
    update();
    box.show();
  });
}
