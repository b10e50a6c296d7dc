// Lenient reading of what Hubs answer (§2.2, §4.5, §5): real-Hub variants, unwrap rules per tool,
// hostile keys, and time/duration forms.
import assert from 'node:assert/strict';
import {
  parseBoundaries, parseDissection, parseDissectionList, parsePcapExport, parseSnapshot, parseSnapshotList, unwrapCall,
} from '../../extension/client/results';
import { parseDuration, parseInstant } from '../../extension/client/time';
import { dissectionCompleted } from '../../extension/client/model';

describe('lenient result parsing', () => {
  it('reads a Local snapshot and a real-Hub snapshot (ISO created_at, duration text, no id)', () => {
    const local = parseSnapshot({ id: 'u-1', name: 'n', status: 'completed', size_bytes: 10, created_at: 1773511600000, start_ts: 1000, end_ts: 61000, duration: 60000, node_count: 2, location: 'local', nodes: [{ name: 'a', start_ts: 1000, end_ts: 2000, packet_count: 3 }] });
    assert.equal(local?.key, 'u-1');
    assert.deepEqual(local?.window, { start: 1000, end: 61000 });
    assert.deepEqual(local?.nodes?.map((n) => [n.name, n.packetCount]), [['a', 3]]);
    const real = parseSnapshot({ name: 'checkout', status: 'ready', created_at: '2026-03-14T17:00:00Z', duration: '59m30s', extra: { x: 1 } });
    assert.equal(real?.key, 'checkout', 'the key falls back to the name');
    assert.equal(real?.createdAt, Date.UTC(2026, 2, 14, 17));
    assert.equal(real?.durationMs, 3_570_000);
    assert.equal(real?.status, 'ready', 'an unknown status is kept verbatim');
    assert.deepEqual(real?.raw.extra, { x: 1 }, 'unknown fields are kept');
    assert.equal(parseSnapshot({ snapshot: { snapshot_id: 's-2', name: 'w' } })?.key, 's-2', 'a wrapped snapshot is unwrapped');
    assert.equal(parseSnapshot({ status: 'completed' }), undefined, 'no key: not a snapshot');
  });

  it('skips list items it cannot use and accepts a bare array', () => {
    assert.deepEqual(parseSnapshotList({ snapshots: [{ id: 'a' }, 7, null, { status: 'x' }, { name: 'b' }] }).map((s) => s.key), ['a', 'b']);
    assert.deepEqual(parseSnapshotList([{ id: 'c' }]).map((s) => s.key), ['c']);
    assert.deepEqual(parseSnapshotList('nonsense'), []);
  });

  it('treats 0, null or missing boundaries as no data', () => {
    const b = parseBoundaries({ cluster: { oldest_ts: 0, newest_ts: 0 }, nodes: [{ name: 'a', oldest_ts: 5, newest_ts: 9 }, { name: 'b', oldest_ts: null }, { oldest_ts: 1 }] });
    assert.equal(b.cluster, undefined);
    assert.deepEqual(b.nodes, [{ name: 'a', window: { start: 5, end: 9 } }, { name: 'b', window: undefined }]);
  });

  it('finds the export path in every documented envelope (§5.8)', () => {
    assert.equal(parsePcapExport('/mcp/snapshots/x/pcap')?.path, '/mcp/snapshots/x/pcap');
    assert.equal(parsePcapExport({ url: '/mcp/a' })?.path, '/mcp/a');
    assert.equal(parsePcapExport({ download_path: '/mcp/b' })?.path, '/mcp/b');
    assert.equal(parsePcapExport({ result: 'ok', file: '/mcp/c' })?.path, '/mcp/c');
    assert.deepEqual(parsePcapExport({ path: '/mcp/d', filename: 'd.pcapng', content_type: 'application/x-pcapng' }), { path: '/mcp/d', filename: 'd.pcapng', contentType: 'application/x-pcapng' });
    assert.equal(parsePcapExport({ success: true }), undefined);
  });

  it('reads dissections: a 2xx without status is none; completion by status or progress 100', () => {
    assert.equal(parseDissection({ dissection_id: 'x' }), undefined);
    const real = parseDissection({ snapshot: 's', name: 'default', status: 'running', progress: 100 });
    assert.equal(real?.snapshotId, 's');
    assert.equal(dissectionCompleted(real!), true);
    assert.equal(dissectionCompleted(parseDissection({ status: 'failed', progress: 100 })!), false);
    const hostile = parseDissection(JSON.parse('{"status":"running","stats":{"protocol_counts":{"__proto__":5,"http":3}}}'));
    assert.equal(hostile?.protocolCounts?.http, 3);
    assert.equal(Object.getPrototypeOf(hostile?.protocolCounts), null);
    assert.deepEqual(parseDissectionList({ dissections: [{ snapshot_id: 'a', status: 'completed' }, { snapshot_id: 'b', status: 'completed' }] }, 'a').map((d) => d.snapshotId), ['a']);
  });

  it('unwraps a call as entry, else call, else itself (§5.15)', () => {
    assert.deepEqual(unwrapCall({ entry: { id: 1 }, call: { id: 2 } }), { id: 1 });
    assert.deepEqual(unwrapCall({ call: { id: 2 } }), { id: 2 });
    assert.deepEqual(unwrapCall({ id: 3 }), { id: 3 });
  });

  it('reads instants and durations in every documented form', () => {
    assert.equal(parseInstant(1773507600000), 1773507600000);
    assert.equal(parseInstant('1773507600000'), 1773507600000);
    assert.equal(parseInstant('2026-03-14T22:30:00+05:30'), Date.UTC(2026, 2, 14, 17));
    for (const none of [0, null, undefined, 'yesterday', -5, 'x'.repeat(100)]) assert.equal(parseInstant(none), undefined, String(none));
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('1h2m3.5s'), 3_723_500);
    assert.equal(parseDuration('150ms'), 150);
    assert.equal(parseDuration('PT1H30M'), 5_400_000);
    assert.equal(parseDuration(90_000), 90_000);
    assert.equal(parseDuration('1 hour'), undefined);
  });
});
