import assert from 'node:assert/strict';
import { LineMap, lintWorkspace, RULE_IDS, RULES } from '../../agent-scripts/index';
import { corpusWorkspaces, expectations } from './corpus';

const key = (line: number, rule: string): string => `${String(line).padStart(4)} ${rule}`;

describe('agent-scripts: the annotated corpus', () => {
  const workspaces = corpusWorkspaces();

  it('has at least 30 scripts', () => {
    assert.ok(workspaces.flatMap((w) => w.files).length >= 30);
  });

  for (const workspace of workspaces) {
    describe(workspace.name, () => {
      const results = lintWorkspace(workspace.files, { envNames: workspace.envNames });
      for (const file of workspace.files) {
        it(`${file.path}: exactly the annotated findings`, () => {
          const lines = new LineMap(file.text);
          const findings = results.get(file.path)!;
          const expected = expectations(file.text);
          const actual = findings.map((f) => key(lines.lineOf(f.start), f.rule)).sort();
          assert.deepEqual(actual, expected.map((e) => key(e.line, e.rule)).sort(), findings.map((f) => `${lines.lineOf(f.start)}: ${f.message}`).join('\n'));
          for (const e of expected.filter((x) => x.severity)) {
            const match = findings.find((f) => lines.lineOf(f.start) === e.line && f.rule === e.rule)!;
            assert.equal(match.severity, e.severity, `${e.rule} on line ${e.line}`);
          }
        });
      }
    });
  }

  it('every rule of the catalog is expected somewhere (so each rule has a test that fails without it)', () => {
    const covered = new Set(workspaces.flatMap((w) => w.files.flatMap((f) => expectations(f.text).map((e) => e.rule))));
    assert.deepEqual(RULE_IDS.filter((id) => !covered.has(id)), []);
    assert.deepEqual([...covered].filter((id) => !(id in RULES)), []);
  });
});
