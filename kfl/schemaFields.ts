import { type FieldSpec } from './schema';

/**
 * Every field of spec §8–§9: the one table behind checking, completion and hover. Order is the
 * spec's (completion lists keep it within a protocol). Descriptions are shown in hover and
 * completion documentation; `note` carries what §10 says is unconfirmed.
 */

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE'];
const DNS_TYPES = ['A', 'AAAA', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];
const CONN_STATES = ['open', 'in_progress', 'closed'];
const RESOLUTION_STATUSES = ['', 'no_node_mapping', 'rpc_error', 'rpc_empty', 'cache_miss', 'queue_full'];
const L7_PROTOCOLS = ['HTTP', 'DNS', 'TLS', 'GRPC', 'REDIS', 'KAFKA', 'AMQP', 'LDAP', 'MONGODB', 'MYSQL', 'POSTGRESQL'];
const PROTOCOL_NAMES = ['HTTP', 'DNS', 'TLS', 'TCP', 'UDP', 'SCTP', 'ICMP', 'GRPC', 'GRAPHQL', 'REDIS', 'KAFKA', 'AMQP', 'LDAP', 'WEBSOCKET', 'MONGODB', 'MYSQL', 'POSTGRESQL', 'RADIUS', 'DIAMETER'];
const COMMON_HEADERS = ['accept', 'authorization', 'content-length', 'content-type', 'cookie', 'host', 'user-agent', 'x-forwarded-for', 'x-request-id'];

/** A protocol or L4 flag: a bool that says what kind of entry it is (§9.1–§9.2). */
function flag(path: string, protocol: string, description: string, note?: string): FieldSpec {
  return { path, type: 'bool', protocol, description, example: path, flag: true, note };
}

function field(path: string, type: string, protocol: string, description: string, example: string, extra: Partial<FieldSpec> = {}): FieldSpec {
  return { path, type, protocol, description, example, ...extra };
}

/** `<prefix>_request_<unit>`, `<prefix>_response_<unit>`, `<prefix>_total_size`: byte counters shared by many protocols. */
function sizes(prefix: string, protocol: string, unit: 'size' | 'length', total = true): FieldSpec[] {
  const specs = [
    field(`${prefix}_request_${unit}`, 'int', protocol, 'request bytes', `${prefix}_request_${unit} > 1000`),
    field(`${prefix}_response_${unit}`, 'int', protocol, 'response bytes', `${prefix}_response_${unit} > 1000`),
  ];
  if (total) specs.push(field(`${prefix}_total_size`, 'int', protocol, 'request plus response bytes', `${prefix}_total_size > 1000000`));
  return specs;
}

/** `src`/`dst` and their nested objects (§8). */
function peer(side: 'src' | 'dst'): FieldSpec[] {
  const who = side === 'src' ? 'source (client)' : 'destination (server)';
  return [
    field(side, 'object', 'any', `The ${who} of the entry: address, port and Kubernetes identity.`, `${side}.ip == "10.0.0.1"`),
    field(`${side}.ip`, 'string', 'any', `${who} IP address`, `${side}.ip == "10.0.53.101"`),
    field(`${side}.port`, 'int', 'any', `${who} port`, side === 'src' ? 'src.port < 1024' : 'dst.port == 443'),
    field(`${side}.name`, 'string', 'k8s', 'best available identity: pod, else service, else DNS name, else process', `${side}.name == "payment-service"`),
    field(`${side}.namespace`, 'string', 'k8s', 'namespace, with service fallback. Prefer `' + side + '.pod.namespace`, the form of the official examples.', `${side}.namespace == "prod"`),
    field(`${side}.dns`, 'string', 'DNS resolution', 'reverse-resolved name of that IP', `${side}.dns.endsWith(".google.com")`),
    field(`${side}.pod`, 'object', 'k8s', `The pod of the ${who}.`, `${side}.pod.name.startsWith("api-")`),
    field(`${side}.pod.name`, 'string', 'k8s', 'pod name (falls back to service data when no pod is known)', `${side}.pod.name.startsWith("api-")`),
    field(`${side}.pod.namespace`, 'string', 'k8s', 'pod namespace (falls back to service data when no pod is known)', `${side}.pod.namespace == "prod"`),
    field(`${side}.service`, 'object', 'k8s', `The Kubernetes service of the ${who}.`, `${side}.service.name == "payment-service"`),
    field(`${side}.service.name`, 'string', 'k8s', 'service name', `${side}.service.name == "payment-service"`),
    field(`${side}.service.namespace`, 'string', 'k8s', 'service namespace', `${side}.service.namespace == "prod"`),
  ];
}

