/** Outputs that are not tables: an exported PCAP (with its hash), an error with its fixes, progress. */
import { type NotebookOutput } from '../../protocol/notebookMessages';
import { definitionList, h } from '../common/dom';
import { bytes, count } from '../common/format';
import { button, capturedLine, keptNotice, noticeArea, type ViewContext } from './views';

export function pcapView(payload: NotebookOutput.PcapExport, context: ViewContext): HTMLElement {
  return h('div', { class: 'kfl-output pcap' },
    keptNotice(payload),
    h('div', { class: 'head' }, h('strong', { plain: 'PCAP exported' }), h('span', { plain: bytes(payload.bytes) })),
    capturedLine(payload),
    definitionList([
      ['File', payload.file], ['SHA-256', payload.sha256], ['Connections', `${count(payload.connections)} (of ${count(payload.calls)} calls)`],
      ['Window', payload.window], ['Nodes', payload.nodes.join(', ')], ['BPF', payload.bpf],
    ]),
    ...payload.notes.map((note) => h('p', { class: 'muted', text: note })),
    h('div', { class: 'actions' }, button('Reveal File', context.post, { type: 'revealFile', key: payload.key }), noticeArea()),
  );
}

export function errorView(payload: NotebookOutput.Failure, context: ViewContext): HTMLElement {
  const at = payload.position ? ` (line ${payload.position.line + 1}, column ${payload.position.column + 1})` : '';
  return h('div', { class: 'kfl-output error' },
    keptNotice(payload),
    h('div', {}, h('span', { class: 'error-title', text: payload.title }), h('span', { plain: `${at}: ` }), h('span', { text: payload.message })),
    payload.actions.length > 0
      ? h('div', { class: 'actions' }, ...payload.actions.map((action, index) => button(action.label, context.post, { type: 'runAction', key: payload.key, index }, index === 0)), noticeArea())
      : null,
    capturedLine(payload),
  );
}

export function progressView(payload: NotebookOutput.Progress): HTMLElement {
  const bar = h('progress', { attrs: { max: '100' } });
  if (payload.percent !== undefined) bar.value = payload.percent;
  return h('div', { class: 'kfl-output progress' }, h('span', { text: payload.message }), ' ', bar, payload.percent === undefined ? null : h('span', { plain: ` ${payload.percent}%` }));
}
