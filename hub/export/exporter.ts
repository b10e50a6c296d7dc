import { ChunkWriter } from '../capture/chunkWriter';
import { openCapture } from '../capture/open';
import { type CaptureError, type PacketRecord } from '../capture/packet';
import { PcapngWriter } from '../capture/pcapngWriter';
import { PcapWriter } from '../capture/pcapWriter';
import { type CaptureReader } from '../capture/reader';
import { type BpfFilter, type Matcher } from '../bpf/filter';
import { type OutputPlan } from './plan';

export interface ExportOptions {
  filter?: BpfFilter | null;
  /** Inclusive window in Unix ms; a packet's time is truncated to ms before comparing. */
  startMs?: number | null;
  endMs?: number | null;
  /** Stops the export early (client gone, snapshot deleted). */
  signal?: AbortSignal;
}

export interface ExportResult {
  packets: number;
  bytes: number;
  /** Sources that were damaged or unreadable; packets before the damage were exported. */
  errors: CaptureError[];
  aborted: boolean;
}

/** Bytes between two yields to the event loop, so a long export never starves the server. */
const YIELD_EVERY_BYTES = 4 << 20;

/**
 * Writes the packets of `sources` (filtered, windowed) to `sink`, merged in time order: each
 * step takes the source whose next packet is earliest (the lowest source index on ties), so
 * every source keeps its own order — a single file comes out in file order, like
 * `tcpdump -r IN -w OUT` writes it. Streaming: one buffer per source plus the output chunk.
 * The sink receives a view of the output buffer and must consume or copy it before returning;
 * it may return a promise (backpressure), which the export awaits before writing on.
 */
export async function exportPackets(
  sources: readonly string[], plan: OutputPlan, options: ExportOptions, sink: (chunk: Buffer) => void | Promise<void>,
): Promise<ExportResult> {
  const result: ExportResult = { packets: 0, bytes: 0, errors: [], aborted: false };
  const waits: Promise<void>[] = [];
  const out = new ChunkWriter((chunk) => {
    const wait = sink(chunk);
    if (wait) waits.push(wait);
  });
  const write = planWriter(plan, out);
  const readers: CaptureReader[] = [];
  const heads: (PacketRecord | null)[] = [];
  // The matcher of the previous packet's link layer: sources rarely change link type.
  let lastLinkType = -1;
  let lastBigEndian = false;
  let lastMatcher: Matcher | null = null;
  const matcherOf = (p: PacketRecord): Matcher | null => {
    if (!options.filter) return null;
    if (p.linkType !== lastLinkType || p.bigEndian !== lastBigEndian) {
      const compiled = options.filter.matcherFor(p.linkType, p.bigEndian);
      // A filter that cannot apply to a link type (e.g. `vlan` on SLL) matches none of its packets.
      lastMatcher = typeof compiled === 'function' ? compiled : () => false;
      lastLinkType = p.linkType;
      lastBigEndian = p.bigEndian;
    }
    return lastMatcher;
  };
  const advance = (i: number): void => {
    const p = readers[i]!.next();
    heads[i] = p;
    if (!p && readers[i]!.error) result.errors.push(readers[i]!.error!);
  };
  const flushPending = async (): Promise<void> => {
    out.flush();
    while (waits.length) await waits.shift();
  };
  try {
    for (const source of sources) {
      const r = openCapture(source);
      if ('code' in r) {
        result.errors.push(r);
        continue;
      }
      readers.push(r);
      heads.push(null);
      advance(readers.length - 1);
    }
    const start = options.startMs ?? -Infinity;
    const end = options.endMs ?? Infinity;
    let sinceYield = 0;
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (!h) continue;
        const b = best < 0 ? null : heads[best]!;
        if (!b || h.tsSec < b.tsSec || (h.tsSec === b.tsSec && h.tsNsec < b.tsNsec)) best = i;
      }
      if (best < 0) break;
      const p = heads[best]!;
      const ms = p.tsMs;
      if (ms >= start && ms <= end) {
        const m = matcherOf(p);
        if (!m || m(p.buffer, p.offset, p.caplen, p.origLen)) {
          write(p);
          result.packets++;
          sinceYield += p.caplen;
        }
      }
      advance(best);
      if (waits.length || sinceYield >= YIELD_EVERY_BYTES) {
        sinceYield = 0;
        await flushPending();
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) {
          result.aborted = true;
          break;
        }
      }
    }
    await flushPending();
    result.bytes = out.total;
  } finally {
    for (const r of readers) r.close();
  }
  return result;
}

/** Writes the file header now and returns the per-packet writer for the plan's format. */
function planWriter(plan: OutputPlan, out: ChunkWriter): (p: PacketRecord) => void {
  if (plan.format === 'pcap') {
    const w = new PcapWriter(out, { linkType: plan.linkTypes[0]!, snaplen: plan.snaplen, precision: plan.precision });
    return (p) => w.write(p);
  }
  const w = new PcapngWriter(out, plan.precision);
  const ids = new Map(plan.linkTypes.map((lt) => [lt, w.addInterface(lt, plan.snaplen)]));
  return (p) => {
    let id = ids.get(p.linkType);
    if (id === undefined) {
      id = w.addInterface(p.linkType, plan.snaplen);
      ids.set(p.linkType, id);
    }
    w.write(id, p);
  };
}
