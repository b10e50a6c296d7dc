// Mocha root hooks of the UI suite (loaded with --require by run-tests.mjs): a failed test leaves
// a screenshot of every workbench it had open, and no window or browser outlives the run.
import { type Context } from 'mocha';
import { closeBrowser, openWorkbenches } from './workbench';

export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const failed = this.currentTest?.state === 'failed';
    for (const [i, workbench] of openWorkbenches().entries()) {
      if (failed) {
        const file = await workbench.screenshot(`${this.currentTest?.fullTitle() ?? 'failed'}-${i}`).catch(() => undefined);
        if (file) console.log(`    screenshot of the failure: ${file}`);
      }
      await workbench.close();
    }
  },
  async afterAll(): Promise<void> {
    await closeBrowser();
  },
};
