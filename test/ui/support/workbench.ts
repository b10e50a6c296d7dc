import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/paths';
import { launchBrowser, remoteUri, workbenchUrl } from './browser';

/** Time for the workbench to load and our extension host to start (cold code-server: ~10 s). */
const LOAD_TIMEOUT_MS = 120_000;
/** Time for one UI reaction (a palette row, a tab, a webview) once the workbench is up. */
const UI_TIMEOUT_MS = 30_000;
/** The README's screenshots. */
export const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

/** Where run-tests.mjs started code-server and what it prepared; UI tests run only under it. */
export interface UiEnvironment {
  readonly serverUrl: string;
  /** test/fixtures/vscode: each workbench without a folder of its own opens a fresh copy of it. */
  readonly fixtures: string;
  /** The run's scratch folder (fresh workspaces go there). */
  readonly scratch: string;
  /** Screenshots and other artifacts of this run. */
  readonly artifacts: string;
}

export function uiEnvironment(): UiEnvironment {
  const serverUrl = process.env.KUBESHARK_VSCODE_URL;
  const scratch = process.env.KUBESHARK_VSCODE_SCRATCH;
  if (!serverUrl || !scratch) {
    throw new Error('UI tests need a code-server: run them with `node scripts/vscode/run-tests.mjs --ui`');
  }
  return {
    serverUrl,
    scratch,
    fixtures: path.join(REPO_ROOT, 'test', 'fixtures', 'vscode'),
    artifacts: process.env.KUBESHARK_VSCODE_ARTIFACTS ?? path.join(REPO_ROOT, 'test-results', 'ui'),
  };
}

/**
 * A new copy of the fixture folder. VS Code keeps editors, untitled text and view state per
 * folder; a fresh folder per workbench keeps tests from seeing what earlier ones left open.
 */
function freshWorkspace(env: UiEnvironment): string {
  const parent = path.join(env.scratch, 'ui-workspaces');
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(path.join(parent, 'workspace-'));
  cpSync(env.fixtures, folder, { recursive: true });
  return folder;
}

let browser: Promise<Browser> | undefined;
const open = new Set<Workbench>();

/**
 * One VS Code window in Chromium, with this repository loaded as the extension under development
 * (from source: dist/ and package.json). Under the smoke-test driver notifications do not show as
 * toasts; `notifications()` opens the notification center instead.
 */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly _context: BrowserContext,
    private readonly _env: UiEnvironment,
  ) {}

  /** Opens `folder` (default: a fresh copy of test/fixtures/vscode) and waits until the workbench shows it. */
  static async open(options: { folder?: string } = {}): Promise<Workbench> {
    const env = uiEnvironment();
    browser ??= launchBrowser();
    const context = await (await browser).newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const workbench = new Workbench(page, context, env);
    open.add(workbench);
    const folder = options.folder ?? freshWorkspace(env);
    await page.goto(workbenchUrl(env.serverUrl, folder, [['extensionDevelopmentPath', remoteUri(env.serverUrl, REPO_ROOT)]]));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: LOAD_TIMEOUT_MS });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    return workbench;
  }

  /** Opens a file of the folder through Quick Open, as a person would; resolves with its editor. */
  async openFile(relativePath: string): Promise<Locator> {
    const input = await this._quickInput('');
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Runs a command from the command palette by its title (`Category: Title`). */
  async runCommand(title: string): Promise<void> {
    const input = await this._quickInput('>');
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /**
   * The content frame of the webview whose document title is `title`. Webviews are nested iframes:
   * the workbench's `iframe.webview` hosts the extension's HTML in a frame named `active-frame`,
   * or `pending-frame` while it loads, a name code-server 1.139 may keep, so both count.
   */
  async webview(title: string, timeoutMs = UI_TIMEOUT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if ((frame.name() === 'active-frame' || frame.name() === 'pending-frame') && (await frame.title().catch(() => '')) === title) return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no webview titled '${title}' within ${timeoutMs} ms`);
      // A new or reloaded webview document announces itself by navigating; look again then, and at
      // least every second, since a frame's title can change without a navigation.
      await this.page.waitForEvent('framenavigated', { timeout: Math.min(left, 1000) }).then((frame) => frame.waitForLoadState('domcontentloaded'), () => undefined);
    }
  }

  /** Drags the side bar's edge `px` wider (so tree descriptions fit a screenshot). */
  async widenSideBar(px: number): Promise<void> {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sidebar) return;
    const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
    await this.page.mouse.move(edge.x, edge.y);
    await this.page.mouse.down();
    await this.page.mouse.move(edge.x + px, edge.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Waits until the animations under `selector` (a menu fading in) have finished. */
  async settled(selector: string): Promise<void> {
    await this.page.waitForFunction((s) => document.querySelector(s)?.getAnimations({ subtree: true }).every((a) => a.playState === 'finished') ?? false, selector);
  }

  /** Opens the notification center and returns it (toasts are suppressed under the smoke-test driver). */
  async notifications(): Promise<Locator> {
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ timeout: UI_TIMEOUT_MS });
    return center;
  }

  /** Saves a screenshot of the window under the run's artifacts folder; returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this._env.artifacts, { recursive: true });
    const file = path.join(this._env.artifacts, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** A screenshot among the run's artifacts that is also the README's (docs/images/) when KUBESHARK_UPDATE_DOCS_IMAGES=1. */
  async docScreenshot(name: string): Promise<void> {
    await this.screenshot(name);
    if (process.env.KUBESHARK_UPDATE_DOCS_IMAGES !== '1') return;
    mkdirSync(DOCS_IMAGES, { recursive: true });
    await this.page.screenshot({ path: path.join(DOCS_IMAGES, `${name}.png`) });
  }

  async close(): Promise<void> {
    open.delete(this);
    await this._context.close();
  }

  private async _quickInput(prefix: string): Promise<Locator> {
    // F1 opens the palette with '>'; typing without it switches to Quick Open (files).
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(prefix);
    return input;
  }
}

/** Workbenches a test left open (hooks.ts screenshots them when the test failed and closes them). */
export function openWorkbenches(): Workbench[] {
  return [...open];
}

/** Ends the browser shared by every workbench of this mocha process. */
export async function closeBrowser(): Promise<void> {
  const shared = browser;
  browser = undefined;
  if (shared) await (await shared).close();
}
