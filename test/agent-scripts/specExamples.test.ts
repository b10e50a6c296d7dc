import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintScript, lintWorkspace } from '../../agent-scripts/index';
import { SHARED_DIR } from '../support/paths';
import { readFixture, rows, SPEC_ENV } from './helpers';

/** The spec's §10/§11 examples, copied into fixtures, with §11's expected tables (line, rule, severity). */
const CLEAN = ['clean-5xx-digest.js', 'clean-packet-rates.js', 'clean-dns-tally.js'];
const FAULTY: Record<string, string[]> = {
  'faulty-es2015-hooks.js': [
    '2 es5/no-let-const error',
    '3 es5/no-let-const error',
    '5 hooks/unknown-hook warning',
    '11 hooks/arity warning',
    '12 es5/no-destructuring error',
    '15 es5/no-arrow error',
    '15 es5/no-template-literal error',
    '17 es5/no-class error',
    '19 es5/no-default-param error',
    '20 es5/no-for-of error',
    '21 es5/no-optional-chaining error',
  ],
  'faulty-helpers-secrets.js': [
    '11 helpers/unknown-helper error',
    '12 security/hardcoded-secret error',
    '12 env/undeclared warning',
    '13 helpers/arg-type error',
    '14 helpers/arity error',
    '18 jobs/cron-invalid error',
    '19 jobs/duplicate-tag error',
    '19 helpers/arg-type error',
  ],
  'faulty-hot-path-scope.js': [
    '3 scope/implicit-global error',
    '7 perf/heavy-onPacketCaptured warning',
    '11 kfl/query-literal info',
    '14 jobs/schedule-in-hook warning',
    '18 helpers/json-string-return warning',
    '20 runtime/unavailable-global error',
    '23 jobs/cron-invalid error',
  ],
};

const sortRows = (list: string[]): string[] => [...list].sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));

describe('agent-scripts: the spec\'s example scripts (§10, §11)', () => {
  for (const name of CLEAN) {
    it(`${name} lints clean (not even an info)`, () => {
      const text = readFixture('spec', name);
      assert.deepEqual(rows(text, lintScript(text, { path: name, envNames: SPEC_ENV })), []);
    });
  }

  for (const [name, expected] of Object.entries(FAULTY)) {
    it(`${name} produces exactly the spec's findings`, () => {
      const text = readFixture('spec', name);
      assert.deepEqual(sortRows(rows(text, lintScript(text, { path: name, envNames: SPEC_ENV }))), sortRows(expected));
    });
  }

  it('the six examples linted as one workspace still give exactly those findings', () => {
    const names = [...CLEAN, ...Object.keys(FAULTY)];
    const results = lintWorkspace(names.map((n) => ({ path: n, text: readFixture('spec', n) })), { envNames: SPEC_ENV });
    for (const n of names) {
      assert.deepEqual(sortRows(rows(readFixture('spec', n), results.get(n)!)), sortRows(FAULTY[n] ?? []), n);
    }
  });

  it('the messages carry the spec\'s parameters', () => {
    const text = readFixture('spec', 'faulty-helpers-secrets.js');
    const messages = lintScript(text, { envNames: SPEC_ENV }).map((f) => f.message);
    assert.ok(messages.includes('`vendor.slackbot` is not a helper. Did you mean `vendor.slackBot`?'));
    assert.ok(messages.includes('`vendor.webhook` takes 3–4 arguments (method, url, body, headers?); got 1.'));
    assert.ok(messages.includes('Argument 3 (`body`) of `vendor.webhook` must be a string; got an object. Wrap it in `JSON.stringify(…)`.'));
    assert.ok(messages.includes('Job tag "send-digest" is already scheduled on line 18; tags must be unique.'));
    assert.ok(messages.includes('jobs.schedule needs six fields (seconds first); this has five. Did you mean `"0 */5 * * * *"`?'));
    assert.ok(messages.includes('Hard-coded secret in argument `token` of `vendor.slackBot`. Put it in scripting.env and use `env.SLACK_TOKEN`.'));
    assert.ok(messages.includes('`SLACK_CHANEL_ID` is not defined in scripting.env; it will be undefined at run time. Did you mean `SLACK_CHANNEL_ID`?'));
  });

  const spec = path.join(SHARED_DIR, 'spec', 'agent-scripts.md');
  (existsSync(spec) ? it : it.skip)('the fixtures are the spec\'s code blocks, verbatim', () => {
    const blocks = [...readFileSync(spec, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const name of [...CLEAN, ...Object.keys(FAULTY)]) {
      assert.ok(blocks.includes(readFixture('spec', name)), `${name} differs from the spec`);
    }
  });
});
