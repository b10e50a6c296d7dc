import assert from 'node:assert/strict';
import { type Finding, lintScript, lintWorkspace, summarizeScript } from '../../agent-scripts/index';
import { corpusWorkspaces } from './corpus';
import { applyFix, countByRule, fixFirst, readFixture, SPEC_ENV } from './helpers';

/**
 * Every quick fix is verified by re-linting its output: the finding goes away and no new error
 * appears (spec §9; brief: "verify each fix by re-linting").
 */
describe('agent-scripts: quick fixes', () => {
  describe('every fix in the spec examples and the corpus', () => {
    const cases: { name: string; text: string; envNames: ReadonlySet<string> | undefined; workspace: ReturnType<typeof summarizeScript>[] }[] = [];
    for (const w of corpusWorkspaces()) {
      const workspace = w.files.map((f) => summarizeScript(f.path, f.text));
      for (const f of w.files) cases.push({ name: f.path, text: f.text, envNames: w.envNames, workspace });
    }
    for (const name of ['faulty-es2015-hooks.js', 'faulty-helpers-secrets.js', 'faulty-hot-path-scope.js']) {
      cases.push({ name, text: readFixture('spec', name), envNames: SPEC_ENV, workspace: [] });
    }
    let checked = 0;
    for (const c of cases) {
      const options = { path: c.name, envNames: c.envNames, workspace: c.workspace };
      const findings = lintScript(c.text, options);
      findings.forEach((finding, index) => {
        finding.fixes.forEach((fix, fixIndex) => {
          checked++;
          it(`${c.name} #${index} ${finding.rule}: ${fix.title}`, () => {
            // The env name a secret fix introduces is what the editor offers to add to the settings.
            const envNames = fix.addEnvName && c.envNames ? new Set([...c.envNames, fix.addEnvName]) : c.envNames;
            const before = lintScript(c.text, { ...options, envNames });
            const after = lintScript(applyFix(c.text, fix), { ...options, envNames });
            assertFixed(before, after, finding.rule, `${fix.title} (fix ${fixIndex})`);
          });
        });
      });
    }
    it('covers many fixes', () => assert.ok(checked >= 70, `only ${checked} fixes`));
  });

  const fixed = (text: string, rule: string, env?: ReadonlySet<string>): string => fixFirst(text, rule, { envNames: env }).fixed;
  const T = '// T\n';

  it('let/const → var', () => {
    assert.equal(fixed(`${T}const a = 1;\n`, 'es5/no-let-const'), `${T}var a = 1;\n`);
  });

  it('arrow → function expression, with a return for expression bodies; not when `this` is the outer one', () => {
    assert.equal(fixed(`${T}var f = x => x.id;\n`, 'es5/no-arrow'), `${T}var f = function (x) { return x.id; };\n`);
    assert.equal(fixed(`${T}var f = (a, b) => { return a; };\n`, 'es5/no-arrow'), `${T}var f = function (a, b) { return a; };\n`);
    assert.equal(fixed(`${T}var f = () => ({a: 1});\n`, 'es5/no-arrow'), `${T}var f = function () { return {a: 1}; };\n`);
    assert.deepEqual(lintScript(`${T}function C() { var f = () => this; }\n`)[0]!.fixes, []);
  });

  it('template literal → concatenation that stays a string and keeps precedence', () => {
    assert.equal(fixed(`${T}var s = \`\${a}:\${b}\`;\n`, 'es5/no-template-literal'), `${T}var s = a + ":" + b;\n`);
    assert.equal(fixed(`${T}var s = \`\${a}\${b}\`;\n`, 'es5/no-template-literal'), `${T}var s = "" + a + b;\n`);
    assert.equal(fixed(`${T}var n = \`x\${a - 1}\`.length;\n`, 'es5/no-template-literal'), `${T}var n = ("x" + (a - 1)).length;\n`);
    assert.equal(fixed(`${T}var s = \`line\n"q"\`;\n`, 'es5/no-template-literal'), `${T}var s = "line\\n\\"q\\"";\n`);
  });

  it('shorthand properties and methods', () => {
    assert.equal(fixed(`${T}var o = {ip};\n`, 'es5/no-shorthand-property'), `${T}var o = {ip: ip};\n`);
    assert.equal(fixed(`${T}var o = {run() { return 1; }};\n`, 'es5/no-shorthand-property'), `${T}var o = {run: function () { return 1; }};\n`);
  });

  it('optional chaining → && guards, repeated only when side-effect free', () => {
    assert.equal(fixed(`${T}var n = a.b?.c.d;\n`, 'es5/no-optional-chaining'), `${T}var n = a.b && a.b.c.d;\n`);
    assert.equal(fixed(`${T}var n = a?.b?.[k];\n`, 'es5/no-optional-chaining'), `${T}var n = a && a.b && a.b[k];\n`);
    assert.equal(fixed(`${T}var n = a.f?.();\n`, 'es5/no-optional-chaining'), `${T}var n = a.f && a.f();\n`);
    assert.equal(fixed(`${T}var n = 1 + a?.b;\n`, 'es5/no-optional-chaining'), `${T}var n = 1 + (a && a.b);\n`);
    assert.deepEqual(lintScript(`${T}var n = f()?.b;\n`).find((f) => f.rule === 'es5/no-optional-chaining')!.fixes, []);
  });

  it('** → Math.pow', () => {
    assert.equal(fixed(`${T}var y = (a + 1) ** 2;\n`, 'es5/no-exponent'), `${T}var y = Math.pow(a + 1, 2);\n`);
    assert.equal(fixed(`${T}var y = 2;\ny **= 3;\n`, 'es5/no-exponent'), `${T}var y = 2;\ny = Math.pow(y, 3);\n`);
  });

  it('for…of → index loop, with a temporary for a list with side effects', () => {
    assert.equal(
      fixed(`${T}var list = [];\nfor (var x of list) {\n  console.log(x);\n}\n`, 'es5/no-for-of'),
      `${T}var list = [];\nfor (var i = 0; i < list.length; i++) {\n  var x = list[i];\n  console.log(x);\n}\n`,
    );
    assert.equal(
      fixed(`${T}var i = 0;\nfor (var x of Object.keys({})) console.log(x, i);\n`, 'es5/no-for-of'),
      `${T}var i = 0;\nfor (var j = 0, list = Object.keys({}); j < list.length; j++) { var x = list[j]; console.log(x, i); }\n`,
    );
  });

  it('default parameters → an undefined test in the body', () => {
    assert.equal(
      fixed(`${T}function f(n = 5) {\n  return n;\n}\n`, 'es5/no-default-param'),
      `${T}function f(n) {\n  if (n === undefined) { n = 5; }\n  return n;\n}\n`,
    );
  });

  it('destructuring declarations → one read per name', () => {
    assert.equal(fixed(`${T}var d = {};\nvar {ip, port} = d;\n`, 'es5/no-destructuring'), `${T}var d = {};\nvar ip = d.ip, port = d.port;\n`);
    assert.equal(fixed(`${T}var [a, , b] = f();\n`, 'es5/no-destructuring'), `${T}var ref = f(), a = ref[0], b = ref[2];\n`);
  });

  it('missing title → a title from the file name', () => {
    const { fixed: text } = fixFirst('var a = 1;\n', 'meta/missing-title', { path: 'scripts/slow-call_tracker.js' });
    assert.equal(text, '// Slow call tracker\nvar a = 1;\n');
  });

  it('swapped kfl.match arguments, JSON.parse for hub.targeted, JSON.stringify for a body', () => {
    assert.equal(fixed(`${T}function g(data) { return kfl.match(data, "http"); }\ng({});\n`, 'helpers/arg-order'), `${T}function g(data) { return kfl.match("http", data); }\ng({});\n`);
    assert.equal(fixed(`${T}var t = hub.targeted().targets;\n`, 'helpers/json-string-return'), `${T}var t = JSON.parse(hub.targeted()).targets;\n`);
    assert.equal(fixed(`${T}vendor.webhook("POST", "u", {a: 1});\n`, 'helpers/arg-type'), `${T}vendor.webhook("POST", "u", JSON.stringify({a: 1}));\n`);
  });

  it('secrets → env.NAME, never moving the value anywhere', () => {
    const text = `${T}vendor.slackBot("xoxb-1111-2222-abcdefgh", env.C, "a", "b", "c");\n`;
    const finding = lintScript(text, { envNames: new Set(['C']) }).find((f) => f.rule === 'security/hardcoded-secret')!;
    const fix = finding.fixes[0]!;
    assert.equal(fix.addEnvName, 'SLACK_TOKEN');
    assert.equal(applyFix(text, fix), `${T}vendor.slackBot(env.SLACK_TOKEN, env.C, "a", "b", "c");\n`);
    assert.ok(!JSON.stringify(fix).includes('xoxb'), 'the secret is not carried by the fix');
    const header = `${T}vendor.webhook("POST", env.U, "{}", {Authorization: "Bearer abc12345"});\n`;
    assert.equal(fixed(header, 'security/hardcoded-secret', new Set(['U'])), `${T}vendor.webhook("POST", env.U, "{}", {Authorization: "Bearer " + env.WEBHOOK_TOKEN});\n`);
  });

  it('implicit global → var at top level, or a top-level declaration for a first assignment in a function', () => {
    assert.equal(fixed(`${T}count = 0;\n`, 'scope/implicit-global'), `${T}var count = 0;\n`);
    assert.equal(fixed(`${T}function f() {\n  count = 1;\n}\nf();\n`, 'scope/implicit-global'), `${T}var count;\nfunction f() {\n  count = 1;\n}\nf();\n`);
  });

  it('did-you-mean renames: env names, helpers, hooks (with their references)', () => {
    assert.equal(fixed(`${T}var u = env.WEBHOK_URL;\n`, 'env/undeclared', new Set(['WEBHOOK_URL'])), `${T}var u = env.WEBHOOK_URL;\n`);
    assert.equal(fixed(`${T}vendor.slak("u", "a", "b", "c");\n`, 'helpers/unknown-helper'), `${T}vendor.slack("u", "a", "b", "c");\n`);
    assert.equal(fixed(`${T}function onItemCapture(d) {}\nonItemCapture({});\n`, 'hooks/unknown-hook'), `${T}function onItemCaptured(d) {}\nonItemCaptured({});\n`);
  });

  it('lintWorkspace fixes agree with single-file linting', () => {
    const files = [{ path: 'a.js', text: `${T}const a = 1;\n` }];
    assert.deepEqual(lintWorkspace(files).get('a.js')!.map((f) => f.fixes.length), [1]);
  });
});

function assertFixed(before: readonly Finding[], after: readonly Finding[], rule: string, what: string): void {
  const was = countByRule(before).get(rule) ?? 0;
  const now = countByRule(after).get(rule) ?? 0;
  assert.ok(now < was, `${what}: ${rule} still reported (${was} → ${now})`);
  const errorsBefore = countByRule(before, 'error');
  for (const [r, n] of countByRule(after, 'error')) {
    assert.ok(n <= (errorsBefore.get(r) ?? 0), `${what}: new error ${r}: ${after.filter((f) => f.rule === r).map((f) => f.message).join(' | ')}`);
  }
}
