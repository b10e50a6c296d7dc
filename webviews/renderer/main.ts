/**
 * The KFL notebook's renderer (an ES module VS Code loads into the notebook's output document):
 * one view per output MIME type of protocol/notebookMessages.ts. Everything captured is put in
 * with textContent; buttons post renderer messages that name the output by its key, and the host
 * decides what they do. Table sort and batches survive re-renders of the same output.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { NotebookOutput, type NotebookRenderer } from '../../protocol/notebookMessages';
import { h } from '../common/dom';
import { callsView } from './callsView';
import { errorView, pcapView, progressView } from './resultViews';
import { type TableState } from './sortableTable';
import { statsView } from './statsView';
import { ensureStyles } from './style';
import { tableView } from './tableView';
import { BATCH, type Post, type ViewContext } from './views';

/** Outputs whose table state is remembered; the oldest are forgotten beyond this. */
const MAX_REMEMBERED = 500;

function isPayload(value: unknown, mime: string): value is NotebookOutput.Payload {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, key } = value as { kind?: unknown; key?: unknown };
  return typeof key === 'string' && typeof kind === 'string' && Object.prototype.hasOwnProperty.call(NotebookOutput.MIME_OF, kind) && NotebookOutput.MIME_OF[kind as NotebookOutput.Payload['kind']] === mime;
}

function view(payload: NotebookOutput.Payload, context: ViewContext): HTMLElement {
  switch (payload.kind) {
    case 'calls': return callsView(payload, context);
    case 'stats': return statsView(payload);
    case 'table': return tableView(payload, context);
    case 'pcap': return pcapView(payload, context);
    case 'error': return errorView(payload, context);
    case 'progress': return progressView(payload);
  }
}

export const activate: ActivationFunction = (context) => {
  const tables = new Map<string, TableState>();
  const postMessage = context.postMessage;
  const post: Post = postMessage ? (message: NotebookRenderer.ToHost) => postMessage(message) : undefined;
  /** The element of each output on screen, by payload key, and the key of each output item. */
  const outputs = new Map<string, HTMLElement>();
  const keys = new Map<string, string>();

  context.onDidReceiveMessage?.((message: unknown) => {
    const notice = message as Partial<NotebookRenderer.ToRenderer> | null;
    if (notice?.type !== 'notice' || typeof notice.key !== 'string' || typeof notice.message !== 'string') return;
    const area = outputs.get(notice.key)?.querySelector('.notice');
    if (area) area.textContent = notice.message;
    outputs.get(notice.key)?.querySelectorAll('button[disabled]').forEach((b) => {
      if (b.textContent === 'Loading…') b.textContent = 'Load more';
      (b as HTMLButtonElement).disabled = false;
    });
  });

  const tableState = (key: string): TableState => {
    let state = tables.get(key);
    if (!state) {
      state = { shown: BATCH };
      tables.set(key, state);
      if (tables.size > MAX_REMEMBERED) tables.delete(tables.keys().next().value!);
    }
    return state;
  };

  return {
    renderOutputItem(item: OutputItem, element: HTMLElement) {
      ensureStyles(element.ownerDocument);
      let content: HTMLElement;
      try {
        const payload: unknown = item.json();
        if (!isPayload(payload, item.mime)) throw new Error(`not a ${item.mime} payload`);
        content = view(payload, { post, table: tableState(payload.key) });
        content.dataset.key = payload.key;
        outputs.set(payload.key, content);
        keys.set(item.id, payload.key);
      } catch (e) {
        content = h('div', { class: 'kfl-output error', text: `This output could not be shown (${e instanceof Error ? e.message : String(e)}). Run the cell again.` });
      }
      element.replaceChildren(content);
    },
    disposeOutputItem(id?: string) {
      if (id === undefined) {
        outputs.clear();
        keys.clear();
        return;
      }
      const key = keys.get(id);
      keys.delete(id);
      if (key !== undefined) outputs.delete(key);
    },
  };
};
