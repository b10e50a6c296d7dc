/** The flows grid's columns: labels, widths, alignment, how a cell is drawn and how rows compare. */
import { type Flows } from '../../protocol/webviewMessages';
import { h } from '../common/dom';
import { bytes, count } from '../common/format';
import { type GridColumn } from '../common/virtualGrid';
import { setVisibleText, visibleString } from '../common/visibleText';

type Row = Flows.Row;

export const COLUMN_ORDER: readonly Flows.ColumnId[] = ['proto', 'client', 'server', 'ports', 'flows', 'pkts', 'bytes', 'sent', 'received', 'bps'];

const LABELS: Record<Flows.ColumnId, string> = {
  proto: 'Protocol', client: 'Client', server: 'Server', ports: 'Ports', flows: 'Flows', pkts: 'Packets', bytes: 'Bytes', sent: 'Sent', received: 'Received', bps: 'Rate',
};

const WIDTHS: Record<Flows.ColumnId, string> = {
  proto: '70px', client: 'minmax(180px, 2fr)', server: 'minmax(180px, 2fr)', ports: '90px', flows: '70px', pkts: '90px', bytes: '90px', sent: '90px', received: '90px', bps: '100px',
};

const NUMERIC = new Set<Flows.ColumnId>(['flows', 'pkts', 'bytes', 'sent', 'received', 'bps']);

function side(cell: HTMLElement, label: string, kind: Flows.Row['clientKind'], title: string): void {
  if (kind !== 'workload') cell.append(h('span', { class: `peer-kind peer-${kind}`, plain: kind === 'external' ? 'external' : 'ip' }));
  const name = h('span', { class: 'peer-name' });
  setVisibleText(name, label);
  cell.append(name);
  cell.title = visibleString(title);
}

const RENDER: Record<Flows.ColumnId, (cell: HTMLElement, row: Row) => void> = {
  proto: (cell, row) => setVisibleText(cell, row.proto),
  client: (cell, row) => side(cell, row.client, row.clientKind, row.clientTitle),
  server: (cell, row) => side(cell, row.server, row.serverKind, row.serverTitle),
  ports: (cell, row) => { cell.textContent = row.ports; },
  flows: (cell, row) => { cell.textContent = count(row.flows); },
  pkts: (cell, row) => { cell.textContent = count(row.pkts); },
  bytes: (cell, row) => { cell.textContent = bytes(row.bytes); },
  sent: (cell, row) => { cell.textContent = bytes(row.sent); },
  received: (cell, row) => { cell.textContent = bytes(row.received); },
  bps: (cell, row) => { cell.textContent = `${bytes(row.bps)}/s`; },
};

export const COMPARE: Record<Flows.ColumnId, (a: Row, b: Row) => number> = {
  proto: (a, b) => a.proto.localeCompare(b.proto),
  client: (a, b) => a.client.localeCompare(b.client),
  server: (a, b) => a.server.localeCompare(b.server),
  ports: (a, b) => a.ports.localeCompare(b.ports, undefined, { numeric: true }),
  flows: (a, b) => a.flows - b.flows,
  pkts: (a, b) => a.pkts - b.pkts,
  bytes: (a, b) => a.bytes - b.bytes,
  sent: (a, b) => a.sent - b.sent,
  received: (a, b) => a.received - b.received,
  bps: (a, b) => a.bps - b.bps,
};

export function isNumeric(column: Flows.ColumnId): boolean {
  return NUMERIC.has(column);
}

export function columns(): GridColumn<Row>[] {
  return COLUMN_ORDER.map((id) => ({ id, label: LABELS[id], width: WIDTHS[id], align: NUMERIC.has(id) ? 'end' : 'start', title: `Sort by ${LABELS[id].toLowerCase()}`, render: RENDER[id] }));
}
