/** Relative Hub paths in a tool result (strings starting with `/mcp/`), with a file name for each (§2.5). */
import { asObject, str } from '../client/json';

export interface DownloadLink {
  readonly path: string;
  /** A sibling `filename` field, else the path's last segment. */
  readonly filename: string;
}

const MAX_DEPTH = 6;
const MAX_LINKS = 20;
const MAX_VISITS = 10_000;

export function downloadLinks(result: unknown): DownloadLink[] {
  const links: DownloadLink[] = [];
  let visits = 0;
  const visit = (value: unknown, depth: number, siblingName: string | undefined): void => {
    if (links.length >= MAX_LINKS || depth > MAX_DEPTH || ++visits > MAX_VISITS) return;
    if (typeof value === 'string') {
      if (value.startsWith('/mcp/')) links.push({ path: value, filename: siblingName ?? lastSegment(value) });
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1, undefined);
      return;
    }
    const object = asObject(value);
    if (!object) return;
    const filename = str(object, 'filename');
    for (const key of Object.keys(object)) visit(object[key], depth + 1, filename);
  };
  visit(result, 0, undefined);
  return links;
}

function lastSegment(path: string): string {
  const segment = path.split('?', 1)[0]?.split('/').filter(Boolean).pop() ?? 'download';
  return segment === 'pcap' ? 'export.pcap' : segment;
}
