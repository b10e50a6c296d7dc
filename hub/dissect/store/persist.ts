/**
 * A sealed call store on disk (format: hub/dissect/README.md). Every file is written under a
 * temporary name and renamed into place; `store.json` is written last, so a folder without it is
 * an unfinished store and is never loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AtomicFile, writeFileAtomic } from '../../util/atomicFile';
import { type Identity } from '../calls/identity';
import { ByteArena } from './byteArena';
import { CallStore } from './callStore';
import { deserializeColumns, serializeColumns } from './columns';
import { StringTable } from './stringTable';

export const STORE_FILE = 'store.json';
export const DETAILS_FILE = 'details.bin';
const COLUMNS_FILE = 'columns.bin';
const EXTRAS_FILE = 'extras.bin';
const ORDER_FILE = 'order.bin';
const STRINGS_FILE = 'strings.json';
const FORMAT = 1;

interface StoreMeta {
  format: number;
  rows: number;
  nodes: string[];
  identities: Identity[];
}

function writeChunks(file: string, chunks: Uint8Array[]): void {
  const out = new AtomicFile(file);
  try {
    for (const c of chunks) out.write(c);
    out.commit();
  } finally {
    out.abort();
  }
}

export function saveStore(store: CallStore, dir: string): void {
  if (!store.sealed) throw new Error('only a sealed store is saved');
  writeChunks(path.join(dir, COLUMNS_FILE), serializeColumns(store.columns, store.rows));
  writeChunks(path.join(dir, EXTRAS_FILE), store.arena.chunks());
  writeChunks(path.join(dir, ORDER_FILE), [new Uint8Array(store.order.buffer, store.order.byteOffset, store.order.byteLength)]);
  writeFileAtomic(path.join(dir, STRINGS_FILE), JSON.stringify(store.strings.values));
  const meta: StoreMeta = { format: FORMAT, rows: store.rows, nodes: store.nodes, identities: store.identities };
  writeFileAtomic(path.join(dir, STORE_FILE), JSON.stringify(meta));
}

/** The store saved in `dir`, or an error message when it is missing or damaged. */
export function loadStore(dir: string): CallStore | string {
  try {
    if (!existsSync(path.join(dir, STORE_FILE))) return `no finished store in ${dir}`;
    const meta = JSON.parse(readFileSync(path.join(dir, STORE_FILE), 'utf8')) as StoreMeta;
    if (meta.format !== FORMAT) return `store format ${meta.format} is not supported`;
    const cols = deserializeColumns(readFileSync(path.join(dir, COLUMNS_FILE)));
    if (!cols || cols.rows !== meta.rows) return `damaged ${COLUMNS_FILE} in ${dir}`;
    const orderBytes = readFileSync(path.join(dir, ORDER_FILE));
    if (orderBytes.length !== meta.rows * 4) return `damaged ${ORDER_FILE} in ${dir}`;
    const order = new Uint32Array(meta.rows);
    new Uint8Array(order.buffer).set(orderBytes);
    const strings = new StringTable(JSON.parse(readFileSync(path.join(dir, STRINGS_FILE), 'utf8')) as string[]);
    const arena = ByteArena.from(new Uint8Array(readFileSync(path.join(dir, EXTRAS_FILE))));
    const identities = meta.identities.map((i) => ({ ...i, labels: Object.assign(Object.create(null) as Record<string, string>, i.labels) }));
    const details = path.join(dir, DETAILS_FILE);
    return new CallStore(meta.nodes, identities, existsSync(details) ? details : null, { columns: cols.columns, rows: cols.rows, strings, arena, order });
  } catch (e) {
    return `cannot read the store in ${dir}: ${(e as Error).message}`;
  }
}
