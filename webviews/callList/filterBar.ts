/**
 * The KFL filter bar: the language server checks the text as it is typed (kfl/analyze through the
 * host); problems are listed under the bar with the offending range highlighted in a copy of the
 * filter, and clicking one selects that range in the input. Enter runs the filter; when the host
 * refuses one with errors, "Send Anyway" sends it regardless. The rows on screen stay meanwhile.
 */
import { type FilterDiagnostic } from '../../protocol/webviewMessages';
import { clear, h } from '../common/dom';
import { appendVisible } from '../common/visibleText';

/** Pause in typing after which the filter is checked. */
const ANALYZE_DELAY_MS = 200;

export interface FilterBarEvents {
  analyze(text: string): Promise<{ diagnostics: FilterDiagnostic[]; hasErrors: boolean }>;
  run(text: string, force: boolean): void;
  changed(text: string): void;
}

export class FilterBar {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly _problems: HTMLElement;
  private readonly _anyway: HTMLButtonElement;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  /** Checks answer out of order; only the latest one is shown. */
  private _generation = 0;

  constructor(private readonly _events: FilterBarEvents, initial: string) {
    this.input = h('input', {
      class: 'filter-input',
      attrs: { type: 'text', spellcheck: 'false', placeholder: 'KFL filter, e.g. http && status_code >= 500 (Enter runs it; empty = every call)', 'aria-label': 'KFL filter' },
    });
    this.input.value = initial;
    const run = h('button', { class: 'button primary', plain: 'Run', title: 'Run the filter (Enter)', onClick: () => this._events.run(this.input.value, false) });
    this._anyway = h('button', { class: 'button secondary', plain: 'Send Anyway', title: 'Send the filter to the Hub although the language server found errors', onClick: () => this._events.run(this.input.value, true) });
    this._anyway.hidden = true;
    this._problems = h('div', { class: 'filter-problems', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.element = h('div', { class: 'filter-bar' }, h('div', { class: 'filter-row' }, this.input, run, this._anyway), this._problems);
    this.input.addEventListener('input', () => {
      this._events.changed(this.input.value);
      this._scheduleAnalyze();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      this._events.run(this.input.value, false);
    });
  }

  /** Checks the current text now (on load, and after the host refused a filter). */
  analyzeNow(): void {
    clearTimeout(this._timer);
    const text = this.input.value;
    const generation = ++this._generation;
    this._events.analyze(text).then(
      (result) => {
        if (generation === this._generation && text === this.input.value) this.show(text, result.diagnostics, false);
      },
      () => undefined,
    );
  }

  /** Shows problems of `text`; `refused` adds "Send Anyway" (the host would not run it). */
  show(text: string, diagnostics: readonly FilterDiagnostic[], refused: boolean): void {
    clear(this._problems);
    const errors = diagnostics.some((d) => d.severity === 'error');
    this.input.classList.toggle('invalid', errors);
    this.input.setAttribute('aria-invalid', String(errors));
    this._anyway.hidden = !(refused && errors);
    for (const d of diagnostics) {
      const snippet = h('code', { class: 'snippet' });
      appendVisible(snippet, text.slice(0, d.start));
      const mark = h('mark', { class: `range ${d.severity}` });
      appendVisible(mark, d.end > d.start ? text.slice(d.start, d.end) : ' ');
      snippet.append(mark);
      appendVisible(snippet, text.slice(d.end));
      const item = h('button', {
        class: `problem ${d.severity}`,
        title: 'Select this range in the filter',
        onClick: () => {
          this.input.focus();
          this.input.setSelectionRange(d.start, Math.max(d.start, d.end));
        },
      }, h('span', { class: 'severity', plain: d.severity }), h('span', { class: 'message', text: d.message }), h('span', { class: 'code', plain: d.code }), snippet);
      this._problems.append(item);
    }
  }

  /** A failure that is not a filter problem (the Hub is down, …). */
  showError(message: string): void {
    clear(this._problems);
    this._anyway.hidden = true;
    this._problems.append(h('div', { class: 'problem error' }, h('span', { class: 'severity', plain: 'error' }), h('span', { class: 'message', text: message })));
  }

  private _scheduleAnalyze(): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this.analyzeNow(), ANALYZE_DELAY_MS);
  }
}
