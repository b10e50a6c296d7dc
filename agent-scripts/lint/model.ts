import { type AnyNode, type CallExpression, type Comment, type Identifier, type MemberExpression, type Program } from 'acorn';
import { helperAt, type HelperSpec, HELPER_ROOTS, isNamespace } from '../catalog/helpers';
import { type Reference, ScopeBuilder } from '../parse/scope';
import { walk } from '../parse/walk';
import { LineMap } from '../text/lineMap';

export type NodeOfType<T extends AnyNode['type']> = Extract<AnyNode, { type: T }>;
export type FunctionNode = NodeOfType<'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression'>;

/** A member chain rooted at a helper namespace global (`vendor.kinesis.put`, `vendor.slackbot`). */
export interface HelperRef {
  /** The member expression whose property completes `path`. */
  readonly node: MemberExpression;
  /** `vendor.kinesis.put`, or for an unknown member the path including it (`vendor.slackbot`). */
  readonly path: string;
  readonly kind: 'helper' | 'namespace' | 'unknown';
  readonly helper: HelperSpec | undefined;
  /** The call when the chain is called (`vendor.slack(…)`). */
  readonly call: CallExpression | undefined;
}

/**
 * Everything the rules read, computed in one walk: parent links, nodes grouped by type in source
 * order, scopes with resolved references, and helper references.
 */
export class ScriptModel {
  readonly lines: LineMap;
  readonly scopes: ScopeBuilder;
  readonly helperRefs: HelperRef[] = [];
  private readonly parents = new Map<AnyNode, AnyNode>();
  private readonly byType = new Map<string, AnyNode[]>();
  private readonly refs = new Map<Identifier, Reference>();

  constructor(readonly text: string, readonly program: Program, readonly comments: readonly Comment[]) {
    this.lines = new LineMap(text);
    this.scopes = new ScopeBuilder(program);
    const scopes = this.scopes;
    walk(program, {
      enter: (node, parent, key) => {
        if (parent) this.parents.set(node, parent);
        let list = this.byType.get(node.type);
        if (!list) this.byType.set(node.type, (list = []));
        list.push(node);
        scopes.enter(node, parent, key);
      },
      leave: (node) => scopes.leave(node),
    });
    scopes.resolve();
    for (const ref of scopes.references) this.refs.set(ref.id, ref);
    for (const id of this.nodes('Identifier')) this.collectHelperRef(id);
  }

  nodes<T extends AnyNode['type']>(type: T): readonly NodeOfType<T>[] {
    return (this.byType.get(type) ?? []) as NodeOfType<T>[];
  }

  parent(node: AnyNode): AnyNode | undefined {
    return this.parents.get(node);
  }

  reference(id: Identifier): Reference | undefined {
    return this.refs.get(id);
  }

  /** A reference to a name declared nowhere in the script (a global, a helper, or a mistake). */
  isGlobalRef(node: AnyNode, name?: string): node is Identifier {
    if (node.type !== 'Identifier' || (name !== undefined && node.name !== name)) return false;
    const ref = this.refs.get(node);
    return ref !== undefined && ref.binding === undefined;
  }

  /** The innermost function around a node (not the node itself). */
  enclosingFunction(node: AnyNode): FunctionNode | undefined {
    for (let p = this.parent(node); p; p = this.parent(p)) {
      if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression') return p;
    }
    return undefined;
  }

  /** The statement of the program body that contains a node. */
  topLevelStatement(node: AnyNode): AnyNode {
    let current = node;
    for (let p = this.parent(current); p && p.type !== 'Program'; p = this.parent(current)) current = p;
    return current;
  }

  /** Whether `node` lies inside `ancestor` (or is it). */
  isInside(node: AnyNode, ancestor: AnyNode): boolean {
    return node.start >= ancestor.start && node.end <= ancestor.end;
  }

  private collectHelperRef(id: Identifier): void {
    if (id.name === 'env' || !HELPER_ROOTS.has(id.name) || !this.isGlobalRef(id)) return;
    let node = this.parent(id);
    if (node?.type !== 'MemberExpression' || node.object !== id || node.computed) return;
    let path = id.name;
    for (;;) {
      if (node.property.type !== 'Identifier') return;
      const next = `${path}.${node.property.name}`;
      const helper = helperAt(next);
      if (helper || !isNamespace(next)) {
        const parent = this.parent(node);
        const call = parent?.type === 'CallExpression' && parent.callee === node ? parent : undefined;
        this.helperRefs.push({ node, path: next, kind: helper ? 'helper' : 'unknown', helper, call });
        return;
      }
      path = next;
      const outer = this.parent(node);
      if (outer?.type !== 'MemberExpression' || outer.object !== node || outer.computed) {
        this.helperRefs.push({ node, path, kind: 'namespace', helper: undefined, call: undefined });
        return;
      }
      node = outer;
    }
  }
}
