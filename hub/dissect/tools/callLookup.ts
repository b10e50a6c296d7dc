/** Finding stored rows by call id, connection id and flow id. */
import { notFound } from '../../server/errors';
import { type CallStore } from '../store/callStore';
import { EntryKind } from '../store/entryKind';

/** The row of a call id (`<node>/<stream>/<index>`, `<node>/conn/<id>`, `<node>/flow/<id>`). */
export function rowOfId(store: CallStore, id: string, nodeId?: string): number {
  const parts = id.split('/');
  const missing = (): never => {
    throw notFound(`no call '${id}' in this scope`);
  };
  if (parts.length < 3) missing();
  const last = parts.pop()!;
  const middle = parts.pop()!;
  const node = parts.join('/');
  if (nodeId !== undefined && nodeId !== null && nodeId !== node) throw notFound(`call '${id}' is not on node '${nodeId}'`);
  const nodeIndex = store.nodes.indexOf(node);
  if (nodeIndex < 0 || !/^\d{1,10}$/.test(last)) missing();
  const c = store.columns;
  const n = Number(last);
  if (middle === 'conn' || middle === 'flow') {
    const kind = middle === 'conn' ? EntryKind.Conn : EntryKind.Flow;
    const ids = middle === 'conn' ? c.connId : c.flowId;
    for (let row = 0; row < store.rows; row++) if (c.kind[row] === kind && c.node[row] === nodeIndex && ids[row] === n) return row;
    return missing();
  }
  if (!/^\d{1,10}$/.test(middle)) missing();
  const stream = Number(middle);
  for (let row = 0; row < store.rows; row++) {
    const kind = c.kind[row]!;
    if (c.stream[row] === stream && c.index[row] === n && c.node[row] === nodeIndex && kind !== EntryKind.Conn && kind !== EntryKind.Flow) return row;
  }
  return missing();
}

/** The row of the L4 entry of `kind` with the given id, or -1. */
export function l4Row(store: CallStore, kind: EntryKind.Conn | EntryKind.Flow, id: number): number {
  const c = store.columns;
  const ids = kind === EntryKind.Conn ? c.connId : c.flowId;
  for (let row = 0; row < store.rows; row++) if (c.kind[row] === kind && ids[row] === id) return row;
  return -1;
}
