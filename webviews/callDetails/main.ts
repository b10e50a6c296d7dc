/**
 * The call details webview: request and response (headers, cookies, query, body), timing and
 * sizes, protocol parts, both endpoints' identities, and the buttons that act on the call.
 * The workbench's find widget (enableFindWidget) searches it.
 */
import './style.css';
import '../common/common.css';
import { type CallDetails } from '../../protocol/webviewMessages';
import { definitionList, h } from '../common/dom';
import { Messenger } from '../common/messenger';
import { endpoints, message, overview, pairsTable, protocolPart, section } from './sections';

const messenger = new Messenger<CallDetails.ToHost, CallDetails.ToWebview>(onMessage);
const root = h('main', { class: 'call-details' });
document.body.append(root);
messenger.ready();

function onMessage(msg: CallDetails.ToWebview): void {
  switch (msg.type) {
    case 'loading':
      remember(msg.id, msg.scope, msg.pinned);
      root.replaceChildren(h('p', { class: 'muted', text: `Loading call ${msg.id}…` }));
      return;
    case 'failed':
      remember(msg.id, msg.scope, msg.pinned);
      root.replaceChildren(h('p', { class: 'error-text', text: msg.message }));
      return;
    case 'call':
      remember(msg.call.id, msg.call.scope, msg.pinned);
      render(msg.call, msg.capabilities, msg.pinned);
      return;
    default:
      return;
  }
}

function remember(id: string, scope: CallDetails.PersistedState['scope'], pinned: boolean): void {
  messenger.saveState<CallDetails.PersistedState>({ id, scope, pinned });
}

function button(label: string, which: CallDetails.Button, title: string, primary = false): HTMLButtonElement {
  return h('button', { class: `button ${primary ? 'primary' : 'secondary'}`, plain: label, title, attrs: { 'data-button': which }, onClick: () => messenger.post({ type: 'button', button: which }) });
}

function render(call: CallDetails.Call, can: CallDetails.Capabilities, pinned: boolean): void {
  const actions = h('div', { class: 'actions' },
    can.curl ? button('Copy as cURL', 'copyCurl', 'Copy the request as a curl command line') : null,
    can.exportPcap ? button('Export Connection PCAP…', 'exportPcap', "Export the packets of this call's connection (BPF from its 4-tuple, a window around it)") : null,
    button('Copy JSON', 'copyJson', 'Copy the call as the Hub returned it'),
    button('Find Calls Like This', 'findSimilar', `Open a call list with: ${call.similarKfl}`),
    can.openInNotebook ? button('Open in Notebook', 'openInNotebook', 'Open a KFL notebook cell that finds this call') : null,
    pinned ? h('span', { class: 'muted', plain: 'Pinned' }) : button('Pin', 'pin', 'Keep this call here; the next call opens in a new panel beside it'));
  const title = h('h1', { class: 'headline' },
    h('span', { class: 'method', text: call.method || call.proto.toUpperCase() }), ' ',
    h('span', { class: 'url mono', text: call.url || call.path }), ' ',
    h('span', { class: `status status-${call.statusClass}`, plain: call.statusClass === 'no-response' ? 'no response' : String(call.status) }));
  const parts: (HTMLElement | null)[] = [
    title, actions,
    section('Overview', overview(call)),
    section('Endpoints', endpoints(call)),
    protocolPart(call),
    section('Request', ...message('request', call.request, call.query, () => messenger.post({ type: 'openBody', side: 'request' }))),
    section('Response', ...message('response', call.response, [], () => messenger.post({ type: 'openBody', side: 'response' }))),
    call.connection && call.connection.length > 0 ? section('Connection (L4)', pairsTable(call.connection, 'Figure', 'Value')) : null,
    call.error ? section('Dissection error', definitionList([['Type', call.error.type], ['Message', call.error.message]])) : null,
  ];
  root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
