import { type AnyNode, type Expression, type Identifier, type Pattern } from 'acorn';

export type BindingKind = 'var' | 'let' | 'const' | 'function' | 'param' | 'class' | 'catch' | 'import' | 'arguments' | 'self';

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The identifier that declares it (absent for the implicit `arguments`). */
  readonly id: Identifier | undefined;
  /** Initialiser of `var x = …` when the declarator is a plain name. */
  init: Expression | undefined;
  readonly scope: Scope;
  /** Assignments to the name anywhere (the declaration's initialiser not counted). */
  writes: number;
}

export interface Scope {
  /** The function, catch clause or program that opens the scope. */
  readonly node: AnyNode;
  readonly parent: Scope | undefined;
  readonly bindings: Map<string, Binding>;
}

export interface Reference {
  readonly id: Identifier;
  readonly scope: Scope;
  readonly read: boolean;
  readonly write: boolean;
  /** Operand of `typeof`, the one legitimate way to probe an undeclared global. */
  readonly inTypeof: boolean;
  /** Set by resolution; undefined means a global (declared nowhere in the script). */
  binding: Binding | undefined;
}

/** Identifier positions that neither reference nor declare a variable (`a.b`'s `b`, `{b: 1}`'s `b`, labels). */
function isNameOnly(parent: AnyNode, key: string): boolean {
  switch (parent.type) {
    case 'MemberExpression': return key === 'property' && !parent.computed;
    case 'Property': case 'MethodDefinition': case 'PropertyDefinition': return key === 'key' && !parent.computed;
    case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return key === 'label';
    case 'MetaProperty': return true;
    case 'ImportSpecifier': return key === 'imported';
    case 'ExportSpecifier': return key === 'exported';
    case 'ExportAllDeclaration': return key === 'exported';
    default: return false;
  }
}

/** The names a binding or assignment pattern introduces or writes; member targets are skipped. */
export function patternNames(pattern: Pattern | AnyNode, out: Identifier[] = []): Identifier[] {
  const work: AnyNode[] = [pattern as AnyNode];
  while (work.length > 0) {
    const node = work.pop()!;
    switch (node.type) {
      case 'Identifier': out.push(node); break;
      case 'ObjectPattern': for (const p of node.properties) work.push(p.type === 'RestElement' ? p.argument : p.value); break;
      case 'ArrayPattern': for (const e of node.elements) if (e) work.push(e); break;
      case 'AssignmentPattern': work.push(node.left); break;
      case 'RestElement': work.push(node.argument); break;
      default: break;
    }
  }
  return out;
}

/**
 * Scope analysis fed by the model's single walk: declarations per function (and catch clause),
 * then every identifier reference resolved against the scope chain. `let`/`const`/`class` are
 * treated as function-scoped — they are findings of their own, and the simplification can only
 * hide an undeclared name, never invent one.
 */
export class ScopeBuilder {
  readonly root: Scope;
  readonly references: Reference[] = [];
  readonly bindings: Binding[] = [];
  private current: Scope;
  private readonly bindingIds = new Set<Identifier>();
  private readonly writeTargets = new Map<Identifier, boolean /* also read */>();
  private readonly typeofOperands = new Set<Identifier>();
  private readonly scopeOfNode = new Map<AnyNode, Scope>();

  constructor(program: AnyNode) {
    this.root = { node: program, parent: undefined, bindings: new Map() };
    this.current = this.root;
    this.scopeOfNode.set(program, this.root);
  }

  enter(node: AnyNode, parent: AnyNode | undefined, key: string): void {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.enterFunction(node);
        break;
      case 'ClassDeclaration':
        if (node.id) this.declare(node.id, 'class', undefined, this.current);
        break;
      case 'ClassExpression':
        if (node.id) this.bindingIds.add(node.id);
        break;
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          const init = d.id.type === 'Identifier' ? d.init ?? undefined : undefined;
          for (const id of patternNames(d.id)) this.declare(id, node.kind === 'var' ? 'var' : node.kind === 'const' ? 'const' : 'let', init, this.current);
        }
        break;
      case 'CatchClause':
        this.push(node);
        if (node.param) for (const id of patternNames(node.param)) this.declare(id, 'catch', undefined, this.current);
        break;
      case 'ImportDeclaration':
        for (const s of node.specifiers) this.declare(s.local, 'import', undefined, this.root);
        break;
      case 'AssignmentExpression':
        for (const id of patternNames(node.left)) this.writeTargets.set(id, node.operator !== '=');
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') this.writeTargets.set(node.argument, true);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.left.type !== 'VariableDeclaration') for (const id of patternNames(node.left)) this.writeTargets.set(id, false);
        break;
      case 'UnaryExpression':
        if (node.operator === 'typeof' && node.argument.type === 'Identifier') this.typeofOperands.add(node.argument);
        break;
      case 'Identifier':
        this.identifier(node, parent, key);
        break;
      default:
        break;
    }
  }

  leave(node: AnyNode): void {
    if (this.current.node === node && this.current.parent) this.current = this.current.parent;
  }

  /** Resolves every reference; call once after the walk. */
  resolve(): void {
    for (const ref of this.references) {
      for (let scope: Scope | undefined = ref.scope; scope; scope = scope.parent) {
        const binding = scope.bindings.get(ref.id.name);
        if (binding) {
          ref.binding = binding;
          if (ref.write) binding.writes++;
          break;
        }
      }
    }
  }

  /** The scope a function, catch clause or the program opens. */
  scopeOf(node: AnyNode): Scope | undefined {
    return this.scopeOfNode.get(node);
  }

  private enterFunction(node: Extract<AnyNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>): void {
    if (node.type === 'FunctionDeclaration' && node.id) this.declare(node.id, 'function', undefined, this.current);
    const scope = this.push(node);
    if (node.type === 'FunctionExpression' && node.id) this.declare(node.id, 'self', undefined, scope);
    if (node.type !== 'ArrowFunctionExpression') {
      const args: Binding = { name: 'arguments', kind: 'arguments', id: undefined, init: undefined, scope, writes: 0 };
      scope.bindings.set('arguments', args);
    }
    for (const param of node.params) for (const id of patternNames(param)) this.declare(id, 'param', undefined, scope);
  }

  private push(node: AnyNode): Scope {
    const scope: Scope = { node, parent: this.current, bindings: new Map() };
    this.scopeOfNode.set(node, scope);
    this.current = scope;
    return scope;
  }

  private declare(id: Identifier, kind: BindingKind, init: Expression | undefined, scope: Scope): void {
    this.bindingIds.add(id);
    const existing = scope.bindings.get(id.name);
    // `var x; var x = 1;` is one variable; keep the first declaration but learn its initialiser.
    if (existing) {
      if (init !== undefined) {
        if (existing.init === undefined) existing.init = init;
        else existing.writes++;
      }
      return;
    }
    const binding: Binding = { name: id.name, kind, id, init, scope, writes: 0 };
    scope.bindings.set(id.name, binding);
    this.bindings.push(binding);
  }

  private identifier(id: Identifier, parent: AnyNode | undefined, key: string): void {
    if (!parent || isNameOnly(parent, key) || this.bindingIds.has(id)) return;
    const write = this.writeTargets.get(id);
    this.references.push({
      id,
      scope: this.current,
      read: write === undefined || write,
      write: write !== undefined,
      inTypeof: this.typeofOperands.has(id),
      binding: undefined,
    });
  }
}
