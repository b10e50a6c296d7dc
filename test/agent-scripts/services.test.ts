import assert from 'node:assert/strict';
import { completeAgentScript, hoverAgentScript, nextRuns } from '../../agent-scripts/index';

/** `▮` marks the caret in the test texts. */
function at(source: string): { text: string; offset: number } {
  const offset = source.indexOf('▮');
  assert.ok(offset >= 0, 'caret marker missing');
  return { text: source.replace('▮', ''), offset };
}

const labels = (source: string, envNames?: ReadonlySet<string>): string[] => {
  const { text, offset } = at(source);
  return completeAgentScript(text, offset, { envNames }).map((i) => i.label);
};

describe('agent-scripts: completion', () => {
  it('offers hooks as snippets with their parameters at the top level', () => {
    const { text, offset } = at('// T\nvar a = 1;\nonI▮');
    const items = completeAgentScript(text, offset);
    const hook = items.find((i) => i.label === 'onItemCaptured')!;
    assert.equal(hook.kind, 'hook');
    assert.equal(hook.snippet, true);
    assert.equal(hook.insertText, 'function onItemCaptured(${1:data}) {\n\t$0\n}');
    assert.equal(text.slice(hook.start, hook.end), 'onI');
    assert.ok(hook.documentation.includes('reassembled L7 message'));
    const typed = at('// T\nfunction onP▮');
    const after = completeAgentScript(typed.text, typed.offset).find((i) => i.label === 'onPodEvent')!;
    assert.equal(after.insertText, 'onPodEvent(${1:event}, ${2:pod}) {\n\t$0\n}');
  });

  it('does not offer hooks inside a function', () => {
    assert.ok(!labels('// T\nfunction f() {\n  on▮\n}').includes('onItemCaptured'));
    assert.ok(labels('// T\nfunction f() {\n  v▮\n}').includes('vendor'));
  });

  it('offers helpers with signatures after a namespace, and nested namespaces', () => {
    const { text, offset } = at('// T\nfunction f() { vendor.▮ }');
    const items = completeAgentScript(text, offset);
    const webhook = items.find((i) => i.label === 'webhook')!;
    assert.equal(webhook.detail, 'vendor.webhook(method: string, url: string, body: string, headers?: object): string (response body)');
    assert.ok(webhook.documentation.includes('Does network I/O'));
    assert.ok(items.some((i) => i.label === 'kinesis' && i.kind === 'namespace'));
    assert.deepEqual(labels('// T\nvendor.kinesis.p▮'), ['put']);
    assert.deepEqual(labels('// T\njobs.scheduler.▮'), ['isRunning', 'start', 'stop']);
  });

  it('offers env names after `env.`', () => {
    assert.deepEqual(labels('// T\nvar u = env.▮', new Set(['WEBHOOK_URL', 'API_TOKEN'])), ['API_TOKEN', 'WEBHOOK_URL']);
    assert.deepEqual(labels('// T\nvar u = env.W▮;', new Set(['WEBHOOK_URL'])), ['WEBHOOK_URL']);
  });

  it('offers the fields of a captured item, a packet and a pod, nested', () => {
    const entry = labels('// T\nfunction onItemCaptured(item) {\n  if (item.▮\n}');
    assert.ok(entry.includes('request') && entry.includes('elapsedTime') && entry.includes('protocol'));
    assert.ok(labels('// T\nfunction onItemCaptured(data) { data.request.▮ }').includes('headers'));
    assert.ok(labels('// T\nfunction onItemCaptured(data) { data.response.content.▮ }').includes('mimeType'));
    assert.deepEqual(labels('// T\nfunction onPacketCaptured(p) { p.▮ }'), ['timestamp', 'captureLength', 'length', 'truncated', 'fragmented']);
    assert.deepEqual(labels('// T\nfunction onPodEvent(e, pod) { pod.ObjectMeta.▮ }'), ['Name', 'Namespace', 'Labels', 'CreationTimestamp']);
  });

  it('offers nothing inside comments, strings, templates and regexes', () => {
    assert.deepEqual(labels('// T\n// vendor.▮'), []);
    assert.deepEqual(labels('// T\nvar s = "vendor.▮";'), []);
    assert.deepEqual(labels('// T\nvar s = `x vendor.▮`;'), []);
    assert.deepEqual(labels('// T\nvar r = /vendor.▮/;'), []);
    assert.ok(labels('// T\nvar s = `${vendor.▮}`;').includes('webhook'));
    assert.ok(labels('// T\nvar r = a / 2; vendor.▮').includes('slack'));
  });
});

