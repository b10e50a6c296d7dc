/**
 * CSV of calls (RFC 4180: CRLF between records, fields with a comma, quote, CR or LF quoted, quotes
 * doubled), safe to open in a spreadsheet: captured text starting with `=`, `+`, `-`, `@`, tab or
 * CR gets a leading apostrophe so it is never taken for a formula.
 */
import { rfc3339Utc } from '../../../kfl/localTime';
import { type JsonObject, num, str } from '../../client/json';
import { endpointLabel, endpointOf, nodeOf, protoOf } from '../calls/callFields';
import { type LocalClock } from '../calls/localClock';

export const CSV_HEADER = ['time_utc', 'time_local', 'protocol', 'method', 'path', 'status', 'elapsed_ms', 'source', 'source_ip', 'source_port',
  'destination', 'destination_ip', 'destination_port', 'node', 'request_bytes', 'response_bytes', 'id'];

export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly (string | number | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function csvRow(call: JsonObject, clock: LocalClock): string {
  const ts = num(call, 'ts');
  const src = endpointOf(call, 'src');
  const dst = endpointOf(call, 'dst');
  return csvRecord([
    ts === undefined ? undefined : rfc3339Utc(ts), ts === undefined ? undefined : clock.full(ts).replace(/ \(.*\)$/, ''),
    protoOf(call), str(call, 'method'), str(call, 'path'), num(call, 'status'), num(call, 'latency_ms'),
    endpointLabel(src), src.ip, src.port, endpointLabel(dst), dst.ip, dst.port, nodeOf(call),
    num(call, 'req_size'), num(call, 'resp_size'), str(call, 'id'),
  ]);
}
