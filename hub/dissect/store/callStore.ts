/**
 * The call store of one dissection (a snapshot's, or the live database): every entry (API call,
 * stream error, L4 connection, L4 flow) as one row of fixed-width columns, its variable fields
 * compacted into an arena, its bodies in a details file on disk. Built by appending while a
 * dissection runs, then sealed: rows are put in API order (ts in ms, then id) and the store
 * becomes read-only. The on-disk format is described in hub/dissect/README.md.
 */
import { type Identity } from '../calls/identity';
import { ByteArena } from './byteArena';
import { allocateColumns, type Columns, resizeColumns } from './columns';
import { readDetails, type Details } from './detailsFile';
import { EntryKind } from './entryKind';
import { decodeExtras, type Extras, ExtrasCodec } from './extras';
import { StringTable } from './stringTable';

export class CallStore {
  columns: Columns;
  rows = 0;
  private capacity: number;
  readonly strings: StringTable;
  readonly arena: ByteArena;
  private readonly codec: ExtrasCodec;
  /** Row numbers in API order; valid once sealed. */
  order: Uint32Array = new Uint32Array(0);
  sealed = false;
  /** Changes whenever the rows change (paging cursors carry it). */
  generation = 1;
  private readonly extrasCache = new Map<number, Extras>();

  constructor(
    readonly nodes: string[],
    readonly identities: Identity[],
    /** Path of the details file (bodies); null when the store has none (tests, benchmarks). */
    public detailsPath: string | null,
    init?: { columns: Columns; rows: number; strings: StringTable; arena: ByteArena; order: Uint32Array },
  ) {
    this.columns = init?.columns ?? allocateColumns(1024);
    this.rows = init?.rows ?? 0;
    this.capacity = init ? init.rows : 1024;
    this.strings = init?.strings ?? new StringTable();
    this.arena = init?.arena ?? new ByteArena();
    this.codec = new ExtrasCodec(this.strings);
    if (init) {
      this.order = init.order;
      this.sealed = true;
    }
  }

  /** Appends a row; `fill` sets its columns (all start at 0). Returns the row number. */
  append(extras: Extras): number {
    if (this.sealed) throw new Error('the store is sealed');
    if (this.rows === this.capacity) {
      this.capacity *= 2;
      this.columns = resizeColumns(this.columns, this.rows, this.capacity);
    }
    const row = this.rows++;
    const [offset, length] = this.codec.encode(extras, this.arena);
    this.columns.extrasOffset[row] = offset;
    this.columns.extrasLength[row] = length;
    return row;
  }

  intern(s: string): number {
    return this.strings.intern(s);
  }

  str(id: number): string {
    return this.strings.get(id);
  }

  extras(row: number): Extras {
    const c = this.columns;
    return decodeExtras(this.arena, c.extrasOffset[row]!, c.extrasLength[row]!, this.strings);
  }

  /** Extras of a row, cached for the few rows a page shows repeatedly (shapes, identity fields). */
  extrasCached(row: number): Extras {
    let e = this.extrasCache.get(row);
    if (!e) {
      if (this.extrasCache.size > 4096) this.extrasCache.clear();
      e = this.extras(row);
      this.extrasCache.set(row, e);
    }
    return e;
  }

  details(row: number): Details | null {
    const length = this.columns.detailLength[row]!;
    if (this.detailsPath === null || length === 0) return null;
    return readDetails(this.detailsPath, this.columns.detailOffset[row]!, length);
  }

  /** Ends appending: trims the columns and computes the API order. */
  seal(): void {
    if (this.sealed) return;
    this.columns = resizeColumns(this.columns, this.rows, this.rows);
    this.capacity = this.rows;
    this.order = apiOrder(this);
    this.sealed = true;
    this.generation++;
  }

  /** The call id (`<node>/<stream>/<index>`; L4 entries: `<node>/conn/<id>`, `<node>/flow/<id>`). */
  idOf(row: number): string {
    const c = this.columns;
    const node = this.nodes[c.node[row]!] ?? '';
    const kind = c.kind[row]!;
    if (kind === EntryKind.Conn) return `${node}/conn/${c.connId[row]}`;
    if (kind === EntryKind.Flow) return `${node}/flow/${c.flowId[row]}`;
    return `${node}/${c.stream[row]}/${c.index[row]}`;
  }

  /** Unix ms of the entry (truncated, as the API shows it). */
  tsMs(row: number): number {
    return Math.floor(this.columns.tsUs[row]! / 1000);
  }
}

/** Rows sorted by ts (ms), then id as a string, then row number (stable). */
function apiOrder(store: CallStore): Uint32Array {
  const n = store.rows;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = store.tsMs(i);
  const ids: (string | undefined)[] = new Array<string | undefined>(n);
  const idOf = (i: number): string => (ids[i] ??= store.idOf(i));
  const sorted = Array.from(order).sort((a, b) => ts[a]! - ts[b]! || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : a - b));
  order.set(sorted);
  return order;
}
