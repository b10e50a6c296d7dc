/**
 * The "live" database (hub-api.md §3.2, §5.3, §5.24): while live dissection is enabled, every
 * registered capture file is dissected — unlike a real Hub the Local Hub back-fills, so files that
 * were there before enabling are indexed too. The database is rebuilt when the set of files (path,
 * size, mtime) changes; queries wait for the rebuild they need. The switch survives restarts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type L7DataBoundaries } from '../../../protocol/hubApi';
import { type Logger } from '../../server/log';
import { writeFileAtomic } from '../../util/atomicFile';
import { dissect, type DissectionInput } from '../engine/dissect';
import { CallStore } from '../store/callStore';
import { DETAILS_FILE } from '../store/persist';
import { EntryKind } from '../store/entryKind';

export interface LiveSource {
  /** What to dissect now, and a fingerprint that changes whenever the files do. */
  current(): { input: DissectionInput; fingerprint: string };
}

const SWITCH_FILE = 'live.json';

export class LiveDissection {
  private readonly dir: string;
  private enabledFlag: boolean;
  private store: CallStore;
  private fingerprint = '';
  private building: Promise<CallStore> | null = null;
  private buildingFor = '';
  private generation = 0;
  /** Files of each node of the current store, for per-connection PCAP export. */
  nodeFiles: { name: string; files: string[] }[] = [];
  errors: string[] = [];

  constructor(stateDir: string, private readonly source: LiveSource, private readonly log: Logger) {
    this.dir = path.join(stateDir, 'live');
    mkdirSync(this.dir, { recursive: true });
    this.enabledFlag = readSwitch(path.join(stateDir, SWITCH_FILE));
    this.store = emptyStore();
    this.switchFile = path.join(stateDir, SWITCH_FILE);
  }

  private readonly switchFile: string;

  get enabled(): boolean {
    return this.enabledFlag;
  }

  setEnabled(on: boolean): void {
    this.enabledFlag = on;
    writeFileAtomic(this.switchFile, JSON.stringify({ enabled: on }));
    // Enabling back-fills: the next query (or this call's caller) rebuilds from every file.
    if (on) void this.current().catch((e: unknown) => this.log.error('live dissection failed', { error: String(e) }));
  }

  /** The live store, rebuilt first when enabled and the capture files changed. */
  async current(): Promise<CallStore> {
    if (!this.enabledFlag) return this.store;
    const { input, fingerprint } = this.source.current();
    if (fingerprint === this.fingerprint) return this.store;
    if (this.building && this.buildingFor === fingerprint) return this.building;
    this.buildingFor = fingerprint;
    const generation = ++this.generation;
    this.building = this.build(input, generation).then((store) => {
      if (generation === this.generation) {
        this.store = store;
        this.fingerprint = fingerprint;
        this.nodeFiles = input.nodes;
        this.building = null;
      }
      return store;
    });
    return this.building;
  }

  /** §5.3: per node, the oldest and newest call of the live database. */
  async boundaries(): Promise<L7DataBoundaries> {
    const store = await this.current();
    const perNode = new Map<number, { oldest: number; newest: number }>();
    const c = store.columns;
    for (let row = 0; row < store.rows; row++) {
      const kind = c.kind[row]!;
      if (kind === EntryKind.Conn || kind === EntryKind.Flow) continue;
      const ts = store.tsMs(row);
      const b = perNode.get(c.node[row]!);
      if (!b) perNode.set(c.node[row]!, { oldest: ts, newest: ts });
      else {
        b.oldest = Math.min(b.oldest, ts);
        b.newest = Math.max(b.newest, ts);
      }
    }
    const nodes = [...perNode].map(([i, b]) => ({ name: store.nodes[i] ?? '', oldest_ts: b.oldest, newest_ts: b.newest })).sort((a, b) => (a.name < b.name ? -1 : 1));
    const cluster = nodes.length
      ? { oldest_ts: Math.min(...nodes.map((n) => n.oldest_ts)), newest_ts: Math.max(...nodes.map((n) => n.newest_ts)) }
      : { oldest_ts: 0, newest_ts: 0 };
    return { dissection_enabled: this.enabledFlag, cluster, nodes };
  }

  private async build(input: DissectionInput, generation: number): Promise<CallStore> {
    // Each build writes its own details file; the previous one stays readable until replaced.
    const details = path.join(this.dir, `${DETAILS_FILE}.${generation}`);
    const result = await dissect(input, { detailsPath: details });
    this.errors = result.errors;
    rmSync(path.join(this.dir, `${DETAILS_FILE}.${generation - 1}`), { force: true });
    return result.store;
  }
}

function emptyStore(): CallStore {
  const store = new CallStore([], [], null);
  store.seal();
  return store;
}

function readSwitch(file: string): boolean {
  try {
    if (!existsSync(file)) return true;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { enabled?: unknown };
    return json.enabled !== false;
  } catch {
    return true;
  }
}
