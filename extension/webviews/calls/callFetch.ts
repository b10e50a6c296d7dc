/**
 * One call from the Hub, through the one client: get_api_call (bodies up to 64 KiB, §5.15), or
 * get_api_call_details for the whole bodies and the L4 figures when the Hub offers it (§5.16).
 */
import { type ScopeInfo } from '../../../protocol/webviewMessages';
import { schemaProperties } from '../../client/adapt';
import { HubError } from '../../client/errors';
import { type CallOptions } from '../../client/hubClient';
import { asObject, bool, type JsonObject, prop, str } from '../../client/json';
import { unwrapCall } from '../../client/results';
import { type HubTools } from '../../client/tools';

/** Bodies asked for when the whole body is wanted ("Open in Editor", cURL). */
export const WHOLE_BODY_BYTES = 16 << 20;

export interface WholeCall {
  readonly call: JsonObject;
  /** Whole bodies as get_api_call_details sent them (else the call's previews). */
  readonly reqBody: string;
  readonly respBody: string;
  readonly truncated: boolean;
  readonly l4Conn?: JsonObject;
  readonly l4Flow?: JsonObject;
}

export async function fetchCall(tools: HubTools, id: string, scope: ScopeInfo, options?: CallOptions): Promise<JsonObject> {
  const call = await tools.getApiCall(id, { snapshot: scope.snapshotId, dissection: scope.dissection }, options);
  if (!call) throw new HubError({ kind: 'bad_response', tool: 'get_api_call', message: `get_api_call answered without the call ${id}` });
  return call;
}

/** The call with bodies up to `maxPayload` bytes and L4 figures; falls back to get_api_call on a Hub without details. */
export async function fetchWholeCall(tools: HubTools, id: string, scope: ScopeInfo, options?: CallOptions, maxPayload = WHOLE_BODY_BYTES): Promise<WholeCall> {
  if (!tools.offers('get_api_call_details')) {
    const call = await fetchCall(tools, id, scope, options);
    const truncated = prop(call, 'req_body_truncated') === true || prop(call, 'resp_body_truncated') === true;
    return { call, reqBody: str(call, 'req_body') ?? '', respBody: str(call, 'resp_body') ?? '', truncated };
  }
  const tool = await tools.client.tool('get_api_call_details', options?.signal);
  const declared = (name: string): boolean => prop(schemaProperties(tool), name) !== undefined;
  const nodeId = id.includes('/') ? id.slice(0, id.indexOf('/')) : undefined;
  const extra: Record<string, unknown> = { id };
  if (declared('node_id') && nodeId) extra.node_id = nodeId;
  if (declared('max_payload_size')) extra.max_payload_size = maxPayload;
  if (declared('include_pcap')) extra.include_pcap = false;
  const { result } = await tools.client.call('get_api_call_details', { scope: scope.snapshotId, dissection: scope.dissection }, extra, options);
  const object = asObject(result);
  const call = unwrapCall(result);
  if (!call) throw new HubError({ kind: 'bad_response', tool: 'get_api_call_details', message: `get_api_call_details answered without the call ${id}` });
  return {
    call,
    reqBody: str(object, 'req_body') ?? str(call, 'req_body') ?? '',
    respBody: str(object, 'resp_body') ?? str(call, 'resp_body') ?? '',
    truncated: bool(object, 'truncated') ?? false,
    l4Conn: asObject(prop(object, 'l4_conn')),
    l4Flow: asObject(prop(object, 'l4_flow')),
  };
}
