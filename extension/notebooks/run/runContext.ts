/**
 * What running one cell needs and gives back. The runners are free of `vscode` so they are tested
 * against a real local Hub under Node; the controller in host/ supplies the context and turns the
 * result into cell outputs.
 */
import { randomUUID } from 'node:crypto';
import { formatLocalWithUtc } from '../../../kfl/localTime';
import { type NotebookOutput } from '../../../protocol/notebookMessages';
import { type Delay } from '../../client/retry';
import { type HubTools } from '../../client/tools';
import { type CellMode } from '../cell/directives';
import { type NotebookSettings } from '../format/binding';
import { type CallPager } from '../../webviews/calls/callPager';

export interface ConnectedHub {
  /** `local`, or the base URL (what a notebook's `hub` is compared with). */
  readonly identity: string;
  readonly local: boolean;
}

export interface RunContext {
  readonly tools: HubTools;
  readonly hub: ConnectedHub;
  readonly settings: NotebookSettings;
  /** IANA zone in which times are shown and `@window` is read. */
  readonly zone: string;
  readonly now: () => number;
  readonly signal?: AbortSignal;
  /** The notebook's URI and the cell's (fix actions name them). */
  readonly notebookUri: string;
  readonly cellUri: string;
  /** Where `@export-pcap` writes, and the name its files start with. */
  readonly exportFolder?: string;
  readonly exportBaseName: string;
  /** Send the filter although the language server found errors in it ("Send Anyway"). */
  readonly force?: boolean;
  /** Checks a filter with the language server before it goes to the Hub. */
  readonly checkFilter?: (text: string) => Promise<FilterCheck>;
  /** Shows what the cell waits for (a dissection's progress) in place of an output. */
  readonly onProgress?: (progress: NotebookOutput.Progress) => void;
  /** Waits between dissection polls (tests pass a faster one). */
  readonly delay?: Delay;
}

export interface FilterCheck {
  readonly hasErrors: boolean;
  /** The first error: its message and 0-based position in the cell. */
  readonly first?: { readonly message: string; readonly line: number; readonly column: number; readonly length: number };
}

/** A PCAP written by an `@export-pcap` cell; kept in the cell's metadata for the report. */
export interface ExportRecord {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly bpf: string;
  readonly snapshotId: string;
  readonly exportedAt: number;
}

export interface CellResult {
  readonly payload: NotebookOutput.Payload;
  readonly mode: CellMode;
  /** `29 calls`, `12 flows`, `1.2 MiB PCAP`: the cell status bar's count. */
  readonly summary: string;
  /** The source as the status bar shows it. */
  readonly source: string;
  /** Pages still to load for a calls output. */
  readonly pager?: CallPager;
  readonly exported?: ExportRecord;
  /** The run was cancelled: the cell keeps no output of it. */
  readonly cancelled?: boolean;
}

/** The fields every payload starts with. */
export function payloadBase(context: Pick<RunContext, 'zone' | 'now'>, source: string): NotebookOutput.Base {
  const capturedAt = context.now();
  return { key: randomUUID(), capturedAt, capturedAtText: formatLocalWithUtc(capturedAt, context.zone), source };
}

/** The filter as people read it: the cell without its comment lines (directives included). */
export function displayFilter(text: string): string {
  return text.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('//')).join('\n').trim();
}