describe('agent-scripts: hover', () => {
  const hover = (source: string, options = {}): string | undefined => {
    const { text, offset } = at(source);
    return hoverAgentScript(text, offset, options)?.markdown;
  };

  it('shows a helper\'s signature, docs and where it runs', () => {
    const md = hover('// T\nvendor.slac▮k("u", "a", "b", "c");')!;
    assert.ok(md.includes('vendor.slack(webhookUrl: string, pretext: string, text: string, color: string): void'));
    assert.ok(md.includes('Runs on: Hub and workers (assumed).'));
    assert.ok(hover('// T\nvendor.kinesis.p▮ut("s", "p", "r", env.A, env.B);')!.includes('vendor.kinesis.put(streamName: string'));
    assert.ok(hover('// T\nven▮dor.slack("u", "a", "b", "c");')!.includes('`webhook`'));
  });

  it('shows a hook\'s parameters on its declaration', () => {
    const md = hover('// T\nfunction onHub▮Action(action, object) {}')!;
    assert.ok(md.includes('function onHubAction(action, object)'));
    assert.ok(md.includes('Runs on: Hub only.'));
  });

  it('explains env names without showing values', () => {
    assert.ok(hover('// T\nvar u = env.WEB▮HOOK_URL;', { envNames: new Set(['WEBHOOK_URL']) })!.includes('Defined in `scripting.env`.'));
    assert.ok(hover('// T\nvar u = env.NOP▮E;', { envNames: new Set(['WEBHOOK_URL']) })!.includes('Not defined'));
  });

  it('documents entry fields, through the hook parameter\'s own name', () => {
    assert.ok(hover('// T\nfunction onItemCaptured(e) { return e.src.po▮rt; }')!.includes('**a string**'));
    assert.equal(hover('// T\nfunction f(e) { return e.src.po▮rt; }'), undefined);
  });

  it('shows the next three runs of a cron in local time with UTC beside it', () => {
    const now = Date.UTC(2026, 2, 14, 12, 0, 0);
    const md = hover('// T\nfunction f() {}\njobs.schedule("t", "0 0 17 * ▮* *", f);', { timeZone: 'Asia/Kolkata', cronTimeZone: 'UTC', now })!;
    assert.ok(md.includes('- 2026-03-14 22:30:00 IST (17:00:00 UTC)\n- 2026-03-15 22:30:00 IST (17:00:00 UTC)\n- 2026-03-16 22:30:00 IST (17:00:00 UTC)'), md);
    const viaVar = hover('// T\nvar every = "0 0 0 1 JAN,JUL ?▮";\nfunction f() {}\njobs.schedule("t", every, f);', { timeZone: 'UTC', now })!;
    assert.ok(viaVar.includes('2026-07-01 00:00:00 UTC\n'), viaVar);
    assert.ok(hover('// T\nfunction f() {}\njobs.schedule("t", "6▮0 * * * * *", f);')!.includes('Invalid: Second `60` is out of range 0–59.'));
    // Overlapping list items are valid (spec §5) though cron-parser alone would refuse them.
    const overlap = hover('// T\nfunction f() {}\njobs.schedule("t", "10,*/5 0 17 * ▮* *", f);', { timeZone: 'UTC', now })!;
    assert.ok(overlap.includes('- 2026-03-14 17:00:00 UTC\n- 2026-03-14 17:00:05 UTC\n'), overlap);
    assert.equal(hover('// T\nvar s = "0 0 17 * ▮* *";'), undefined);
  });

  it('computes runs with weekday names and day-of-month lists (cron-parser as the calculator)', () => {
    const runs = nextRuns('30 15 9 * * MON-FRI', 3, Date.UTC(2026, 2, 14), 'UTC').map((ms) => new Date(ms).toISOString());
    assert.deepEqual(runs, ['2026-03-16T09:15:30.000Z', '2026-03-17T09:15:30.000Z', '2026-03-18T09:15:30.000Z']);
    assert.deepEqual(nextRuns('0 0 0 30 2 *', 3, Date.UTC(2026, 2, 14), 'UTC'), []);
  });
});
