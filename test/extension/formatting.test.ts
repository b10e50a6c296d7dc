// What people read: export file names, compact windows in the tree, sizes, host filters, typed
// tool arguments, and download links in tool results.
import assert from 'node:assert/strict';
import { exportFileName, utcStamp } from '../../extension/snapshots/exportName';
import { hostFilter } from '../../extension/snapshots/hostFilter';
import { compactWindow, windowInputText } from '../../extension/time/display';
import { formatLocalWithUtc } from '../../kfl/localTime';
import { parseWindow } from '../../extension/time/windowInput';
import { downloadLinks } from '../../extension/tools/downloadLinks';
import { valueOf } from '../../extension/tools/schemaValues';
import { formatBytes, formatRate } from '../../extension/util/format';

const T = Date.UTC(2026, 2, 14, 11, 30); // 17:00 in Kolkata

describe('display formats', () => {
  it('names an export after snapshot, UTC window and filter', () => {
    assert.equal(utcStamp(T), '20260314T113000Z');
    assert.equal(exportFileName('checkout outage', { start: T, end: T + 3_600_000 }, 'host 10.0.53.101 or host ::1', false),
      'checkout-outage_20260314T113000Z-20260314T123000Z_host-10.0.53.101-or-host-1.pcap');
    assert.equal(exportFileName('../../etc', undefined, '', true), 'etc.pcapng');
    assert.equal(exportFileName('///', undefined, undefined, false), 'snapshot.pcap');
  });

  it('shows windows compactly with UTC beside them: the date only when not today, ms only when present', () => {
    assert.equal(compactWindow({ start: T, end: T + 3_600_000 }, 'Asia/Kolkata', T), '17:00:00–18:00:00 IST (11:30:00–12:30:00 UTC)');
    assert.equal(compactWindow({ start: T, end: T + 3_600_000 }, 'Asia/Kolkata', T + 86_400_000), '2026-03-14 17:00:00–18:00:00 IST (11:30:00–12:30:00 UTC)');
    // 02:46 on the 15th in Kolkata is still the 14th in UTC.
    const late = Date.UTC(2026, 2, 14, 21, 16, 53, 219);
    assert.equal(compactWindow({ start: late, end: late + 490 }, 'Asia/Kolkata', late), '02:46:53.219–02:46:53.709 IST (2026-03-14 21:16:53.219–21:16:53.709 UTC)');
    assert.equal(compactWindow({ start: T + 219, end: T + 709 }, 'UTC', T), '11:30:00.219–11:30:00.709 UTC');
    assert.equal(compactWindow({ start: T, end: T + 86_400_000 }, 'UTC', T), '11:30:00–2026-03-15 11:30:00 UTC');
    assert.equal(formatLocalWithUtc(T, 'Asia/Kolkata', T), '17:00:00 IST (11:30:00 UTC)');
    assert.equal(formatLocalWithUtc(late, 'Asia/Kolkata', late), '02:46:53.219 IST (2026-03-14 21:16:53.219 UTC)');
    assert.equal(formatLocalWithUtc(T, 'UTC', T), '11:30:00 UTC');
  });

  it('suggests a window text, widened to whole minutes, that the window input reads back', () => {
    const data = { start: T + 33_219, end: T + 365_849 };
    const text = windowInputText(data, 'Asia/Kolkata');
    assert.equal(text, '2026-03-14 17:00 – 17:07');
    const parsed = parseWindow(text, { zone: 'Asia/Kolkata', now: T });
    assert.ok(parsed.ok && parsed.window.start <= data.start && parsed.window.end >= data.end);
  });

  it('formats sizes and rates', () => {
    assert.deepEqual([formatBytes(812), formatBytes(1_130_000), formatBytes(2.61 * 2 ** 30), formatBytes(-1)], ['812 B', '1.08 MiB', '2.61 GiB', '?']);
    assert.equal(formatRate(10 * 2 ** 20, 2000), '5.00 MiB/s');
  });

  it('builds host filters from IP literals only', () => {
    assert.deepEqual(hostFilter(['10.0.0.1', ' ::1 ', '10.0.0.1', 'evil) or (tcp', 'pod-name']), { filter: 'host 10.0.0.1 or host ::1', skipped: ['evil) or (tcp', 'pod-name'] });
  });

  it('reads typed tool arguments by their schema type', () => {
    assert.deepEqual(valueOf('42', { type: 'integer', maximum: 1000 }), { value: 42 });
    assert.deepEqual(valueOf('4.5', { type: 'integer' }), { problem: 'Expected an integer' });
    assert.deepEqual(valueOf('2000', { type: 'integer', maximum: 1000 }), { problem: 'At most 1000' });
    assert.deepEqual(valueOf('a, b,,c', { type: 'array', items: { type: 'string' } }), { value: ['a', 'b', 'c'] });
    assert.deepEqual(valueOf('["x y"]', { type: 'array' }), { value: ['x y'] });
    assert.deepEqual(valueOf('{"app":"pay"}', { type: 'object' }), { value: { app: 'pay' } });
    assert.ok('problem' in valueOf('[1]', { type: 'object' }));
    assert.deepEqual(valueOf('true', { type: 'boolean' }), { value: true });
    assert.deepEqual(valueOf(' keep spaces ', { type: 'string' }), { value: ' keep spaces ' });
  });

  it('finds /mcp/ download paths in a result, bounded, with a file name', () => {
    assert.deepEqual(downloadLinks({ path: '/mcp/snapshots/x/pcap?bpf=1', filename: 'x.pcap', other: ['/mcp/files/report.html', 'http://elsewhere/mcp/'] }),
      [{ path: '/mcp/snapshots/x/pcap?bpf=1', filename: 'x.pcap' }, { path: '/mcp/files/report.html', filename: 'report.html' }]);
    let deep: unknown = '/mcp/too-deep';
    for (let i = 0; i < 50; i++) deep = { d: deep };
    assert.deepEqual(downloadLinks(deep), []);
    assert.equal(downloadLinks(Array.from({ length: 100 }, (_, i) => `/mcp/${i}`)).length, 20);
  });
});