/** `request`/`response` with their header and cookie maps (§8). */
function message(side: 'request' | 'response'): FieldSpec[] {
  return [
    field(side, 'object', 'HTTP', `The HTTP ${side}: headers and cookies.`, `"content-type" in ${side}.headers`),
    field(`${side}.headers`, 'map(string, string)', 'HTTP', `${side} headers; keys are lower-case`, `map_get(${side}.headers, "content-type", "").startsWith("application/json")`, { keys: COMMON_HEADERS, lowerCaseKeys: true }),
    field(`${side}.cookies`, 'map(string, string)', 'HTTP', `${side} cookies`, `"sid" in ${side}.cookies`),
  ];
}

export const DEFAULT_FIELDS: readonly FieldSpec[] = [
  // §9.1 Protocol flags
  flag('http', 'HTTP', 'HTTP/1.x or HTTP/2 entry (gRPC and GraphQL entries are HTTP too)'),
  flag('dns', 'DNS', 'DNS message'),
  flag('tls', 'TLS', 'TLS entry', 'Meaning unconfirmed on the Hub: "TLS/SSL traffic", or an alias for `capture_source == "ebpf_tls"`. The Local engine: entries carried over TLS (handshake seen).'),
  flag('tcp', 'TCP', 'TCP entry'),
  flag('udp', 'UDP', 'UDP entry'),
  flag('sctp', 'SCTP', 'SCTP entry'),
  flag('icmp', 'ICMP', 'ICMP entry'),
  flag('grpc', 'gRPC', 'gRPC over HTTP/2; HTTP fields apply'),
  flag('redis', 'Redis', 'Redis command/reply'),
  flag('kafka', 'Kafka', 'Kafka request/response'),
  flag('amqp', 'AMQP', 'AMQP method'),
  flag('ldap', 'LDAP', 'LDAP operation'),
  flag('ws', 'WebSocket', 'WebSocket frame'),
  flag('gql', 'GraphQL', 'GraphQL over HTTP (any version)'),
  flag('gqlv1', 'GraphQL', 'GraphQL, first variant'),
  flag('gqlv2', 'GraphQL', 'GraphQL, second variant'),
  flag('mongodb', 'MongoDB', 'MongoDB operation'),
  flag('mysql', 'MySQL', 'MySQL command'),
  flag('postgresql', 'PostgreSQL', 'PostgreSQL message exchange'),
  flag('radius', 'RADIUS', 'RADIUS packet'),
  flag('diameter', 'Diameter', 'Diameter message'),

  // §9.2 L4 record flags
  flag('conn', 'L4', 'connection-tracking record (TCP or UDP)'),
  flag('flow', 'L4', 'flow-tracking record (TCP or UDP)'),
  flag('tcp_conn', 'L4', 'TCP connection record'),
  flag('udp_conn', 'L4', 'UDP connection record'),
  flag('tcp_flow', 'L4', 'TCP flow record'),
  flag('udp_flow', 'L4', 'UDP flow record'),

  // §8 objects, §9.3 network and entry metadata (§9.10 identity fields of src/dst included)
  ...peer('src'),
  ...peer('dst'),
  field('protocol', 'string', 'any', 'detected protocol name, upper-case', 'protocol == "DNS"', { values: PROTOCOL_NAMES }),
  field('id', 'int', 'any', 'entry id given by the capturing sniffer (not the string call id of the API)', 'id == 204'),
  field('node_id', 'string', 'any', 'node id given by the Hub', 'node_id == "node-a"'),
  field('index', 'int', 'any', 'position of the entry within its stream', 'index == 0'),
  field('stream', 'string', 'any', 'stream id, hex', 'stream == "000000cc"'),
  field('timestamp', 'timestamp', 'any', 'when the entry happened (UTC)', 'timestamp > now() - duration("5m")'),
  field('elapsed_time', 'int', 'any', 'request-to-response latency in **microseconds** (5 s = `5000000`); an int, not a duration', 'elapsed_time > 5000000', {
    note: 'Meaning unconfirmed on the Hub: latency (request to response) in one source, "age since timestamp" in another. The Local engine: latency in µs.',
  }),
  field('worker', 'string', 'any', 'worker that produced the entry', 'worker == "node-a"'),
  field('conn_id', 'int', 'any', 'id of the L4 connection the entry belongs to', 'conn_id != 0'),
  field('flow_id', 'int', 'any', 'id of the L4 flow the entry belongs to', 'flow_id != 0'),
  field('has_pcap', 'bool', 'any', 'packets of the entry can be downloaded', 'has_pcap'),
  field('capture_source', 'string', 'any', 'how the entry was captured', 'capture_source == "ebpf_tls"', { values: ['unspecified', 'af_packet', 'ebpf', 'ebpf_tls'] }),
  field('capture_backend', 'string', 'any', 'capture backend', 'capture_backend == "ebpf"', { values: ['af_packet', 'ebpf'] }),
  field('capture_source_code', 'int', 'any', '0–3, same order as `capture_source` (unspecified, af_packet, ebpf, ebpf_tls)', 'capture_source_code == 3'),
  field('capture', 'map(string, string)', 'any', 'capture details; keys `source`, `backend`', 'capture["source"] == "ebpf_tls"', { keys: ['source', 'backend'], fixedKeys: true }),

  // §9.4 HTTP and gRPC
  field('method', 'string', 'HTTP', 'request method', 'method == "POST"', { values: HTTP_METHODS }),
  field('url', 'string', 'HTTP', 'path plus query string', 'url.contains("?debug=")'),
  field('path', 'string', 'HTTP', 'path without query', 'path.startsWith("/api/v1/")'),
  field('status_code', 'int', 'HTTP (DNS too)', 'response status; for DNS the response code, so `dns && dns_response && status_code != 0` finds failed lookups', 'status_code >= 500'),
  field('http_version', 'string', 'HTTP', 'HTTP version', 'http_version == "HTTP/2"', { values: ['HTTP/1.0', 'HTTP/1.1', 'HTTP/2'] }),
  field('query_string', 'map(string, string)', 'HTTP', 'parsed query parameters', 'map_get(query_string, "debug", "") == "true"'),
  ...message('request'),
  ...message('response'),
  field('request_headers_size', 'int', 'HTTP', 'request header bytes', 'request_headers_size > 8192'),
  field('request_body_size', 'int', 'HTTP', 'request body bytes', 'request_body_size > 1048576'),
  field('response_headers_size', 'int', 'HTTP', 'response header bytes', 'response_headers_size > 8192'),
  field('response_body_size', 'int', 'HTTP', 'response body bytes', 'response_body_size > 1048576'),
  field('grpc_method', 'string', 'gRPC', 'last segment of the `:path` (the RPC method)', 'grpc_method == "Charge"'),
  field('grpc_status', 'int', 'gRPC', 'grpc-status, 0 = OK', 'grpc && grpc_status != 0', {
    note: 'Value on non-gRPC entries unconfirmed on the Hub (−1 or 0): use it together with `grpc &&`. The Local engine: −1.',
  }),

  // §9.5 DNS
  field('dns_questions', 'list(string)', 'DNS', 'names asked', 'dns_questions.exists(q, q.endsWith(".svc.cluster.local"))'),
  field('dns_answers', 'list(string)', 'DNS', 'answers given', 'dns_answers.exists(a, a == "0.0.0.0")'),
  field('dns_question_types', 'list(string)', 'DNS', 'record types asked', '"TXT" in dns_question_types', { values: DNS_TYPES }),
  field('dns_request', 'bool', 'DNS', 'the entry is a query', 'dns_request'),
  field('dns_response', 'bool', 'DNS', 'the entry is a response', 'dns_response && status_code != 0'),
  field('dns_request_length', 'int', 'DNS', 'query bytes', 'dns_request_length > 512'),
  field('dns_response_length', 'int', 'DNS', 'response bytes', 'dns_response_length > 512'),
  field('dns_total_size', 'int', 'DNS', 'query plus response bytes', 'dns_total_size > 1024'),

  // §9.6 TLS, TCP, UDP, SCTP, ICMP, WebSocket
  field('tls_summary', 'string', 'TLS', 'short handshake description', 'tls_summary.contains("ClientHello")'),
  field('tls_info', 'string', 'TLS', 'details such as version and cipher (`"TLS 1.3, AES-256-GCM"`)', 'tls_info.contains("TLS 1.3")'),
  field('tls_request_size', 'int', 'TLS', 'client-side bytes', 'tls_request_size > 1000'),
  field('tls_response_size', 'int', 'TLS', 'server-side bytes', 'tls_response_size > 1000'),
  field('tls_total_size', 'int', 'TLS', 'both directions', 'tls_total_size > 1000000'),
  field('tcp_method', 'string', 'TCP', 'TCP-level method information', 'tcp_method != ""'),
  field('tcp_payload', 'bytes', 'TCP', 'raw payload', 'size(tcp_payload) > 0'),
  field('tcp_error_type', 'string', 'TCP', 'error kind; `""` when none', 'tcp_error_type != ""'),
  field('tcp_error_message', 'string', 'TCP', 'error text; `""` when none', 'tcp_error_message.contains("reset")'),
  field('udp_length', 'int', 'UDP', 'UDP length field', 'udp_length > 512'),
  field('udp_checksum', 'int', 'UDP', 'UDP checksum', 'udp_checksum == 0'),
  field('udp_payload', 'bytes', 'UDP', 'raw payload', 'size(udp_payload) > 0'),
  field('sctp_checksum', 'int', 'SCTP', 'checksum', 'sctp_checksum == 0'),
  field('sctp_length', 'int', 'SCTP', 'length', 'sctp_length > 1000'),
  field('sctp_chunk_type', 'string', 'SCTP', 'chunk type', 'sctp_chunk_type == "DATA"'),
  field('icmp_type', 'string', 'ICMP', 'ICMP type code', 'icmp_type != ""'),
  field('icmp_version', 'int', 'ICMP', '4 or 6', 'icmp_version == 6'),
  field('icmp_length', 'int', 'ICMP', 'length', 'icmp_length > 64'),
  field('ws_opcode', 'string', 'WebSocket', 'frame opcode', 'ws_opcode == "close"', { values: ['text', 'binary', 'close', 'ping', 'pong'] }),
  field('ws_request', 'bool', 'WebSocket', 'client-to-server frame', 'ws_request'),
  field('ws_response', 'bool', 'WebSocket', 'server-to-client frame', 'ws_response'),
  field('ws_request_payload_data', 'string', 'WebSocket', 'request payload, truncated', 'ws_request_payload_data.contains("subscribe")'),
  field('ws_request_payload_length', 'int', 'WebSocket', 'request payload bytes', 'ws_request_payload_length > 1000'),
  field('ws_response_payload_length', 'int', 'WebSocket', 'response payload bytes', 'ws_response_payload_length > 1000'),

  // §9.7 Messaging and directory protocols
  field('redis_type', 'string', 'Redis', 'command verb', 'redis_type == "SET"', { values: ['GET', 'SET', 'DEL', 'HGET', 'HSET', 'EXPIRE', 'INCR', 'LPUSH', 'RPUSH', 'PUBLISH', 'SUBSCRIBE'] }),
  field('redis_command', 'string', 'Redis', 'whole command line', 'redis_command.contains("session:")'),
  field('redis_key', 'string', 'Redis', 'key, at most 64 bytes', 'redis_key.startsWith("session:")'),
  ...sizes('redis', 'Redis', 'size'),
  field('kafka_api_key', 'int', 'Kafka', 'numeric API key', 'kafka_api_key_name == "PRODUCE"', {
    note: 'Numbering unconfirmed on the Hub (one source: 0 = FETCH, 1 = PRODUCE; the Kafka protocol: 0 = Produce, 1 = Fetch). Prefer `kafka_api_key_name`.',
  }),
  field('kafka_api_key_name', 'string', 'Kafka', 'API key name', 'kafka_api_key_name == "PRODUCE"', { values: ['PRODUCE', 'FETCH', 'LIST_OFFSETS', 'METADATA', 'OFFSET_COMMIT', 'OFFSET_FETCH', 'FIND_COORDINATOR', 'JOIN_GROUP', 'HEARTBEAT', 'API_VERSIONS'] }),
  field('kafka_client_id', 'string', 'Kafka', 'client id', 'kafka_client_id == "orders-producer"'),
  field('kafka_size', 'int', 'Kafka', 'request size, or the response size when there is no request', 'kafka_size > 1000000'),
  field('kafka_request', 'bool', 'Kafka', 'entry has a request', 'kafka_request'),
  field('kafka_response', 'bool', 'Kafka', 'entry has a response', 'kafka_response'),
  field('kafka_request_summary', 'string', 'Kafka', 'summary, usually the topic', 'kafka_request_summary == "orders"'),
  ...sizes('kafka', 'Kafka', 'size', false),
  field('amqp_method', 'string', 'AMQP', 'method, e.g. `basic.publish`', 'amqp_method == "basic.publish"', { values: ['basic.publish', 'basic.deliver', 'basic.get', 'basic.ack', 'queue.declare', 'exchange.declare', 'connection.start', 'connection.close', 'channel.open', 'channel.close'] }),
  field('amqp_summary', 'string', 'AMQP', 'summary', 'amqp_summary.contains("orders")'),
  field('amqp_request', 'bool', 'AMQP', 'entry has a request', 'amqp_request'),
  field('amqp_response', 'bool', 'AMQP', 'entry has a response', 'amqp_response'),
  ...sizes('amqp', 'AMQP', 'length'),
  field('ldap_type', 'string', 'LDAP', 'operation type', 'ldap_type == "BindRequest"'),
  field('ldap_summary', 'string', 'LDAP', 'summary', 'ldap_summary.contains("cn=admin")'),
  field('ldap_request', 'bool', 'LDAP', 'entry has a request', 'ldap_request'),
  field('ldap_response', 'bool', 'LDAP', 'entry has a response', 'ldap_response'),
  ...sizes('ldap', 'LDAP', 'length'),
  field('radius_code', 'int', 'RADIUS', 'packet code', 'radius_code == 3'),
  field('radius_code_name', 'string', 'RADIUS', 'code name, e.g. `Access-Request`', 'radius_code_name == "Access-Reject"', { values: ['Access-Request', 'Access-Accept', 'Access-Reject', 'Accounting-Request', 'Accounting-Response', 'Access-Challenge'] }),
  field('radius_request', 'bool', 'RADIUS', 'entry has a request', 'radius_request'),
  field('radius_response', 'bool', 'RADIUS', 'entry has a response', 'radius_response'),
  field('radius_request_authenticator', 'string', 'RADIUS', 'request authenticator, hex', 'radius_request_authenticator != ""'),
  ...sizes('radius', 'RADIUS', 'length'),
  field('diameter_method', 'string', 'Diameter', 'command', 'diameter_method.startsWith("Credit-Control")'),
  field('diameter_summary', 'string', 'Diameter', 'summary', 'diameter_summary.contains("Result-Code")'),
  field('diameter_request', 'bool', 'Diameter', 'entry has a request', 'diameter_request'),
  field('diameter_response', 'bool', 'Diameter', 'entry has a response', 'diameter_response'),
  ...sizes('diameter', 'Diameter', 'length'),

  // §9.8 Databases
  field('mongodb_command', 'string', 'MongoDB', 'command name', 'mongodb_command == "insert"'),
  field('mongodb_database', 'string', 'MongoDB', 'database', 'mongodb_database == "orders"'),
  field('mongodb_collection', 'string', 'MongoDB', 'collection', 'mongodb_collection == "users"'),
  field('mongodb_opcode', 'string', 'MongoDB', 'wire opcode', 'mongodb_opcode == "OP_MSG"'),
  field('mongodb_error_message', 'string', 'MongoDB', 'error text', 'mongodb_error_message.contains("duplicate key")'),
  field('mongodb_error_code_name', 'string', 'MongoDB', 'error code name', 'mongodb_error_code_name == "DuplicateKey"'),
  ...sizes('mongodb', 'MongoDB', 'size'),
  field('mongodb_error_code', 'int', 'MongoDB', 'numeric error code', 'mongodb_error_code == 11000'),
  field('mongodb_success', 'bool', 'MongoDB', 'operation succeeded', '!mongodb_success'),
  field('mysql_command', 'string', 'MySQL', 'command, e.g. `COM_QUERY`', 'mysql_command == "COM_QUERY"'),
  field('mysql_query', 'string', 'MySQL', 'SQL text', 'mysql_query.contains("DROP TABLE")'),
  field('mysql_database', 'string', 'MySQL', 'database', 'mysql_database == "orders"'),
  field('mysql_error_message', 'string', 'MySQL', 'error text', 'mysql_error_message != ""'),
  field('mysql_statement_id', 'int', 'MySQL', 'prepared statement id', 'mysql_statement_id == 1'),
  ...sizes('mysql', 'MySQL', 'size'),
  field('mysql_error_code', 'int', 'MySQL', 'numeric error code', 'mysql_error_code == 1062'),
  field('mysql_success', 'bool', 'MySQL', 'command succeeded', '!mysql_success'),
  field('postgresql_command', 'string', 'PostgreSQL', 'command, e.g. `SELECT`', 'postgresql_command == "SELECT"', { values: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'BEGIN', 'COMMIT', 'ROLLBACK'] }),
  field('postgresql_query', 'string', 'PostgreSQL', 'SQL text', 'postgresql_query.contains("FROM orders")'),
  field('postgresql_database', 'string', 'PostgreSQL', 'database', 'postgresql_database == "orders"'),
  field('postgresql_user', 'string', 'PostgreSQL', 'user', 'postgresql_user == "app"'),
  field('postgresql_error_message', 'string', 'PostgreSQL', 'error text', 'postgresql_error_message != ""'),
  field('postgresql_error_code', 'string', 'PostgreSQL', 'SQLSTATE, a **string** such as `"23505"`', 'postgresql_error_code == "23505"'),
  ...sizes('postgresql', 'PostgreSQL', 'size'),
  field('postgresql_success', 'bool', 'PostgreSQL', 'exchange succeeded', '!postgresql_success'),

  // §9.9 L4 connections and flows
  field('conn_state', 'string', 'conn', 'connection state', 'conn_state == "open"', { values: CONN_STATES }),
  field('conn_local_pkts', 'int', 'conn', 'packets on the local side', 'conn_local_pkts > 1000'),
  field('conn_local_bytes', 'int', 'conn', 'bytes on the local side', 'conn_local_bytes > 1000000'),
  field('conn_remote_pkts', 'int', 'conn', 'packets on the remote side', 'conn_remote_pkts > 1000'),
  field('conn_remote_bytes', 'int', 'conn', 'bytes on the remote side', 'conn_remote_bytes > 1000000'),
  field('conn_group_id', 'int', 'conn', 'group id', 'conn_group_id != 0'),
  field('conn_l7_detected', 'list(string)', 'conn', 'L7 protocols seen on the connection, e.g. `["HTTP", "TLS"]`', '"HTTP" in conn_l7_detected', { values: L7_PROTOCOLS }),
  field('flow_state', 'string', 'flow', 'flow state (same values as `conn_state`)', 'flow_state == "closed"', { values: CONN_STATES }),
  field('flow_local_pkts', 'int', 'flow', 'local packets', 'flow_local_pkts > 1000'),
  field('flow_local_bytes', 'int', 'flow', 'local bytes', 'flow_local_bytes > 1000000'),
  field('flow_remote_pkts', 'int', 'flow', 'remote packets', 'flow_remote_pkts > 1000'),
  field('flow_remote_bytes', 'int', 'flow', 'remote bytes', 'flow_remote_bytes > 1000000'),
  field('flow_local_pps', 'int', 'flow', 'local packets per second', 'flow_local_pps > 10000'),
  field('flow_local_bps', 'int', 'flow', 'local bytes per second', 'flow_local_bps > 10000000'),
  field('flow_remote_pps', 'int', 'flow', 'remote packets per second', 'flow_remote_pps > 10000'),
  field('flow_remote_bps', 'int', 'flow', 'remote bytes per second', 'flow_remote_bps > 10000000'),
  field('flow_group_id', 'int', 'flow', 'group id', 'flow_group_id != 0'),
  field('flow_l7_detected', 'list(string)', 'flow', 'L7 protocols seen on the flow', '"TLS" in flow_l7_detected', { values: L7_PROTOCOLS }),

  // §9.10 Kubernetes identity, OS, name resolution
  field('namespaces', 'list(string)', 'k8s', 'namespaces of both sides', '"kube-system" in namespaces'),
  field('pods', 'list(string)', 'k8s', 'pods of both sides', 'pods.exists(p, p.startsWith("api-"))'),
  field('services', 'list(string)', 'k8s', 'services of both sides', '"payment-service" in services'),
  field('local_labels', 'map(string, string)', 'k8s', 'labels of the local peer (Local engine: the client)', 'map_get(local_labels, "app", "") == "payment"', { keys: ['app', 'version'] }),
  field('local_annotations', 'map(string, string)', 'k8s', 'annotations of the local peer', '"prometheus.io/scrape" in local_annotations'),
  field('remote_labels', 'map(string, string)', 'k8s', 'labels of the remote peer (Local engine: the server)', 'map_get(remote_labels, "version", "") == "v0.1.0"', { keys: ['app', 'version'] }),
  field('remote_annotations', 'map(string, string)', 'k8s', 'annotations of the remote peer', '"prometheus.io/scrape" in remote_annotations'),
  field('node', 'map(string, string)', 'k8s', 'the node; keys `name`, `ip`. Prefer `node_name` and `node_ip`.', 'node["name"] == "ip-10-0-25-170.ec2.internal"', { keys: ['name', 'ip'], fixedKeys: true }),
  field('node_name', 'string', 'k8s', 'node name', 'node_name == "ip-10-0-25-170.ec2.internal"'),
  field('node_ip', 'string', 'k8s', 'node IP', 'node_ip == "10.0.25.170"'),
  field('local_node_name', 'string', 'k8s', 'node of the local peer', 'local_node_name == "node-a"'),
  field('remote_node_name', 'string', 'k8s', 'node of the remote peer', 'remote_node_name == "node-b"'),
  field('local_resolution_status', 'string', 'k8s', '`""` when resolved, else the reason', 'local_resolution_status != ""', { values: RESOLUTION_STATUSES }),
  field('remote_resolution_status', 'string', 'k8s', '`""` when resolved, else the reason', 'remote_resolution_status != ""', { values: RESOLUTION_STATUSES }),
  field('local_process_name', 'string', 'OS', 'process on the local peer', 'local_process_name == "curl"'),
  field('remote_process_name', 'string', 'OS', 'process on the remote peer', 'remote_process_name == "nginx"'),
  field('dns_resolutions', 'list(string)', 'DNS resolution', 'names seen for the peers, de-duplicated', 'dns_resolutions.exists(n, n.endsWith(".amazonaws.com"))'),
];
