/**
 * The contract between the KFL notebook's controller (extension host) and its renderer (the
 * notebook webview): the output MIME types and their JSON payloads, and the messages the renderer
 * posts back through renderer messaging.
 *
 * - Every output carries one of these MIME types **plus** a `text/markdown` fallback in the same
 *   output, so it reads well where the renderer is not available (another editor, a diff, GitHub).
 * - Every string that came from a Hub is captured data: the renderer builds DOM with textContent
 *   only, the markdown fallback escapes it, the report builder escapes it again for HTML.
 * - Times arrive formatted by the host (local time with UTC beside it); the renderer formats none.
 * - The renderer names an output by the `key` in its payload; the host finds the cell holding it
 *   and trusts only what that output says (scope, actions), never a command or scope in a message.
 */
import { type CallList, type ScopeInfo, type Stats } from './webviewMessages';

/* eslint-disable @typescript-eslint/no-namespace -- one namespace per contract, as in webviewMessages.ts */

export namespace NotebookOutput {
  export const CALLS_MIME = 'application/vnd.kubeshark.calls+json';
  export const STATS_MIME = 'application/vnd.kubeshark.stats+json';
  /** Flows, workloads and IPs: a titled table of typed columns. */
  export const TABLE_MIME = 'application/vnd.kubeshark.table+json';
  export const PCAP_MIME = 'application/vnd.kubeshark.pcap+json';
  export const ERROR_MIME = 'application/vnd.kubeshark.error+json';
  export const PROGRESS_MIME = 'application/vnd.kubeshark.progress+json';
  export const MARKDOWN_MIME = 'text/markdown';

  export const ALL_MIMES = [CALLS_MIME, STATS_MIME, TABLE_MIME, PCAP_MIME, ERROR_MIME, PROGRESS_MIME] as const;

  /** What every payload carries. */
  export interface Base {
    /** Random per output: how the renderer names it in messages. */
    key: string;
    /** Unix ms when the Hub answered. */
    capturedAt: number;
    /** `capturedAt` in local time with UTC beside it. */
    capturedAtText: string;
    /** Where the data came from: `snapshot 'checkout-outage' (default)` or `live traffic`. */
    source: string;
    /**
     * Set when the output was kept in the file and read back: it shows what the Hub answered then,
     * not now (`Kept in the file; captured 2026-03-14 17:03:22 IST (11:33:22 UTC)`).
     */
    kept?: string;
  }

  export interface Calls extends Base {
    kind: 'calls';
    scope: ScopeInfo;
    kfl: string;
    rows: CallList.Row[];
    /** Matches the Hub reported; undefined when it does not say. */
    total?: number;
    /** More pages can be fetched with "Load more". */
    more: boolean;
    /** Why the list may be incomplete (a Hub that does not page, the notebook's row cap). */
    note?: string;
  }

  export interface StatsResult extends Base {
    kind: 'stats';
    summary: Stats.Summary;
  }

  export type ColumnType = 'text' | 'count' | 'bytes' | 'ms' | 'rate';

  export interface Column {
    id: string;
    label: string;
    type: ColumnType;
  }

  export type Cell = string | number | null;

  export interface Table extends Base {
    kind: 'table';
    /** `L4 flows`, `Workloads`, `IPs`. */
    title: string;
    columns: Column[];
    rows: Cell[][];
    total?: number;
    note?: string;
  }

  export interface PcapExport extends Base {
    kind: 'pcap';
    /** Absolute path of the written file. */
    file: string;
    bytes: number;
    /** Lower-case hex SHA-256 of the file as written. */
    sha256: string;
    bpf: string;
    /** Connections the BPF names and calls they carried. */
    connections: number;
    calls: number;
    /** The exported sub-window, local with UTC. */
    window?: string;
    nodes: string[];
    notes: string[];
  }

  /** A fix the person can run: a command of an allow-list the host checks again before running it. */
  export interface Action {
    label: string;
    command: string;
    args?: unknown[];
  }

  export interface Failure extends Base {
    kind: 'error';
    title: string;
    message: string;
    /** Position in the cell when the problem is in its text (a directive, a KFL error of the Hub). */
    position?: { line: number; column: number; length: number };
    actions: Action[];
  }

  /** Shown while a cell waits for something it can report on (a dissection it saw running). */
  export interface Progress extends Base {
    kind: 'progress';
    message: string;
    percent?: number;
  }

  export type Payload = Calls | StatsResult | Table | PcapExport | Failure | Progress;

  /** The MIME type of each payload kind. */
  export const MIME_OF: { readonly [K in Payload['kind']]: string } = {
    calls: CALLS_MIME, stats: STATS_MIME, table: TABLE_MIME, pcap: PCAP_MIME, error: ERROR_MIME, progress: PROGRESS_MIME,
  };
}

export namespace NotebookRenderer {
  /** The renderer's id in package.json `contributes.notebookRenderer`. */
  export const ID = 'kubeshark.kfl-renderer';

  /** Renderer → host. `key` names the output (NotebookOutput.Base.key). */
  export type ToHost =
    /** Fetch the next page of a calls output and append it. */
    | { type: 'loadMore'; key: string }
    /** Open the output's query in the call list (beyond what a notebook output holds). */
    | { type: 'openList'; key: string }
    /** Open the call in the call details panel. */
    | { type: 'openCall'; key: string; id: string }
    /** Keep the call's details in the notebook for the report. */
    | { type: 'pinCall'; key: string; id: string }
    /** Run the error's action number `index`. */
    | { type: 'runAction'; key: string; index: number }
    /** Reveal an exported file. */
    | { type: 'revealFile'; key: string };

  /** Host → renderer: the outcome of a request that leaves the output as it is. */
  export type ToRenderer = { type: 'notice'; key: string; message: string };
}
