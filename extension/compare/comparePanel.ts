/**
 * Compare Snapshots: both sides are gathered (flows, calls up to the cap, the targeted queries)
 * with progress in the panel and a cancellable notification, compared (analysis/compare.ts), and
 * shown. Every row opens its calls on either side, with that side's own KFL filter.
 */
import * as vscode from 'vscode';
import { Compare, type ScopeInfo } from '../../protocol/webviewMessages';
import { type ChangeItem, compareSides, type Comparison } from '../analysis/compare';
import { gatherSide, type GatherProgress } from '../analysis/gather/gather';
import { type SideData } from '../analysis/sideData';
import { abortSignalOf } from '../ui/cancellation';
import { formatCount } from '../util/format';
import { PanelHost } from '../webviews/host/panelHost';
import { webviewHtml, webviewOptions } from '../webviews/host/webviewHtml';
import { type AnalysisContext } from '../flows/analysisContext';
import { classifierFor, readAnalysisSettings, thresholdsText } from '../flows/analysisSettings';

const titleOf = (a: ScopeInfo, b: ScopeInfo): string => `Compare · ${a.label} → ${b.label}`;

function changes(items: readonly ChangeItem[]): Compare.Change[] {
  return items.map((c, index) => ({ index, category: c.category, label: c.label, count: c.count }));
}

export class ComparePanel implements vscode.Disposable {
  private static _active?: ComparePanel;
  private readonly _host: PanelHost<Compare.ToHost, Compare.ToWebview>;
  private _state?: Compare.ToWebview;
  private _comparison?: Comparison;
  private readonly _onDidLoad = new vscode.EventEmitter<void>();
  readonly onDidLoad = this._onDidLoad.event;

  static create(context: AnalysisContext, a: ScopeInfo, b: ScopeInfo): ComparePanel {
    const panel = vscode.window.createWebviewPanel(Compare.viewType, titleOf(a, b), vscode.ViewColumn.Active, { ...webviewOptions(context.extension.extensionUri), enableFindWidget: true });
    return new ComparePanel(context, panel, a, b);
  }

  static revive(context: AnalysisContext, panel: vscode.WebviewPanel, state: Compare.PersistedState): ComparePanel {
    panel.webview.options = webviewOptions(context.extension.extensionUri);
    return new ComparePanel(context, panel, state.a, state.b);
  }

  static active(): ComparePanel | undefined {
    return ComparePanel._active;
  }

  private constructor(private readonly _context: AnalysisContext, readonly panel: vscode.WebviewPanel, readonly a: ScopeInfo, readonly b: ScopeInfo) {
    panel.iconPath = vscode.Uri.joinPath(_context.extension.extensionUri, 'media', 'kubeshark.svg');
    this._host = new PanelHost(panel, {
      onReady: () => {
        if (this._state) this._host.post(this._state);
      },
      onMessage: (message) => {
        if (message.type === 'refresh') void this.load();
        else if (message.type === 'openCalls') void this.openCalls(message.table, message.index, message.side);
      },
    });
    panel.webview.html = webviewHtml(panel.webview, _context.extension.extensionUri, 'compare', titleOf(a, b));
    ComparePanel._active = this;
    panel.onDidChangeViewState(() => {
      if (panel.active) ComparePanel._active = this;
    });
    panel.onDidDispose(() => this.dispose());
    void this.load();
  }

  get host(): PanelHost<Compare.ToHost, Compare.ToWebview> {
    return this._host;
  }

  get comparison(): Comparison | undefined {
    return this._comparison;
  }

  async load(): Promise<void> {
    this._post({ type: 'loading', a: this.a, b: this.b, message: 'Reading both snapshots…' });
    try {
      const settings = readAnalysisSettings();
      const tools = await this._context.hub.connection.ensureConnected();
      const sides = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: titleOf(this.a, this.b), cancellable: true }, async (progress, token) => {
        const gather = async (scope: ScopeInfo, which: string): Promise<SideData> => {
          const report = (p: GatherProgress): void => {
            const message = `${which} '${scope.label}': ${p.stage} ${formatCount(p.done)}${p.total === undefined ? '' : ` of ${formatCount(p.total)}`}`;
            progress.report({ message });
            this._post({ type: 'loading', a: this.a, b: this.b, message });
          };
          const window = scope.snapshotId ? (await tools.getSnapshot(scope.snapshotId)).window : undefined;
          return gatherSide(tools, { label: scope.label, snapshotId: scope.snapshotId, dissection: scope.dissection, window }, { ...settings.gather, signal: abortSignalOf(token), onProgress: report });
        };
        return { a: await gather(this.a, 'A'), b: await gather(this.b, 'B') };
      });
      const classifier = classifierFor(settings, [...sides.a.workloadIps, ...sides.b.workloadIps]);
      const comparison = compareSides(sides.a, sides.b, settings.thresholds, classifier);
      this._comparison = comparison;
      this._post({
        type: 'result',
        result: {
          a: this.a, b: this.b, notes: [...comparison.notes], thresholds: thresholdsText(settings.thresholds),
          rows: comparison.rows.map((r, index) => ({
            index, kind: r.kind, label: r.label, a: r.a && { ...r.a }, b: r.b && { ...r.b }, score: r.score,
            tests: r.tests.map((t) => ({ metric: t.metric, text: t.text, significant: t.significant })),
          })),
          added: changes(comparison.added), removed: changes(comparison.removed),
        },
      });
    } catch (e) {
      this._post({ type: 'failed', a: this.a, b: this.b, message: e instanceof Error ? e.message : String(e) });
    } finally {
      this._onDidLoad.fire();
    }
  }

  /** The KFL filter and scope of a row's calls on one side, or of a new/vanished item on its side. */
  callsOf(table: Compare.Table, index: number, side: 'a' | 'b'): { scope: ScopeInfo; kfl: string } | undefined {
    const c = this._comparison;
    if (!c || !Number.isInteger(index)) return undefined;
    if (table === 'row') {
      const row = c.rows[index];
      const kfl = row && (side === 'a' ? row.kflA : row.kflB);
      return kfl === undefined ? undefined : { scope: side === 'a' ? this.a : this.b, kfl };
    }
    // Added items exist only in B, removed ones only in A.
    const item = (table === 'added' ? c.added : c.removed)[index];
    return item && { scope: table === 'added' ? this.b : this.a, kfl: item.kfl };
  }

  async openCalls(table: Compare.Table, index: number, side: 'a' | 'b'): Promise<void> {
    const target = this.callsOf(table, index, side);
    if (target) await this._context.webviews.openCallList(target);
  }

  dispose(): void {
    if (ComparePanel._active === this) ComparePanel._active = undefined;
    this._host.dispose();
    this._onDidLoad.dispose();
  }

  private _post(message: Compare.ToWebview): void {
    this._state = message;
    this._host.post(message);
  }
}
