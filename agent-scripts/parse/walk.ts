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
  for (const key in node) {
    if (SKIPPED_KEYS.has(key)) continue;
    // The key of a shorthand property is a copy of its value; visit the value only.
    if (key === 'key' && node.type === 'Property' && node.shorthand) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
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
 * (long `a + a + …` chains), which would overflow a recursive walker.
 */
export function walk(root: AnyNode, visitor: Visitor): void {
  const LEAVE = 1;
  const stack: { node: AnyNode; parent: AnyNode | undefined; key: string; phase: number }[] = [
    { node: root, parent: undefined, key: '', phase: 0 },
  ];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.phase === LEAVE) {
      visitor.leave?.(top.node);
      continue;
    }
    visitor.enter(top.node, top.parent, top.key);
    stack.push({ ...top, phase: LEAVE });
    const slots = childrenOf(top.node);
    for (let i = slots.length - 1; i >= 0; i--) {
      stack.push({ node: slots[i]!.node, parent: top.node, key: slots[i]!.key, phase: 0 });
    }
  }
}
