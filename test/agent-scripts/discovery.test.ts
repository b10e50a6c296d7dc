import assert from 'node:assert/strict';
import { addEnvNameEdit, discoverAgentScripts, readScriptingConfig, summarizeScript } from '../../agent-scripts/index';

const HOOK = '// A\nfunction onItemCaptured(data) {}\n';
const PLAIN = '// B\nvar x = 1;\n';

function discover(files: Record<string, string>, extra: { folders?: string[]; valuesFiles?: string[]; envNames?: string[]; root?: string } = {}) {
  return discoverAgentScripts({ paths: Object.keys(files), read: (p) => files[p], ...extra });
}

describe('agent-scripts: what counts as an agent script', () => {
  it('uses the scripting.source/sources folders of a values file, relative to it, and reads env names only', () => {
    const values = 'scripting:\n  env:\n    WEBHOOK_URL: "https://secret.invalid/x"\n    SLACK_TOKEN: xoxb-secret\n  source: agents\n  sources: [../shared-agents]\n';
    const d = discover({
      'deploy/values.yaml': values,
      'deploy/agents/a.js': PLAIN,
      'deploy/agents/nested/b.js': HOOK,
      'shared-agents/c.js': PLAIN,
      'scripts/d.js': HOOK,
      'web/app.js': PLAIN,
    });
    assert.deepEqual(d.folders, ['deploy/agents', 'shared-agents']);
    assert.deepEqual(d.scripts, ['deploy/agents/a.js', 'shared-agents/c.js']);
    assert.deepEqual([...d.envNames!].sort(), ['SLACK_TOKEN', 'WEBHOOK_URL']);
    assert.deepEqual(d.configFiles, ['deploy/values.yaml']);
  });

  it('falls back to scripts/ folders holding a file that defines a hook', () => {
    const d = discover({ 'scripts/a.js': HOOK, 'scripts/b.js': PLAIN, 'tools/scripts/c.js': PLAIN, 'src/d.js': HOOK });
    assert.deepEqual(d.scripts, ['scripts/a.js', 'scripts/b.js']);
    assert.equal(d.envNames, undefined);
  });

  it('lets the setting name the folders and the env names', () => {
    const d = discover({ 'scripts/a.js': HOOK, 'agents/b.js': PLAIN }, { folders: ['./agents/'], envNames: ['A'] });
    assert.deepEqual(d.scripts, ['agents/b.js']);
    assert.deepEqual([...d.envNames!], ['A']);
  });

  it('takes files that opt in with the first-line marker, anywhere', () => {
    const d = discover({ 'misc/x.js': '// kubeshark-agent-script\n// X\nvar a;\n', 'misc/y.js': '// Y\n// kubeshark-agent-script\n' });
    assert.deepEqual(d.scripts, ['misc/x.js']);
  });

  it('maps absolute sources inside the workspace root and ignores those outside', () => {
    const d = discover({ 'values.yaml': 'scripting:\n  sources: [/ws/agents, /elsewhere/agents]\n', 'agents/a.js': PLAIN }, { root: '/ws' });
    assert.deepEqual(d.scripts, ['agents/a.js']);
  });

  it('uses only the chosen values files when given, and skips node_modules', () => {
    const files = { 'a/values.yaml': 'scripting:\n  source: one\n', 'b/values.yaml': 'scripting:\n  source: two\n', 'a/one/x.js': PLAIN, 'b/two/y.js': PLAIN, 'node_modules/scripts/z.js': HOOK };
    assert.deepEqual(discover(files, { valuesFiles: ['b/values.yaml'] }).scripts, ['b/two/y.js']);
    assert.deepEqual(discover({ 'node_modules/scripts/z.js': HOOK }).scripts, []);
  });
});

describe('agent-scripts: reading values files', () => {
  it('finds scripting at the top level or under kubeshark:, across documents', () => {
    assert.deepEqual(readScriptingConfig('kubeshark:\n  scripting:\n    env: {A: 1, B: x}\n'), { envNames: ['A', 'B'], sources: [] });
    assert.deepEqual(readScriptingConfig('a: 1\n---\nscripting:\n  env:\n    C: y\n---\nscripting:\n  source: s\n'), { envNames: ['C'], sources: ['s'] });
    assert.equal(readScriptingConfig('tap:\n  regex: x\n'), undefined);
  });

  it('never throws on broken or hostile YAML', () => {
    for (const text of ['scripting: [', ': : :', 'a: &a [*a, *a]\nscripting: *a', '\u0000\u0001', 'scripting:\n  env: "not a map"', '- - - -']) {
      assert.doesNotThrow(() => readScriptingConfig(text));
    }
    const bomb = `a: &a ["x","x"]\n${Array.from({ length: 20 }, (_, i) => `b${i}: &b${i} [*${i === 0 ? 'a' : `b${i - 1}`}, *${i === 0 ? 'a' : `b${i - 1}`}]`).join('\n')}\nscripting:\n  env: {OK: 1}\n`;
    assert.deepEqual(readScriptingConfig(bomb)?.envNames, ['OK']);
  });
});

describe('agent-scripts: workspace summaries', () => {
  it('records the title, literal job tags with lines, dynamic prefixes and shared globals', () => {
    const text = '// Digest\nvar shared = this;\nthis.a = 1;\nshared.b = 2;\nfunction f() { this.c = 3; }\njobs.schedule("x", "0 * * * * *", f);\njobs.schedule("flush-" + f(), "0 * * * * *", f);\n';
    assert.deepEqual(summarizeScript('s.js', text), {
      path: 's.js', title: 'Digest', jobTags: [{ tag: 'x', line: 6 }], dynamicTagPrefixes: ['flush-'], globalNames: ['a', 'b'],
    });
    assert.equal(summarizeScript('t.js', 'var a = (;\n').title, undefined);
  });
});

describe('agent-scripts: adding an env name to a values file', () => {
  const apply = (text: string, name: string): string | undefined => {
    const edit = addEnvNameEdit(text, name);
    return edit && text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  };

  it('appends `NAME: ""` to a block map with its indentation, keeping comments and order', () => {
    const text = '# values\nscripting:\n  env:\n    A: "x" # keep\n    B: y\n  source: s\n';
    assert.equal(apply(text, 'SLACK_TOKEN'), '# values\nscripting:\n  env:\n    A: "x" # keep\n    B: y\n    SLACK_TOKEN: ""\n  source: s\n');
    assert.deepEqual(readScriptingConfig(apply(text, 'SLACK_TOKEN')!)?.envNames, ['A', 'B', 'SLACK_TOKEN']);
  });

  it('handles flow maps, CRLF and umbrella charts; declines when the name exists or there is no env map', () => {
    assert.equal(apply('scripting:\n  env: {}\n', 'T'), 'scripting:\n  env: {T: ""}\n');
    assert.equal(apply('scripting:\n  env: {A: 1}\n', 'T'), 'scripting:\n  env: {A: 1, T: ""}\n');
    assert.equal(apply('kubeshark:\r\n  scripting:\r\n    env:\r\n      A: 1\r\n', 'T'), 'kubeshark:\r\n  scripting:\r\n    env:\r\n      A: 1\r\n      T: ""\r\n');
    assert.equal(apply('scripting:\n  env:\n    A: 1\n', 'A'), undefined);
    assert.equal(apply('scripting:\n  source: s\n', 'T'), undefined);
    assert.equal(apply('scripting:\n  env:\n    A: 1\n', 'not a name'), undefined);
  });
});
