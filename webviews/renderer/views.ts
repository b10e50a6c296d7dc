/**
 * What every view of an output shares: the line that says where the data came from and when,
 * the notice that an output was kept in the file, and the place for the host's answers.
 */
import { type NotebookOutput, type NotebookRenderer } from '../../protocol/notebookMessages';
import { h } from '../common/dom';
import { type TableState } from './sortableTable';

/** Posts to the host; undefined where the notebook offers no messaging (buttons are then disabled). */
export type Post = ((message: NotebookRenderer.ToHost) => void) | undefined;

export interface ViewContext {
  readonly post: Post;
  /** Sort and batch of the output's table, kept across re-renders of the same output. */
  readonly table: TableState;
}

/** Rows shown at first and added by each "Show more". */
export const BATCH = 100;

export function capturedLine(payload: NotebookOutput.Base): HTMLElement {
  return h('div', { class: 'caption' }, h('span', { text: payload.source }), ' · captured ', h('span', { text: payload.capturedAtText }));
}

export function keptNotice(payload: NotebookOutput.Base): HTMLElement | null {
  return payload.kept ? h('div', { class: 'kept', text: payload.kept }) : null;
}

/** Where the host's notices for this output appear (`notice` messages name the output's key). */
export function noticeArea(): HTMLElement {
  return h('span', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
}

export function button(label: string, post: Post, message: NotebookRenderer.ToHost, primary = false): HTMLButtonElement {
  const b = h('button', { class: primary ? 'primary' : undefined, plain: label, onClick: () => post?.(message) });
  if (!post) {
    b.disabled = true;
    b.title = 'Not available here (this notebook view has no connection to the extension)';
  }
  return b;
}
