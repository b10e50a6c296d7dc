/** Kinds of stored entries and the per-row flag bits. */

export const enum EntryKind { Http = 1, Grpc, Dns, Redis, Postgresql, Tls, Tcp, Conn, Flow }

/** `proto` of each kind as the API names it (§4.2); conn/flow entries carry their transport. */
export const KIND_PROTO: readonly string[] = ['', 'http', 'grpc', 'dns', 'redis', 'postgresql', 'tls', 'tcp', 'conn', 'flow'];

export function kindOfProto(proto: string): EntryKind {
  const i = KIND_PROTO.indexOf(proto);
  return i > 0 ? (i as EntryKind) : EntryKind.Tcp;
}

export const enum RowFlag {
  HasRequest = 1,
  HasResponse = 2,
  Partial = 4,
  Udp = 8,
  /** The stream this entry travelled on failed dissection (tcp_error_type is set). */
  StreamError = 16,
  ReqBodyTruncated = 32,
  RespBodyTruncated = 64,
  /** The entry's packets can be exported (it has a connection span). */
  HasPcap = 128,
  /** The connection carried TLS (`tls` flag of the KFL record). */
  OverTls = 256,
}
