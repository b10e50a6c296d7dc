/**
 * The shapes the runtime passes to hooks (spec §3, §3.1): one table drives completion after
 * `data.`/`info.`/`pod.` and hover on those members.
 */
export interface FieldSpec {
  readonly name: string;
  readonly type: string;
  readonly doc: string;
  readonly fields?: readonly FieldSpec[];
}

const f = (name: string, type: string, doc: string, fields?: readonly FieldSpec[]): FieldSpec =>
  fields ? { name, type, doc, fields } : { name, type, doc };

const ENDPOINT: readonly FieldSpec[] = [
  f('ip', 'string', 'IP address.'),
  f('port', 'string', 'Port — **a string** in this entry shape (`"443"`), not a number.'),
  f('name', 'string', 'Resolved name (service or pod name when known).'),
  f('namespace', 'string', 'Kubernetes namespace.'),
  f('pod', 'object | null', 'The full Kubernetes Pod object, or `null`.'),
  f('service', 'object | null', 'The full Kubernetes Service object, or `null`.'),
  f('endpointSlice', 'object | null', 'The Kubernetes EndpointSlice, when resolved through one.'),
  f('cgroupId', 'number', 'cgroup id of the process.'),
  f('containerId', 'string', 'Container id.'),
  f('processId', 'number', 'Process id.'),
  f('processName', 'string', 'Process name.'),
  f('processPath', 'string', 'Executable path of the process.'),
  f('resolutionMechanism', 'string', 'How the name was resolved.'),
];

const HEADERS_DOC = 'Header names to values (keys come from captured traffic).';

const REQUEST: readonly FieldSpec[] = [
  f('method', 'string', 'HTTP method.'),
  f('path', 'string', 'HTTP path.'),
  f('url', 'string', 'HTTP URL.'),
  f('httpVersion', 'string', 'HTTP version.'),
  f('headers', 'object', HEADERS_DOC),
  f('cookies', 'object', 'Cookie names to values.'),
  f('queryString', 'object', 'Query parameters to values.'),
  f('postData', 'object', 'Request body.', [f('mimeType', 'string', 'Body MIME type.'), f('text', 'string', 'Body text.')]),
  f('bodySize', 'number', 'Body size in bytes.'),
  f('opCode', 'string', 'DNS operation code.'),
  f('questions', 'object[]', 'DNS questions: `{class, name, type}`.'),
];

const RESPONSE: readonly FieldSpec[] = [
  f('status', 'number', 'HTTP status code.'),
  f('statusText', 'string', 'HTTP status text.'),
  f('headers', 'object', HEADERS_DOC),
  f('content', 'object', 'Response body.', [
    f('encoding', 'string', 'Body encoding.'),
    f('mimeType', 'string', 'Body MIME type.'),
    f('size', 'number', 'Body size in bytes.'),
    f('text', 'string', 'Body text, when captured.'),
  ]),
  f('bodySize', 'number', 'Body size in bytes.'),
  f('code', 'string', 'DNS response code, e.g. `"No Error"`.'),
  f('answers', 'object[]', 'DNS answers.'),
];

/** The dissected entry passed to `onItemCaptured` and `onItemQueried` (spec §3.1). */
export const ENTRY_FIELDS: readonly FieldSpec[] = [
  f('id', 'string', 'Entry id (`<worker>/<stream>-<index>`).'),
  f('index', 'number', 'Index within the stream.'),
  f('stream', 'string', 'Capture stream name; pass it to `pcap.path()`.'),
  f('worker', 'string', 'Worker address.'),
  f('node', 'object', 'The node that captured the entry.', [f('ip', 'string', 'Node IP.'), f('name', 'string', 'Node name.')]),
  f('protocol', 'object', 'Protocol of the entry.', [
    f('name', 'string', 'Protocol name: `"http"`, `"dns"`, …'),
    f('version', 'string', 'Protocol version.'),
    f('abbr', 'string', 'Abbreviation.'),
    f('longName', 'string', 'Long name.'),
    f('macro', 'string', 'KFL macro of the protocol.'),
    f('layer4', 'string', 'Transport protocol.'),
    f('layer3', 'string', 'Network protocol.'),
    f('ports', 'string[]', 'Well-known ports.'),
  ]),
  f('tls', 'bool', 'Carried over TLS.'),
  f('src', 'object', 'Source endpoint.', ENDPOINT),
  f('dst', 'object', 'Destination endpoint.', ENDPOINT),
  f('timestamp', 'number', 'Unix time in milliseconds.'),
  f('startTime', 'string', 'Start time, RFC 3339.'),
  f('request', 'object', 'The request, per protocol (HTTP or DNS fields).', REQUEST),
  f('response', 'object', 'The response, per protocol (HTTP or DNS fields).', RESPONSE),
  f('requestSize', 'number', 'Request size in bytes.'),
  f('responseSize', 'number', 'Response size in bytes.'),
  f('elapsedTime', 'number', 'Request→response time (unit unconfirmed).'),
  f('passed', 'bool', 'Set by `test.pass`.'),
  f('failed', 'bool', 'Set by `test.fail`.'),
  f('error', 'object | null', 'Dissection error or `null`.', [
    f('type', 'string', '`dissection`, `connection`, `timeout` or `pair-not-found`.'),
    f('msg', 'string', 'Error text.'),
  ]),
  f('captureSource', 'string', 'Capture path.'),
  f('subProtocol', 'string', 'Sub-protocol.'),
  f('namespace', 'string', 'Namespace (shown in older documentation).'),
];

/** Fields of captured entries that no longer exist (rule hooks/removed-field). */
export const REMOVED_ENTRY_FIELDS: ReadonlySet<string> = new Set(['outgoing']);

/** The packet summary passed to `onPacketCaptured`. */
export const PACKET_FIELDS: readonly FieldSpec[] = [
  f('timestamp', 'number', 'Capture time (unit unconfirmed).'),
  f('captureLength', 'number', 'Bytes captured.'),
  f('length', 'number', 'Bytes on the wire.'),
  f('truncated', 'bool', 'The packet was truncated by the snap length.'),
  f('fragmented', 'bool', 'The packet is an IP fragment.'),
];

/** The Kubernetes Pod passed to `onPodEvent`, in Go field naming. */
export const POD_FIELDS: readonly FieldSpec[] = [
  f('ObjectMeta', 'object', 'Pod metadata.', [
    f('Name', 'string', 'Pod name.'),
    f('Namespace', 'string', 'Pod namespace.'),
    f('Labels', 'object', 'Pod labels.'),
    f('CreationTimestamp', 'object', 'Creation time.'),
  ]),
  f('Spec', 'object', 'Pod spec (Go field naming).'),
  f('Status', 'object', 'Pod status (Go field naming).'),
];

/** Follows a member path (`['request', 'headers']`) through a field table. */
export function fieldAt(fields: readonly FieldSpec[], path: readonly string[]): FieldSpec | undefined {
  let level: readonly FieldSpec[] | undefined = fields;
  let found: FieldSpec | undefined;
  for (const name of path) {
    found = level?.find((x) => x.name === name);
    if (!found) return undefined;
    level = found.fields;
  }
  return found;
}
