import { type AnyNode } from 'acorn';

/** A child node together with the property of its parent that holds it (`'left'`, `'body'`, …). */
export interface ChildSlot {
  readonly node: AnyNode;
  readonly key: string;
}

export interface Visitor {
  enter(node: AnyNode, parent: AnyNode | undefined, key: string): void;
  leave?(node: AnyNode): void;
}

const SKIPPED_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'regex', 'raw', 'bigint']);

/** Property names that may hold child nodes, per node type (acorn gives each type a fixed shape). */
const keysByType = new Map<string, string[]>();

function childKeys(node: AnyNode): string[] {
  let keys = keysByType.get(node.type);
  if (!keys) {
    keys = Object.keys(node).filter((k) => !SKIPPED_KEYS.has(k));
    keysByType.set(node.type, keys);
  }
  return keys;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
    && typeof (value as { start?: unknown }).start === 'number';
}

/**
 * The child nodes of any ESTree node, found by reflection so that every node type of the latest
 * ECMAScript version is covered, in source order.
 */
export function childrenOf(node: AnyNode): ChildSlot[] {
  const slots: ChildSlot[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeys(node)) {
    // The key of a shorthand property is a copy of its value; visit the value only.
    if (key === 'key' && node.type === 'Property' && node.shorthand) continue;
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) slots.push({ node: item, key });
    } else if (isNode(value)) {
      slots.push({ node: value, key });
    }
  }
  // Acorn fills some properties out of source order (a template's expressions before its quasis).
  for (let i = 1; i < slots.length; i++) {
    if (slots[i]!.node.start < slots[i - 1]!.node.start) {
      slots.sort((a, b) => a.node.start - b.node.start);
      break;
    }
  }
  return slots;
}

/**
 * Pre-order walk with an explicit stack: captured scripts may nest expressions thousands deep
 * (long `a + a + …` chains), which would overflow a recursive walker. A node is pushed twice:
 * once to enter (with its parent) and once, marked by a missing key, to leave. Children are
 * gathered inline rather than through childrenOf: the walk is the hot loop of every lint.
 */
export function walk(root: AnyNode, visitor: Visitor): void {
  const nodes: AnyNode[] = [root];
  const parents: (AnyNode | undefined)[] = [undefined];
  const keys: (string | undefined)[] = [''];
  const children: AnyNode[] = [];
  const childKeysOf: string[] = [];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    const key = keys.pop();
    if (key === undefined) {
      visitor.leave?.(node);
      continue;
    }
    visitor.enter(node, parent, key);
    nodes.push(node);
    parents.push(undefined);
    keys.push(undefined);
    let count = 0;
    let ordered = true;
    const record = node as unknown as Record<string, unknown>;
    for (const k of childKeys(node)) {
      if (k === 'key' && node.type === 'Property' && node.shorthand) continue;
      const value = record[k];
      if (Array.isArray(value)) {
        for (const item of value) {
          if (!isNode(item)) continue;
          if (count > 0 && item.start < children[count - 1]!.start) ordered = false;
          children[count] = item;
          childKeysOf[count++] = k;
        }
      } else if (isNode(value)) {
        if (count > 0 && value.start < children[count - 1]!.start) ordered = false;
        children[count] = value;
        childKeysOf[count++] = k;
      }
    }
    // Rare (a template's quasis, a label after its body): sort this node's children only.
    const order = ordered ? undefined : Array.from({ length: count }, (_, i) => i).sort((x, y) => children[x]!.start - children[y]!.start);
    for (let i = count - 1; i >= 0; i--) {
      const at = order ? order[i]! : i;
      nodes.push(children[at]!);
      parents.push(node);
      keys.push(childKeysOf[at]!);
    }
  }
}
