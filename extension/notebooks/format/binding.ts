/**
 * A notebook's binding, kept in its metadata under `kubeshark`: the Hub its snapshot ids belong
 * to, the data source its cells query (a snapshot's dissection, or live data), and whether the
 * file keeps outputs. A cell's `@snapshot`/`@live` directive overrides the source for that cell.
 * Read leniently: the metadata comes from a file anyone may have edited.
 */
import { asObject, type JsonObject, prop, str } from '../../client/json';
import { type SourceOverride } from '../cell/directives';

export const METADATA_KEY = 'kubeshark';
/** The Hub identity of the embedded local Hub (its URL changes with every start). */
export const LOCAL_HUB = 'local';
export const DEFAULT_DISSECTION = 'default';

export type DataSource =
  | { readonly kind: 'live' }
  | { readonly kind: 'snapshot'; readonly snapshotId: string; readonly name?: string; readonly dissection?: string };

export interface NotebookSettings {
  /** `local`, or the normalised base URL of a remote Hub; undefined: whichever Hub is connected. */
  readonly hub?: string;
  /** Undefined until the person picks one (the first run asks). */
  readonly source?: DataSource;
  readonly keepOutputs: boolean;
}

export function readSettings(metadata: Readonly<Record<string, unknown>> | undefined): NotebookSettings {
  const own = asObject(prop(metadata as JsonObject | undefined, METADATA_KEY));
  const source = asObject(prop(own, 'source'));
  let parsed: DataSource | undefined;
  if (str(source, 'kind') === 'live') parsed = { kind: 'live' };
  else if (str(source, 'kind') === 'snapshot' && str(source, 'snapshotId')) {
    parsed = { kind: 'snapshot', snapshotId: str(source, 'snapshotId')!, name: str(source, 'name'), dissection: str(source, 'dissection') };
  }
  return { hub: str(own, 'hub') || undefined, source: parsed, keepOutputs: prop(own, 'keepOutputs') === true };
}

/** The notebook metadata with the settings replaced (other keys kept as they are). */
export function withSettings(metadata: Readonly<Record<string, unknown>> | undefined, settings: NotebookSettings): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  if (settings.hub) own.hub = settings.hub;
  if (settings.source) own.source = { ...settings.source };
  if (settings.keepOutputs) own.keepOutputs = true;
  return { ...(metadata ?? {}), [METADATA_KEY]: own };
}

/** What a cell asks for: its directive's source, else the notebook's. */
export type SourceRequest =
  | { readonly kind: 'live' }
  /** `ref` is an id, or a name when it came from a directive (resolved against the Hub's list). */
  | { readonly kind: 'snapshot'; readonly ref: string; readonly dissection: string; readonly label?: string; readonly fromDirective: boolean }
  | { readonly kind: 'unbound' };

export function effectiveSource(override: SourceOverride | undefined, settings: NotebookSettings): SourceRequest {
  if (override?.kind === 'live') return { kind: 'live' };
  if (override?.kind === 'snapshot') return { kind: 'snapshot', ref: override.snapshot, dissection: override.dissection ?? DEFAULT_DISSECTION, fromDirective: true };
  const source = settings.source;
  if (!source) return { kind: 'unbound' };
  if (source.kind === 'live') return { kind: 'live' };
  return { kind: 'snapshot', ref: source.snapshotId, dissection: source.dissection ?? DEFAULT_DISSECTION, label: source.name, fromDirective: false };
}

/** `snapshot 'checkout-outage' (default)`, `live traffic`, `no data source`. */
export function sourceLabel(source: SourceRequest): string {
  switch (source.kind) {
    case 'live': return 'live traffic';
    case 'unbound': return 'no data source';
    case 'snapshot': return `snapshot '${source.label ?? source.ref}'${source.dissection === DEFAULT_DISSECTION ? '' : ` (${source.dissection})`}`;
  }
}
