/** A Hub call (slimmed) as a row of the call list (protocol/webviewMessages CallList.Row). */
import { type CallList } from '../../../protocol/webviewMessages';
import { type JsonObject, num, str } from '../../client/json';
import { endpointLabel, endpointOf, endpointTitle, nodeOf, protoOf, statusClassOf } from './callFields';
import { type LocalClock } from './localClock';

export function callRow(call: JsonObject, clock: LocalClock): CallList.Row {
  const ts = num(call, 'ts') ?? 0;
  const src = endpointOf(call, 'src');
  const dst = endpointOf(call, 'dst');
  const statusClass = statusClassOf(call);
  const latency = num(call, 'latency_ms');
  return {
    id: str(call, 'id') ?? '',
    ts,
    time: clock.cell(ts),
    timeTitle: clock.full(ts),
    proto: protoOf(call),
    method: str(call, 'method') ?? '',
    path: str(call, 'path') ?? '',
    status: num(call, 'status') ?? 0,
    statusClass,
    elapsedMs: statusClass === 'no-response' || latency === undefined ? null : latency,
    src: endpointLabel(src),
    srcTitle: endpointTitle(src),
    dst: endpointLabel(dst),
    dstTitle: endpointTitle(dst),
    node: nodeOf(call),
    reqSize: num(call, 'req_size') ?? null,
    respSize: num(call, 'resp_size') ?? null,
  };
}
