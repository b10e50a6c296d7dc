import { type BpfError, type BpfNode } from './ast';
import { compileForLinkType, type Matcher } from './compile';
import { parseBpf } from './parser';

export type { BpfError } from './ast';
export type { Matcher } from './compile';

/**
 * A parsed pcap-filter expression, compiled lazily once per (link type, file byte order): the
 * same text means different offsets on Ethernet, SLL or raw IP, and BSD NULL headers depend on
 * the byte order of the file that holds them.
 */
export class BpfFilter {
  private readonly matchers = new Map<string, Matcher | BpfError>();

  private constructor(readonly text: string, private readonly root: BpfNode) {}

  /** Parses `text`; a syntax error comes back as a value with its character offset. */
  static parse(text: string): BpfFilter | BpfError {
    const root = parseBpf(text);
    return 'kind' in root ? new BpfFilter(text, root) : root;
  }

  /** The matcher for packets of this link type, or why the filter cannot apply to it (`vlan` on SLL). */
  matcherFor(linkType: number, bigEndianFile = false): Matcher | BpfError {
    const key = `${linkType}/${bigEndianFile ? 'be' : 'le'}`;
    let m = this.matchers.get(key);
    if (m === undefined) {
      m = compileForLinkType(this.root, linkType, bigEndianFile);
      this.matchers.set(key, m);
    }
    return m;
  }
}

export function isBpfError(value: unknown): value is BpfError {
  return typeof value === 'object' && value !== null && 'message' in value && 'offset' in value;
}
