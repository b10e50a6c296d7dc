/**
 * A captured body: JSON pretty-printed as a foldable tree (native <details>, no script per node),
 * other text as text, binary as a hex dump. Everything is capped so that a huge or hostile body
 * cannot stall the view; beyond the cap "Open in Editor" shows the whole body in a real editor.
 */
import { type CallDetails } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { bytes } from '../common/format';
import { appendVisible } from '../common/visibleText';

/** Characters of text shown inline. */
export const TEXT_CAP = 64 * 1024;
/** Bytes of a binary body shown as hex. */
export const HEX_CAP = 4096;
/** JSON values rendered as tree nodes; the rest is summarised. */
export const JSON_NODE_CAP = 2000;

export function decodeBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text.replace(/\s+/g, ''));
  } catch {
    return new Uint8Array(0);
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** `00000000  7b 22 61 22 …  |{"a"…|`, 16 bytes a line, at most `cap` bytes. */
export function hexDump(data: Uint8Array, cap = HEX_CAP): string {
  const lines: string[] = [];
  const end = Math.min(data.length, cap);
  for (let offset = 0; offset < end; offset += 16) {
    const slice = data.subarray(offset, Math.min(end, offset + 16));
    const hex = Array.from(slice, (b) => b.toString(16).padStart(2, '0')).join(' ').padEnd(47, ' ');
    const ascii = Array.from(slice, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`);
  }
  return lines.join('\n');
}

function looksLikeJson(body: CallDetails.Body): boolean {
  const start = body.text.trimStart()[0];
  return /json/i.test(body.contentType) || start === '{' || start === '[';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Not JSON after all (or a truncated preview, or nested too deep for the parser): shown as text.
    return { ok: false };
  }
}

/** Renders a body; `openInEditor` is offered when the view shows less than the whole body. */
export function renderBody(body: CallDetails.Body, openInEditor: () => void): HTMLElement {
  const container = h('div', { class: 'body' });
  const note = (text: string): void => {
    container.append(h('div', { class: 'body-note' }, h('span', { plain: text }), h('button', { class: 'button secondary', plain: 'Open in Editor', onClick: openInEditor })));
  };
  if (body.encoding === 'base64') {
    const data = decodeBase64(body.text);
    container.append(h('div', { class: 'muted', plain: `Binary body, ${bytes(body.size ?? data.length)}: hex dump` }), h('pre', { class: 'hex', plain: hexDump(data) }));
    if (data.length > HEX_CAP || body.truncated) note(`Showing the first ${bytes(Math.min(HEX_CAP, data.length))}.`);
    return container;
  }
  if (body.text === '') {
    container.append(h('div', { class: 'muted', plain: 'Empty body' }));
    if (body.truncated) note('The Hub sent no preview.');
    return container;
  }
  const parsed = looksLikeJson(body) && body.text.length <= TEXT_CAP ? parseJson(body.text) : { ok: false as const };
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
    const budget = { left: JSON_NODE_CAP };
    container.append(h('div', { class: 'json' }, jsonNode(undefined, parsed.value, budget, 0)));
    if (budget.left <= 0) note(`Showing the first ${JSON_NODE_CAP.toLocaleString('en-US')} values.`);
    else if (body.truncated) note('The Hub sent a preview of this body.');
    return container;
  }
  const pre = h('pre', { class: 'text' });
  appendVisible(pre, body.text.length > TEXT_CAP ? body.text.slice(0, TEXT_CAP) : body.text);
  container.append(pre);
  if (body.text.length > TEXT_CAP) note(`Showing the first ${bytes(TEXT_CAP)}.`);
  else if (body.truncated) note('The Hub sent a preview of this body.');
  return container;
}

/** Deeper levels start folded, so a deep document opens readable. */
const OPEN_DEPTH = 3;
const MAX_DEPTH = 64;

function jsonNode(key: string | undefined, value: unknown, budget: { left: number }, depth: number): HTMLElement {
  budget.left--;
  const label = (): HTMLElement | null => (key === undefined ? null : h('span', { class: 'json-key', text: key }));
  if (typeof value !== 'object' || value === null) {
    const kind = value === null ? 'null' : typeof value;
    return h('div', { class: 'json-leaf' }, label(), key === undefined ? null : ': ', h('span', { class: `json-${kind}`, text: typeof value === 'string' ? JSON.stringify(value) : String(value) }));
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  const details = h('details', { class: 'json-node' }, h('summary', {}, label(), key === undefined ? null : ': ', h('span', { class: 'muted', plain: summary })));
  details.open = depth < OPEN_DEPTH;
  for (const [childKey, child] of entries) {
    if (budget.left <= 0 || depth >= MAX_DEPTH) {
      details.append(h('div', { class: 'muted', plain: '…' }));
      break;
    }
    details.append(jsonNode(childKey, child, budget, depth + 1));
  }
  return details;
}
