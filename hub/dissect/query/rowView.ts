/**
 * Read access to one row of a call store in the terms of the API: identity of both sides,
 * compact fields decoded on demand. Shared by the KFL record, the compact/full shapes and stats.
 */
import { cookieMap, headerMap, parseFields, type StringMap } from '../calls/headerFields';
import { type Identity, NO_IDENTITY } from '../calls/identity';
import { type CallStore } from '../store/callStore';
import { EntryKind, KIND_PROTO, RowFlag } from '../store/entryKind';
import { type Extras } from '../store/extras';

/** Names as the API shows them: pod (or service fallback), service, namespace, best name. */
export interface SideIdentity {
  pod: string;
  podNamespace: string;
  service: string;
  serviceNamespace: string;
  labels: Readonly<Record<string, string>>;
  resolved: boolean;
}

const UNRESOLVED: SideIdentity = Object.freeze({ pod: '', podNamespace: '', service: '', serviceNamespace: '', labels: NO_IDENTITY.labels, resolved: false });

export function sideIdentity(identity: Identity | undefined): SideIdentity {
  if (!identity || identity === NO_IDENTITY || identity.name === '') return UNRESOLVED;
  if (identity.kind === 'service') {
    // A service-only side: pod fields fall back to the service data (spec §9.10).
    return { pod: identity.name, podNamespace: identity.namespace, service: identity.name, serviceNamespace: identity.namespace, labels: identity.labels, resolved: true };
  }
  return { pod: identity.name, podNamespace: identity.namespace, service: '', serviceNamespace: '', labels: identity.labels, resolved: true };
}

/** Headers and cookies of one side of an HTTP call, parsed from its raw header section. */
export interface HttpSide {
  headers: StringMap;
  cookies: StringMap;
}

const EMPTY_FIELDS = new Uint8Array(0);

export class RowView {
  private cachedRow = -1;
  private cachedExtras: Extras | null = null;
  private readonly sideRow = [-1, -1];
  private readonly sideMaps: (HttpSide | null)[] = [null, null];
  private readonly sides: SideIdentity[];

  constructor(readonly store: CallStore) {
    this.sides = store.identities.map(sideIdentity);
  }

  extras(row: number): Extras {
    if (row !== this.cachedRow) {
      this.cachedExtras = this.store.extras(row);
      this.cachedRow = row;
    }
    return this.cachedExtras!;
  }

  /** The request (0) or response (1) side's maps, parsed when first asked for per row. */
  http(row: number, side: 0 | 1): HttpSide {
    if (row !== this.sideRow[side]) {
      const e = this.extras(row);
      const raw = side === 0 ? e.request_fields : e.response_fields;
      const fields = parseFields(raw instanceof Uint8Array ? raw : EMPTY_FIELDS);
      this.sideMaps[side] = { headers: headerMap(fields), cookies: cookieMap(fields, side === 1) };
      this.sideRow[side] = row;
    }
    return this.sideMaps[side]!;
  }

  src(row: number): SideIdentity {
    return this.sides[this.store.columns.srcIdent[row]!] ?? UNRESOLVED;
  }

  dst(row: number): SideIdentity {
    return this.sides[this.store.columns.dstIdent[row]!] ?? UNRESOLVED;
  }

  kind(row: number): EntryKind {
    return this.store.columns.kind[row]! as EntryKind;
  }

  /** `proto` of the API: the call's protocol; conn/flow entries give their transport. */
  proto(row: number): string {
    const kind = this.kind(row);
    if (kind === EntryKind.Conn || kind === EntryKind.Flow || kind === EntryKind.Tcp) return this.isUdp(row) ? 'udp' : 'tcp';
    return KIND_PROTO[kind] ?? '';
  }

  isUdp(row: number): boolean {
    return (this.store.columns.flags[row]! & RowFlag.Udp) !== 0;
  }

  has(row: number, flag: RowFlag): boolean {
    return (this.store.columns.flags[row]! & flag) !== 0;
  }

  isCall(row: number): boolean {
    const kind = this.kind(row);
    return kind !== EntryKind.Conn && kind !== EntryKind.Flow;
  }
}
