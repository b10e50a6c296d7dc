/** Syntax tree of a pcap-filter expression (the subset of hub-api.md §5.8). */

/** A problem in an expression: what, where (0-based character offset) and how long. */
export interface BpfError {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export type Direction = 'src' | 'dst' | 'src or dst' | 'src and dst';

/** Protocols usable alone (`tcp`) or as a qualifier (`tcp port 80`, `ip host a`). */
export type ProtoName = 'ip' | 'ip6' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'sctp' | 'icmp' | 'icmp6';

export type RelOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

interface At {
  /** Where the node's text starts and how long it is (for compile errors per link type). */
  readonly offset: number;
  readonly length: number;
}

export type BpfNode =
  | ({ kind: 'and' | 'or'; left: BpfNode; right: BpfNode } & At)
  | ({ kind: 'not'; operand: BpfNode } & At)
  | ({ kind: 'proto'; proto: ProtoName } & At)
  /** `host`: `address` is 4 or 16 bytes. */
  | ({ kind: 'host'; proto: ProtoName | null; dir: Direction; address: Uint8Array } & At)
  | ({ kind: 'net'; proto: ProtoName | null; dir: Direction; address: Uint8Array; mask: Uint8Array } & At)
  /** `port` and `portrange` (a port is the range lo = hi). */
  | ({ kind: 'port'; proto: ProtoName | null; dir: Direction; lo: number; hi: number } & At)
  | ({ kind: 'len'; op: RelOp; value: number } & At)
  | ({ kind: 'vlan'; id: number | null } & At);
