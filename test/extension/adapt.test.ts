import assert from 'node:assert/strict';
import { type ToolDescriptor } from '../../protocol/hubApi';
import { adaptArguments, declaredName } from '../../extension/client/adapt';
import { toolWith } from './support/faultServer';

const WINDOW = { start: 1773507600000, end: 1773511200000 };

describe('schema-driven argument adaptation (§2.4)', () => {
  it('sends each logical argument under the first alias the schema declares', () => {
    const local = toolWith('export_snapshot_pcap', { id: { type: 'string' }, nodes: { type: 'array', items: { type: 'string' } }, bpf_filter: { type: 'string' }, start_time: { type: 'integer' }, end_time: { type: 'integer' } }, ['id']);
    const real = toolWith('export_snapshot_pcap', { snapshot_id: { type: 'string' }, node_names: { type: 'string' }, bpf: { type: 'string' }, from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } });
    const logical = { snapshot: 'snap-1', nodes: ['a', 'b'], bpf: 'host 10.0.0.1', start: WINDOW.start, end: WINDOW.end };
    assert.deepEqual(adaptArguments(local, logical).arguments, { id: 'snap-1', nodes: ['a', 'b'], bpf_filter: 'host 10.0.0.1', start_time: WINDOW.start, end_time: WINDOW.end });
    // A string time is RFC 3339 UTC; a list declared string is comma-joined.
    assert.deepEqual(adaptArguments(real, logical).arguments, {
      snapshot_id: 'snap-1', node_names: 'a,b', bpf: 'host 10.0.0.1', from: '2026-03-14T17:00:00.000Z', to: '2026-03-14T18:00:00.000Z',
    });
  });

  it('drops what a Hub does not take and says so once per window', () => {
    const flows = toolWith('list_l4_flows', { limit: { type: 'integer' } });
    const adapted = adaptArguments(flows, { scope: 's', start: 1, end: 2, limit: 10 });
    assert.deepEqual(adapted.arguments, { limit: 10 });
    assert.deepEqual(adapted.dropped.map((d) => d.argument), ['scope', 'start']);
    assert.match(adapted.dropped[1]!.note, /This Hub's `list_l4_flows` does not take a time window/);
  });

  it('builds db from snapshot and dissection, and uses name for dissections only on dissection tools', () => {
    const calls = toolWith('list_api_calls', { db: { type: 'string' }, name: { type: 'string' }, q: { type: 'string' } });
    assert.deepEqual(adaptArguments(calls, { scope: 'snap', dissection: 'nightly', kfl: 'http' }).arguments, { db: 'snap/nightly', q: 'http' });
    const status = toolWith('get_snapshot_dissection_status', { id: { type: 'string' }, name: { type: 'string' } });
    assert.deepEqual(adaptArguments(status, { dissectionOf: 'snap', dissection: 'nightly' }).arguments, { id: 'snap', name: 'nightly' });
  });

  it('sends the Local canonical names when a schema declares no properties (rule 3)', () => {
    const bare: ToolDescriptor = { name: 'get_snapshot', inputSchema: { type: 'object' } };
    assert.deepEqual(adaptArguments(bare, { snapshot: 'x' }).arguments, { id: 'x' });
    assert.equal(declaredName(bare, 'kfl'), 'kfl');
  });

  it('checks enums and types before sending, and reports unfilled required properties', () => {
    const tool = toolWith('list_api_calls', { kfl: { type: 'string' }, format: { type: 'string', enum: ['compact', 'full'] }, limit: { type: 'integer' }, tenant: { type: 'string' } }, ['tenant']);
    const adapted = adaptArguments(tool, { kfl: 'http', limit: 1.5 }, { format: 'raw' });
    assert.deepEqual(adapted.missingRequired, ['tenant']);
    assert.equal(adapted.problems.length, 2);
    assert.match(adapted.problems.join('\n'), /`format`: "raw" is not one of "compact", "full"/);
    assert.match(adapted.problems.join('\n'), /`limit`: expected an integer/);
    assert.deepEqual(adaptArguments(tool, { limit: 5 }, { format: 'full', tenant: 't' }).problems, []);
  });

  it('passes extra arguments by exact name and drops undeclared ones (no prototype pollution)', () => {
    const tool = toolWith('create_snapshot', { name: { type: 'string' }, duration: { type: 'string' } });
    const extra = JSON.parse('{"name":"n","__proto__":{"polluted":true},"bogus":1}') as Record<string, unknown>;
    const adapted = adaptArguments(tool, {}, extra);
    assert.deepEqual(adapted.arguments, { name: 'n' });
    assert.deepEqual(adapted.dropped.map((d) => d.argument).sort(), ['__proto__', 'bogus']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
