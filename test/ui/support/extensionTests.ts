import { type Browser } from 'playwright-core';
import { remoteUri, workbenchUrl } from './browser';

/** One run of a test module inside VS Code's extension host (extensionTestsPath). */
export interface ExtensionTestRun {
  /** Base URL of a code-server started with `--vscode-option enable-smoke-test-driver`. */
  readonly serverUrl: string;
  /** Folder the workbench opens. */
  readonly folder: string;
  /** The extension under test (its package.json folder). */
  readonly extensionPath: string;
  /** The compiled test module exporting run(); must lie inside extensionPath. */
  readonly testsPath: string;
  /** Environment of the extension host (how tests get their settings). */
  readonly env: Readonly<Record<string, string>>;
  /** Guard against a hung workbench; the run normally ends on its own event. */
  readonly timeoutMs: number;
  /** Receives each message the workbench logs, including the extension host's console (mocha's report). */
  readonly onLog: (line: string) => void;
  /** Where to save a screenshot when the run fails. */
  readonly failureScreenshot?: string;
}

/**
 * Opens the workbench with the extension-development payload; VS Code loads the extension from
 * source, calls the test module's run() and reports its outcome through `codeAutomationExit`
 * (0 pass, 1 fail). Resolves to that exit code.
 */
export async function runExtensionTests(browser: Browser, run: ExtensionTestRun): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let guard: NodeJS.Timeout | undefined;
  try {
    let exit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve, reject) => {
      exit = resolve;
      page.once('crash', () => reject(new Error('the workbench page crashed')));
      guard = setTimeout(() => reject(new Error(`no result from the extension tests within ${run.timeoutMs / 1000} s`)), run.timeoutMs);
    });
    // A crash during page load is reported by `await exitCode` below, not as an unhandled rejection.
    exitCode.catch(() => undefined);
    // The workbench calls these when they exist (VS Code's automation hooks, as in @vscode/test-web).
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.exposeFunction('codeAutomationLog', (_level: number, message: unknown) => {
      run.onLog(Array.isArray(message) ? message.map(String).join(' ') : String(message));
    });
    page.on('pageerror', (e) => run.onLog(`[workbench error] ${e.message}`));
    await page.goto(workbenchUrl(run.serverUrl, run.folder, [
      ['extensionDevelopmentPath', remoteUri(run.serverUrl, run.extensionPath)],
      ['extensionTestsPath', remoteUri(run.serverUrl, run.testsPath)],
      ['extensionEnvironment', JSON.stringify(run.env)],
    ]));
    const code = await exitCode;
    if (code !== 0 && run.failureScreenshot) await page.screenshot({ path: run.failureScreenshot });
    return code;
  } finally {
    clearTimeout(guard);
    await context.close();
  }
}
