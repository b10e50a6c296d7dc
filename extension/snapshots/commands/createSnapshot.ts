/**
 * Create Snapshot…: a name, the nodes (all by default) and a window typed in local time, converted
 * to UTC and checked against the data boundaries before `create_snapshot` is called (hub-api.md
 * §5.6, §7). The window is confirmed only when something needs a look: an ambiguity the parser
 * resolved, or a window outside the data — with "+15 min margin" one click away.
 */
import * as vscode from 'vscode';
import { type Boundaries, type SnapshotInfo, type TimeWindow } from '../../client/model';
import { checkWindow, dataWindow, describeWindow, MARGIN_MS, withMargin } from '../../time/boundaries';
import { windowInputText } from '../../time/display';
import { parseWindow } from '../../time/windowInput';
import { askWindow } from '../../ui/windowInput';
import { pickNodes } from '../pickers';
import { runReporting, type SnapshotCommandContext } from './context';

/** Programmatic arguments: no prompts. `window` is local-time text (the setting's zone) or UTC ms. */
export interface CreateSnapshotArgs {
  readonly name?: string;
  readonly nodes?: readonly string[];
  readonly window?: string | TimeWindow;
  /** Widen the window by 15 minutes on each side. */
  readonly margin?: boolean;
}

export interface CreateSnapshotResult {
  readonly snapshot: SnapshotInfo;
  /** The UTC window sent (before the Hub clipped it to the data). */
  readonly requested?: TimeWindow;
  /** Ambiguities resolved while reading the window, and arguments this Hub did not take. */
  readonly notes: readonly string[];
}

export function createSnapshotCommand(context: SnapshotCommandContext, args?: CreateSnapshotArgs): Promise<CreateSnapshotResult | undefined> {
  const programmatic = typeof args === 'object' && args !== null;
  return runReporting(context, 'Create Snapshot', programmatic, () => (programmatic ? createWith(context, args) : createInteractively(context)));
}

async function createWith(context: SnapshotCommandContext, args: CreateSnapshotArgs): Promise<CreateSnapshotResult> {
  let window: TimeWindow | undefined;
  let notes: string[] = [];
  if (typeof args.window === 'string') {
    const parsed = parseWindow(args.window, { zone: context.hub.zone(), now: Date.now() });
    if (!parsed.ok) throw new Error(`${parsed.message} (at character ${parsed.offset + 1} of '${args.window}')`);
    window = parsed.window;
    notes = [...parsed.notes];
  } else {
    window = args.window;
  }
  if (window && args.margin) window = withMargin(window);
  return create(context, { name: args.name, nodes: args.nodes, window }, notes);
}

async function createInteractively(context: SnapshotCommandContext): Promise<CreateSnapshotResult | undefined> {
  const tools = await context.hub.connection.ensureConnected();
  const zone = context.hub.zone();
  const boundaries = await tools.boundaries();
  const name = await vscode.window.showInputBox({
    title: 'Create Snapshot (1/3): name',
    prompt: 'A name for the snapshot; empty lets the Hub name it (snap-<UTC time>)',
    placeHolder: 'e.g. checkout-outage',
    ignoreFocusOut: true,
    validateInput: (v) => (v.length > 200 ? 'At most 200 characters' : undefined),
  });
  if (name === undefined) return undefined;
  const withData = boundaries.nodes.filter((n) => n.window);
  const nodes = await pickNodes(withData.map((n) => ({ name: n.name, window: n.window })), 'Create Snapshot (2/3): nodes', zone);
  if (nodes === undefined) return undefined;
  const chosen = nodes.length === withData.length ? undefined : nodes;
  const data = dataWindow(boundaries, chosen);
  let text = data ? windowInputText(data, zone) : '';
  for (;;) {
    const answer = await askWindow({
      title: 'Create Snapshot (3/3): time window', zone, value: text, boundaries, nodes: chosen, emptyMeans: 'all captured data of the chosen nodes',
    });
    if (!answer) return undefined;
    if (!answer.window) return create(context, { name, nodes: chosen }, []);
    const confirmed = await confirmWindow(answer.window, answer.notes, boundaries, chosen, zone);
    if (confirmed === 'edit') {
      text = windowInputText(answer.window, zone);
      continue;
    }
    if (confirmed === undefined) return undefined;
    return create(context, { name, nodes: chosen, window: confirmed }, [...answer.notes]);
  }
}

/** The window as sent, after a look when needed; 'edit' to type it again. */
async function confirmWindow(window: TimeWindow, notes: readonly string[], boundaries: Boundaries, nodes: readonly string[] | undefined, zone: string): Promise<TimeWindow | 'edit' | undefined> {
  const fit = checkWindow(window, boundaries, zone, nodes);
  // A window reaching past the data is clipped by the Hub (the preview said so already); one that
  // misses the data, or that the parser had to interpret, gets a look first.
  if (notes.length === 0 && fit.fit !== 'outside' && fit.fit !== 'no-data') return window;
  const margin = withMargin(window);
  const items: (vscode.QuickPickItem & { choice: TimeWindow | 'edit' })[] = [
    { label: '$(check) Create', detail: describeWindow(window, zone), choice: window },
    { label: `$(arrow-both) Create with +${MARGIN_MS / 60_000} min margin`, detail: describeWindow(margin, zone), choice: margin },
    { label: '$(edit) Edit the window…', choice: 'edit' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Create Snapshot: check the window',
    placeHolder: [...notes, ...(fit.message ? [fit.message] : [])].join(' · '),
    ignoreFocusOut: true,
  });
  return picked?.choice;
}

async function create(
  context: SnapshotCommandContext,
  request: { name?: string; nodes?: readonly string[]; window?: TimeWindow },
  notes: readonly string[],
): Promise<CreateSnapshotResult> {
  const tools = await context.hub.connection.ensureConnected();
  const created = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating snapshot${request.name ? ` '${request.name}'` : ''}…` },
    () => tools.createSnapshot({ name: request.name, nodes: request.nodes, window: request.window }),
  );
  const snapshot = created.value;
  context.model.track(snapshot);
  void context.reveal(snapshot.key);
  const allNotes = [...notes, ...created.notes];
  const said = [...allNotes, ...snapshot.warnings];
  context.hub.log.info(`created snapshot ${snapshot.key} '${snapshot.name}'${request.window ? ` for ${request.window.start}–${request.window.end} (UTC ms)` : ''}${said.length ? `: ${said.join('; ')}` : ''}`);
  const message = `Snapshot '${snapshot.name}' is being created${request.window ? ` for ${describeWindow(request.window, context.hub.zone())}` : ''}.`;
  // The Hub's own warnings say how it clipped the window to the data: worth reading, not alarming.
  if (allNotes.length > 0) void vscode.window.showWarningMessage(`${message} ${said.join(' ')}`);
  else void vscode.window.showInformationMessage([message, ...snapshot.warnings].join(' '));
  return { snapshot, requested: request.window, notes: allNotes };
}
