/**
 * The fixed-width columns of a call store: one typed array per field, grown by doubling while a
 * dissection appends rows, trimmed and written as one binary file when it completes.
 */

type ColumnArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
type ColumnType = 'f64' | 'u32' | 'i32' | 'u16' | 'u8';

const MAKE: Record<ColumnType, (n: number) => ColumnArray> = {
  f64: (n) => new Float64Array(n), u32: (n) => new Uint32Array(n), i32: (n) => new Int32Array(n),
  u16: (n) => new Uint16Array(n), u8: (n) => new Uint8Array(n),
};

/** Every column, its type and meaning (append only: the file format names them). */
export const COLUMN_SPECS = {
  /** Entry kind (EntryKind). */
  kind: 'u8',
  /** First packet of the request, µs since the epoch. */
  tsUs: 'f64',
  /** Packet that completed the response (or the last packet of a conn/flow), µs. */
  endUs: 'f64',
  /** Latency in µs (spec §4.4); 0 without a response. */
  elapsedUs: 'f64',
  node: 'u16',
  stream: 'u32',
  index: 'u32',
  connId: 'u32',
  flowId: 'u32',
  srcIp: 'u32',
  srcPort: 'u16',
  srcIdent: 'u32',
  dstIp: 'u32',
  dstPort: 'u16',
  dstIdent: 'u32',
  /** Names the capture's DNS answers gave the two addresses (string ids). */
  srcDns: 'u32',
  dstDns: 'u32',
  method: 'u32',
  path: 'u32',
  url: 'u32',
  status: 'i32',
  httpVersion: 'u32',
  reqSize: 'f64',
  respSize: 'f64',
  reqHeaderBytes: 'u32',
  respHeaderBytes: 'u32',
  reqBodySize: 'f64',
  respBodySize: 'f64',
  grpcStatus: 'i32',
  /** RowFlag bits. */
  flags: 'u16',
  errorType: 'u32',
  errorMsg: 'u32',
  extrasOffset: 'f64',
  extrasLength: 'u32',
  detailOffset: 'f64',
  detailLength: 'u32',
} as const satisfies Record<string, ColumnType>;

export type ColumnName = keyof typeof COLUMN_SPECS;
export type Columns = { [K in ColumnName]: (typeof COLUMN_SPECS)[K] extends 'f64' ? Float64Array : (typeof COLUMN_SPECS)[K] extends 'u32' ? Uint32Array
  : (typeof COLUMN_SPECS)[K] extends 'i32' ? Int32Array : (typeof COLUMN_SPECS)[K] extends 'u16' ? Uint16Array : Uint8Array };

export const COLUMN_NAMES = Object.keys(COLUMN_SPECS) as ColumnName[];

export function allocateColumns(capacity: number): Columns {
  const out = {} as Record<ColumnName, ColumnArray>;
  for (const name of COLUMN_NAMES) out[name] = MAKE[COLUMN_SPECS[name]](capacity);
  return out as Columns;
}

/** Copies `columns` into arrays of `capacity` rows (grow or trim). */
export function resizeColumns(columns: Columns, rows: number, capacity: number): Columns {
  const out = allocateColumns(capacity);
  for (const name of COLUMN_NAMES) (out[name] as ColumnArray).set((columns[name] as ColumnArray).subarray(0, rows));
  return out;
}

/** The binary form: a JSON header line, then each column's bytes, 8-byte aligned. */
export function serializeColumns(columns: Columns, rows: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const layout: { name: string; type: string; offset: number; bytes: number }[] = [];
  let offset = 0;
  for (const name of COLUMN_NAMES) {
    const arr = (columns[name] as ColumnArray).subarray(0, rows);
    const bytes = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
    layout.push({ name, type: COLUMN_SPECS[name], offset, bytes: bytes.length });
    parts.push(bytes);
    const pad = (8 - (bytes.length % 8)) % 8;
    if (pad) parts.push(new Uint8Array(pad));
    offset += bytes.length + pad;
  }
  let header = Buffer.from(JSON.stringify({ rows, columns: layout }));
  const headerPad = (8 - ((header.length + 8) % 8)) % 8;
  header = Buffer.concat([header, Buffer.alloc(headerPad, 0x20)]);
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(header.length, 0);
  prefix.write('KSC1', 4, 'latin1');
  return [prefix, header, ...parts];
}

/** Reads the binary form back; null when it is not well-formed. */
export function deserializeColumns(file: Buffer): { columns: Columns; rows: number } | null {
  if (file.length < 8 || file.toString('latin1', 4, 8) !== 'KSC1') return null;
  const headerLength = file.readUInt32LE(0);
  let header: { rows: number; columns: { name: string; type: ColumnType; offset: number; bytes: number }[] };
  try {
    header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as typeof header;
  } catch {
    return null;
  }
  const base = 8 + headerLength;
  const columns = allocateColumns(header.rows);
  for (const spec of header.columns) {
    if (!Object.prototype.hasOwnProperty.call(COLUMN_SPECS, spec.name)) continue;
    const target = columns[spec.name as ColumnName] as ColumnArray;
    if (spec.bytes !== target.byteLength || base + spec.offset + spec.bytes > file.length) return null;
    new Uint8Array(target.buffer).set(file.subarray(base + spec.offset, base + spec.offset + spec.bytes));
  }
  return { columns, rows: header.rows };
}
