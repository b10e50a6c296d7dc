/**
 * Hand-written recursive-descent parser for KFL2 (spec §3), one method per precedence level.
 *
 * Error tolerant: it never throws to its caller and always returns a tree. Where an operand is
 * missing it inserts a `missing` node without consuming anything, so the enclosing loop can
 * carry on (`http && && dns` still parses both flags); stray closers and text after a complete
 * expression are reported and parsing resumes. Recovery always consumes a token or leaves the
 * loop, so the work is linear in the number of tokens.
 *
 * Chains of `&&` and of `||` are built as balanced trees (as cel-go does): the operators are
 * associative, and a filter of a thousand alternatives stays a shallow tree, so every later pass
 * may recurse. The tree's height, the parser's recursion and the node count are capped (LIMITS);
 * past a cap the parse is abandoned with `kfl/limits`.
 *
 * KFL v1 operators (`and`, `or`, `not`, infix `contains`) are recognised where an operator is
 * expected, reported as `kfl/v1-syntax` with a fix, and parsed as their KFL2 meaning.
 */
import { type BinaryOp, type ComprehensionMacro, type Expr, type LiteralValue, type Name, type Span, type UnaryOp } from '../ast';
import { type DiagnosticArgs, type DiagnosticCode, type DiagnosticSink, type KflFix, replaceFix } from '../diagnostics';
import { lineColumnOf } from '../lines';
import { isReservedWord } from './keywords';
import { LIMITS, type LimitKind, offsetPastBytes, utf8LengthUpTo } from './limits';
import { scan } from './scanner';
import { CLOSER_OF, OPENER_OF, OPERAND_START, type Token, type TokenKind } from './tokens';

export interface ParseResult {
  /** Undefined for an empty filter, or when a limit was exceeded. */
  readonly ast: Expr | undefined;
  readonly tokens: readonly Token[];
  readonly comments: readonly Span[];
  /** Node ids are below this. */
  readonly nodeCount: number;
  /** A limit was exceeded and the parse abandoned. */
  readonly limited: boolean;
  /** Token look-ups performed: a measure of parser work, linear in the token count. */
  readonly work: number;
  /** Parent of each node by id; undefined for the root (and for nodes left out of the tree). */
  readonly parents: readonly (Expr | undefined)[];
}

const MAX_INT64 = 2n ** 63n - 1n;
const TRUE: LiteralValue = Object.freeze({ type: 'bool', value: true });
const FALSE: LiteralValue = Object.freeze({ type: 'bool', value: false });
const NULL: LiteralValue = Object.freeze({ type: 'null', value: null });
function isRelationOp(kind: TokenKind): boolean {
  switch (kind) {
    case '==': case '!=': case '<': case '<=': case '>': case '>=': case 'in': return true;
    default: return false;
  }
}
const COMPREHENSIONS: ReadonlySet<string> = new Set<ComprehensionMacro>(['all', 'exists', 'exists_one', 'map', 'filter']);
const V1_INFIX: ReadonlySet<string> = new Set(['contains', 'startsWith', 'endsWith']);

/** Thrown inside the parser only, to unwind when a limit is exceeded; never escapes `parse`. */
class LimitExceeded {
  constructor(readonly kind: LimitKind, readonly span: Span) {}
}

export function parse(text: string, sink: DiagnosticSink): ParseResult {
  // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair 4 for 2), so short texts need no count.
  if (text.length * 3 > LIMITS.maxBytes && utf8LengthUpTo(text, LIMITS.maxBytes) > LIMITS.maxBytes) {
    sink.report('kfl/limits', { start: offsetPastBytes(text, LIMITS.maxBytes), end: text.length }, { limit: 'size', max: LIMITS.maxBytes });
    return { ast: undefined, tokens: [{ kind: 'eof', start: text.length, end: text.length, value: undefined, raw: false }], comments: [], nodeCount: 0, limited: true, work: 0, parents: [] };
  }
  const { tokens, comments } = scan(text, sink);
  const parser = new Parser(text, tokens, sink);
  let ast: Expr | undefined;
  let limited = false;
  try {
    ast = parser.filter();
  } catch (e) {
    if (!(e instanceof LimitExceeded)) throw e;
    const max = e.kind === 'depth' ? LIMITS.maxDepth : LIMITS.maxNodes;
    sink.report('kfl/limits', e.span, { limit: e.kind, max });
    limited = true;
  }
  return { ast, tokens, comments, nodeCount: parser.nodeCount, limited, work: parser.work, parents: parser.parents };
}

class Parser {
  nodeCount = 0;
  work = 0;
  private _index = 0;
  private _depth = 0;
  /** Height of each node's subtree, by id. */
  private readonly _heights: number[] = [];
  /** Offset of the last syntax problem: one report per token is enough. */
  private _lastProblemAt = -1;

  constructor(private readonly _text: string, private readonly _tokens: readonly Token[], private readonly _sink: DiagnosticSink) {}

  /** Filter = Expr EOF ; with recovery for whatever follows a complete expression. */
  filter(): Expr | undefined {
    if (this._peek().kind === 'eof') return undefined;
    const start = this._peek().start;
    let expr = this._expr();
    while (this._peek().kind !== 'eof') {
      const token = this._peek();
      if (OPENER_OF[token.kind]) {
        const opener = OPENER_OF[token.kind]!;
        this._problem('kfl/unbalanced', token, { closer: token.kind, opener, stray: 1 }, [replaceFix(`Remove \`${token.kind}\``, token, '', true)]);
        this._next();
        // `a ) && b`: after the stray closer the filter usually goes on with an operator.
        if (this._isBinaryOperator(this._peek())) expr = this._expr(expr, start);
      } else if (OPERAND_START.has(token.kind)) {
        const gap = { start: this._previous().end, end: token.start };
        this._problem('kfl/unexpected-token', token, { token: this._textOf(token), expected: 'operator' }, [
          replaceFix('Insert `&&`', gap, ' && ', true),
          replaceFix('Insert `||`', gap, ' || '),
        ]);
        const rest = this._expr();
        expr = this._node({ id: this._nextId(), kind: 'error', children: [expr, rest], start, end: this._previous().end });
      } else {
        this._problem('kfl/unexpected-token', token, { token: this._textOf(token), expected: 'end' });
        this._next();
      }
    }
    return expr;
  }

  // Expr = Or [ "?" Or ":" Expr ] ;
  private _expr(left?: Expr, leftStart?: number): Expr {
    const start = leftStart ?? this._peek().start;
    if (++this._depth > LIMITS.maxDepth) throw new LimitExceeded('depth', this._peek());
    const condition = this._or(left, start);
    let result = condition;
    if (this._peek().kind === '?') {
      this._next();
      const whenTrue = this._or();
      let whenFalse: Expr;
      if (this._peek().kind === ':') {
        this._next();
        whenFalse = this._expr();
      } else {
        whenFalse = this._missing(':');
      }
      result = this._node({ id: this._nextId(), kind: 'conditional', condition, whenTrue, whenFalse, start, end: this._previous().end });
    }
    this._depth--;
    return result;
  }

  // Or = And { "||" And } ;
  private _or(left?: Expr, leftStart?: number): Expr {
    return this._logical('||', 'or', left === undefined ? undefined : this._and(left, leftStart), leftStart);
  }

  // And = Rel { "&&" Rel } ;
  private _and(left?: Expr, leftStart?: number): Expr {
    return this._logical('&&', 'and', left === undefined ? undefined : this._rel(left, leftStart), leftStart);
  }

  /** Collects a chain of one logical operator and builds it balanced. `v1Word` is the KFL v1 spelling. */
  private _logical(op: '&&' | '||', v1Word: string, first: Expr | undefined, firstStart: number | undefined): Expr {
    const start = firstStart ?? this._peek().start;
    const head = first ?? (op === '||' ? this._and() : this._rel());
    if (this._peek().kind !== op && !this._isV1Word(v1Word)) return head;
    const starts = [start];
    const terms = [head];
    const ends = [this._previous().end];
    const ops: Span[] = [];
    while (this._peek().kind === op || this._isV1Word(v1Word)) {
      const token = this._next();
      if (token.kind !== op) this._v1Operator(token, op);
      ops.push(token);
      starts.push(this._peek().start);
      terms.push(op === '||' ? this._and() : this._rel());
      ends.push(this._previous().end);
    }
    const build = (lo: number, hi: number): Expr => {
      if (lo === hi) return terms[lo];
      const mid = (lo + hi) >> 1;
      const left = build(lo, mid);
      const right = build(mid + 1, hi);
      return this._node({ id: this._nextId(), kind: 'binary', op, opSpan: { start: ops[mid].start, end: ops[mid].end }, left, right, start: starts[lo], end: ends[hi] });
    };
    return build(0, terms.length - 1);
  }

  // Rel = Add { RelOp Add } ;  RelOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" ;
  private _rel(left?: Expr, leftStart?: number): Expr {
    const start = leftStart ?? this._peek().start;
    let expr = this._add(left, start);
    for (;;) {
      const token = this._peek();
      if (isRelationOp(token.kind)) {
        this._next();
        const right = this._add();
        expr = this._node({ id: this._nextId(), kind: 'binary', op: token.kind as BinaryOp, opSpan: { start: token.start, end: token.end }, left: expr, right, start, end: this._previous().end });
      } else if (token.kind === 'ident' && V1_INFIX.has(this._textOf(token)) && this._startsOperand(this._peek(1)) && this._peek(1).kind !== '(') {
        expr = this._v1Infix(expr, start);
      } else {
        return expr;
      }
    }
  }

  // Add = Mul { ( "+" | "-" ) Mul } ;
  private _add(left?: Expr, leftStart?: number): Expr {
    const start = leftStart ?? this._peek().start;
    let expr = this._mul(left, start);
    while (this._peek().kind === '+' || this._peek().kind === '-') {
      const token = this._next();
      const right = this._mul();
      expr = this._node({ id: this._nextId(), kind: 'binary', op: token.kind as BinaryOp, opSpan: { start: token.start, end: token.end }, left: expr, right, start, end: this._previous().end });
    }
    return expr;
  }

  // Mul = Unary { ( "*" | "/" | "%" ) Unary } ;
  private _mul(left?: Expr, leftStart?: number): Expr {
    const start = leftStart ?? this._peek().start;
    let expr = left ?? this._unary();
    while (this._peek().kind === '*' || this._peek().kind === '/' || this._peek().kind === '%') {
      const token = this._next();
      const right = this._unary();
      expr = this._node({ id: this._nextId(), kind: 'binary', op: token.kind as BinaryOp, opSpan: { start: token.start, end: token.end }, left: expr, right, start, end: this._previous().end });
    }
    return expr;
  }

  // Unary = Member | "!" { "!" } Member | "-" { "-" } Member ;
  private _unary(): Expr {
    const first = this._peek();
    const v1Not = this._isV1Word('not');
    if (first.kind !== '!' && first.kind !== '-' && !v1Not) return this._member();
    const op: UnaryOp = first.kind === '-' ? '-' : '!';
    const operators: Token[] = [];
    while (this._peek().kind === op || (op === '!' && this._isV1Word('not'))) {
      const token = this._next();
      if (token.kind !== op) this._v1Not(token);
      operators.push(token);
    }
    let operand: Expr;
    const literal = this._peek();
    // -9223372036854775808 is the one int literal that only fits when negated (spec §2).
    if (op === '-' && literal.kind === 'int' && literal.value?.type === 'int' && literal.value.value === MAX_INT64 + 1n) {
      const minus = operators.pop()!;
      this._next();
      operand = this._node({ id: this._nextId(), kind: 'literal', literal: { type: 'int', value: -(MAX_INT64 + 1n) }, raw: false, start: minus.start, end: literal.end });
    } else {
      operand = this._member();
    }
    for (let i = operators.length - 1; i >= 0; i--) {
      const token = operators[i];
      operand = this._node({ id: this._nextId(), kind: 'unary', op, opSpan: { start: token.start, end: token.end }, operand, start: token.start, end: this._previous().end });
    }
    return operand;
  }

  // Member = Primary { "." IDENT [ "(" [ Args ] ")" ] | "[" Expr "]" } ;
  private _member(): Expr {
    const start = this._peek().start;
    let expr = this._primary();
    for (;;) {
      const token = this._peek();
      if (token.kind === '.') {
        this._next();
        const name = this._memberName();
        if (this._peek().kind === '(' && name.name !== '') {
          const open = this._next();
          const { items, close } = this._list(open, () => this._expr(), () => this._missing('expression'));
          expr = this._call(name, expr, items, open.start, close, start);
        } else {
          expr = this._node({ id: this._nextId(), kind: 'select', operand: expr, field: name, start, end: this._previous().end });
        }
      } else if (token.kind === '[') {
        const open = this._next();
        const index = this._expr();
        const close = this._expect(open);
        expr = this._node({ id: this._nextId(), kind: 'index', operand: expr, index, open: open.start, close, start, end: this._previous().end });
      } else if (token.kind === '{' && (expr.kind === 'ident' || expr.kind === 'select')) {
        // `Type{f: v}` is CEL message construction; parse the braces as a map to skip them.
        this._problem('kfl/unexpected-token', token, { token: '{', expected: 'no-message' });
        const body = this._primary();
        expr = this._node({ id: this._nextId(), kind: 'error', children: [expr, body], start, end: this._previous().end });
      } else {
        return expr;
      }
    }
  }

  /** The name after `.`: any identifier, reserved words included (`src.namespace`). */
  private _memberName(): Name {
    const token = this._peek();
    if (token.kind === 'ident') {
      this._next();
      return { name: this._textOf(token), start: token.start, end: token.end };
    }
    if (token.kind === 'quoted-ident') {
      this._next();
      this._problem('kfl/unexpected-token', token, { token: this._textOf(token), expected: 'no-backtick' });
      return { name: this._textOf(token).replace(/`/g, ''), start: token.start, end: token.end };
    }
    if (token.kind === 'eof') this._problem('kfl/unexpected-end', token, { after: '.', expected: 'member' });
    else this._problem('kfl/unexpected-token', token, { token: this._textOf(token), expected: 'member' });
    return { name: '', start: token.start, end: token.start };
  }

  // Primary = IDENT [ "(" [ Args ] ")" ] | "(" Expr ")" | "[" [ Args [ "," ] ] "]"
  //         | "{" [ Entries [ "," ] ] "}" | LITERAL ;
  private _primary(): Expr {
    const token = this._peek();
    switch (token.kind) {
      case 'ident':
      case 'quoted-ident': {
        this._next();
        const name = token.kind === 'ident' ? this._textOf(token) : this._textOf(token).replace(/`/g, '');
        if (token.kind === 'quoted-ident') this._problem('kfl/unexpected-token', token, { token: this._textOf(token), expected: 'no-backtick' });
        else if (isReservedWord(name)) this._problem('kfl/reserved-word', token, { word: name });
        if (this._peek().kind === '(') {
          const open = this._next();
          const { items, close } = this._list(open, () => this._expr(), () => this._missing('expression'));
          return this._call({ name, start: token.start, end: token.end }, undefined, items, open.start, close, token.start);
        }
        return this._node({ id: this._nextId(), kind: 'ident', name, start: token.start, end: token.end });
      }
      case '(': {
        const open = this._next();
        const inner = this._expr();
        this._expect(open);
        return inner;
      }
      case '[': {
        const open = this._next();
        const elements = this._list(open, () => this._expr()).items;
        return this._node({ id: this._nextId(), kind: 'list', elements, start: open.start, end: this._previous().end });
      }
      case '{': {
        const open = this._next();
        const { items: entries } = this._list(open, () => {
          const key = this._expr();
          let value: Expr;
          if (this._peek().kind === ':') {
            this._next();
            value = this._expr();
          } else {
            value = this._missing(':');
          }
          return { key, value, start: key.start, end: this._previous().end };
        });
        return this._node({ id: this._nextId(), kind: 'map', entries, start: open.start, end: this._previous().end });
      }
      case 'int':
      case 'uint':
      case 'double':
      case 'string':
      case 'bytes':
      case 'true':
      case 'false':
      case 'null':
        this._next();
        return this._node({ id: this._nextId(), kind: 'literal', literal: this._literalValue(token), raw: token.raw === true, start: token.start, end: token.end });
      case '.': {
        // `.a.b` (a leading-dot, fully qualified name) is CEL but not KFL2.
        this._problem('kfl/unexpected-token', token, { token: '.', expected: 'no-leading-dot' });
        while (this._peek().kind === '.') this._next();
        return this._primary();
      }
      default:
        return this._missing('expression');
    }
  }

  private _literalValue(token: Token): LiteralValue {
    switch (token.kind) {
      case 'true':
        return TRUE;
      case 'false':
        return FALSE;
      case 'null':
        return NULL;
      default: {
        const value = token.value!;
        if (value.type === 'int' && value.value > MAX_INT64) {
          this._sink.report('kfl/bad-number', token, { text: this._textOf(token), reason: 'int-range' });
          return { type: 'int', value: 0n };
        }
        return value;
      }
    }
  }

  /** Builds a call, or the macro it spells when the shape is right (see ast.ts). */
  private _call(name: Name, target: Expr | undefined, args: readonly Expr[], open: number, close: number | undefined, start: number): Expr {
    const end = this._previous().end;
    const variable = args[0];
    if (target && args.length >= 2 && variable?.kind === 'ident' && COMPREHENSIONS.has(name.name)) {
      const macro = name.name as ComprehensionMacro;
      const bound: Name = { name: variable.name, start: variable.start, end: variable.end };
      if (macro === 'map' && (args.length === 2 || args.length === 3)) {
        const [predicate, transform] = args.length === 3 ? [args[1], args[2]] : [undefined, args[1]];
        return this._node({ id: this._nextId(), kind: 'comprehension', macro, function: name, target, variable: bound, predicate, transform, start, end });
      }
      if (macro !== 'map' && args.length === 2) {
        return this._node({ id: this._nextId(), kind: 'comprehension', macro, function: name, target, variable: bound, predicate: args[1], transform: undefined, start, end });
      }
    }
    if (!target && name.name === 'has' && args.length === 1 && args[0].kind === 'select') {
      return this._node({ id: this._nextId(), kind: 'has', function: name, argument: args[0], start, end });
    }
    return this._node({ id: this._nextId(), kind: 'call', function: name, target, args, open, close, start, end });
  }

  /**
   * Comma-separated items up to the closer of `open` (consumed when present; `close` is its
   * offset). Args = Expr { "," Expr } ; for calls, where a trailing comma leaves an `emptyItem`,
   * and `[a, b,]` for lists and maps. Recovers from a missing comma and from stray tokens.
   */
  private _list<T extends Span>(open: Token, item: () => T, emptyItem?: () => T): { items: T[]; close: number | undefined } {
    const closer = CLOSER_OF[open.kind]!;
    const items: T[] = [];
    while (this._peek().kind !== closer && this._peek().kind !== 'eof') {
      const before = this._index;
      items.push(item());
      const next = this._peek();
      if (next.kind === ',') {
        this._next();
        // `f(a, )` or `f(a, ` at the end: keep the empty argument, so that `exists(q, )` is
        // still a macro (with its variable in scope for completion).
        if (emptyItem && (this._peek().kind === closer || this._peek().kind === 'eof')) items.push(emptyItem());
        continue;
      }
      if (next.kind === closer || next.kind === 'eof' || OPENER_OF[next.kind]) break;
      this._problem('kfl/unexpected-token', next, { token: this._textOf(next), expected: closer });
      // Only skip when nothing was consumed; otherwise read the token as the next item.
      if (!this._startsOperand(next) || this._index === before) this._next();
    }
    return { items, close: this._expect(open) };
  }

  /** Consumes the closer of `open`, or reports it missing. Returns the closer's offset. */
  private _expect(open: Token): number | undefined {
    const closer = CLOSER_OF[open.kind]!;
    const token = this._peek();
    if (token.kind === closer) {
      this._next();
      return token.start;
    }
    const { line, column } = lineColumnOf(this._text, open.start);
    const at = this._previous().end;
    this._problem('kfl/unbalanced', open, { opener: open.kind, closer, line, column }, [replaceFix(`Insert \`${closer}\``, { start: at, end: at }, closer, true)]);
    return undefined;
  }

  /** A `missing` node where something was expected but the current token cannot start it. */
  private _missing(expected: 'expression' | ':'): Expr {
    const token = this._peek();
    if (token.kind === 'eof') {
      const previous = this._previous();
      const isOperator = previous.kind !== '(' && previous.kind !== '[' && previous.kind !== '{' && previous.kind !== ',' && previous.kind !== '?' && previous.kind !== ':';
      this._problem('kfl/unexpected-end', token, { after: this._textOf(previous), expected: expected === ':' ? ':' : isOperator ? 'operand' : 'expression' });
    } else {
      this._problem('kfl/unexpected-token', token, { token: this._textOf(token), expected });
    }
    return this._node({ id: this._nextId(), kind: 'missing', start: token.start, end: token.start });
  }

  private _v1Operator(token: Token, op: '&&' | '||'): void {
    this._problem('kfl/v1-syntax', token, { construct: this._textOf(token), replacement: op }, [replaceFix(`Replace with \`${op}\``, token, op, true)]);
  }

  private _v1Not(token: Token): void {
    const next = this._peek();
    this._problem('kfl/v1-syntax', token, { construct: 'not', replacement: '!' }, [replaceFix('Replace with `!`', { start: token.start, end: next.start }, '!', true)]);
  }

  /** `a contains "x"` (KFL v1) parsed as `a.contains("x")`. */
  private _v1Infix(left: Expr, start: number): Expr {
    const nameIndex = this._index;
    const nameToken = this._next();
    const name: Name = { name: this._textOf(nameToken), start: nameToken.start, end: nameToken.end };
    const right = this._add();
    const end = this._previous().end;
    const leftText = this._text.slice(start, this._tokens[nameIndex - 1].end);
    const rightText = this._text.slice(Math.min(this._tokens[nameIndex + 1].start, end), end);
    // Parenthesize the receiver unless it is a single member chain or already in parentheses.
    const simple = start < left.start || ['ident', 'select', 'call', 'index', 'literal', 'list', 'map'].includes(left.kind);
    const receiver = simple ? leftText : `(${leftText})`;
    const fix = replaceFix(`Rewrite as the \`${name.name}\` method`, { start, end }, `${receiver}.${name.name}(${rightText})`, true);
    this._problem('kfl/v1-syntax', nameToken, { construct: 'infix', function: name.name }, [fix]);
    return this._node({ id: this._nextId(), kind: 'call', function: name, target: left, args: [right], open: nameToken.end, close: undefined, start, end });
  }

  private _isV1Word(word: string): boolean {
    const token = this._peek();
    return token.kind === 'ident' && token.end - token.start === word.length && this._text.startsWith(word, token.start) && this._startsOperand(this._peek(1));
  }

  private _startsOperand(token: Token): boolean {
    return OPERAND_START.has(token.kind) && token.kind !== '.';
  }

  private _isBinaryOperator(token: Token): boolean {
    return isRelationOp(token.kind) || ['&&', '||', '+', '-', '*', '/', '%', '?'].includes(token.kind);
  }

  /** Reports a syntax problem unless one was already reported at the same offset. */
  private _problem(code: DiagnosticCode, span: Span, args: DiagnosticArgs, fixes: KflFix[] = []): void {
    if (span.start === this._lastProblemAt) return;
    this._lastProblemAt = span.start;
    this._sink.report(code, { start: span.start, end: span.end }, args, fixes);
  }

  /** The id for the node being built: callers put it in the object literal, so V8 gives every node of a kind one shape from the start. */
  private _nextId(): number {
    return this.nodeCount++;
  }

  /**
   * Registers a node (ids come from `_nextId`): the parent of each child and the node's height,
   * and enforces the node and depth limits. The children are listed by kind here rather than
   * through `forEachChild`, whose callback call is shared with every other pass and so cannot be
   * inlined; this runs for every node of every keystroke.
   */
  private _node(node: Expr): Expr {
    if (this.nodeCount > LIMITS.maxNodes) throw new LimitExceeded('nodes', node);
    let below = 0;
    switch (node.kind) {
      case 'literal': case 'ident': case 'missing': break;
      case 'select': case 'unary': below = this._adopt(node, node.operand, below); break;
      case 'index': below = this._adopt(node, node.index, this._adopt(node, node.operand, below)); break;
      case 'binary': below = this._adopt(node, node.right, this._adopt(node, node.left, below)); break;
      case 'conditional': below = this._adopt(node, node.whenFalse, this._adopt(node, node.whenTrue, this._adopt(node, node.condition, below))); break;
      case 'call':
        if (node.target) below = this._adopt(node, node.target, below);
        for (const arg of node.args) below = this._adopt(node, arg, below);
        break;
      case 'list': for (const element of node.elements) below = this._adopt(node, element, below); break;
      case 'map': for (const entry of node.entries) below = this._adopt(node, entry.value, this._adopt(node, entry.key, below)); break;
      case 'has': below = this._adopt(node, node.argument, below); break;
      case 'comprehension':
        below = this._adopt(node, node.target, below);
        if (node.predicate) below = this._adopt(node, node.predicate, below);
        if (node.transform) below = this._adopt(node, node.transform, below);
        break;
      case 'error': for (const child of node.children) below = this._adopt(node, child, below); break;
    }
    const height = below + 1;
    this._heights[node.id] = height;
    if (height > LIMITS.maxDepth) throw new LimitExceeded('depth', node);
    return node;
  }

  /** Records `parent` as the child's parent; returns the taller of the child and `below`. */
  private _adopt(parent: Expr, child: Expr, below: number): number {
    this.parents[child.id] = parent;
    const height = this._heights[child.id];
    return height > below ? height : below;
  }

  /** Parent of every node that became a child, by id (recorded as nodes are built). */
  readonly parents: (Expr | undefined)[] = [];

  private _peek(ahead = 0): Token {
    this.work++;
    // The index never passes the final eof token, so only a look-ahead needs the clamp.
    return ahead === 0 ? this._tokens[this._index] : this._tokens[Math.min(this._index + ahead, this._tokens.length - 1)];
  }

  private _next(): Token {
    const token = this._peek();
    if (this._index < this._tokens.length - 1) this._index++;
    return token;
  }

  /** The last consumed token (a zero-width start token before the first). */
  private _previous(): Token | { kind: 'bof'; start: number; end: number } {
    return this._index > 0 ? this._tokens[this._index - 1] : { kind: 'bof', start: 0, end: 0 };
  }

  private _textOf(token: Span & { kind?: string }): string {
    return this._text.slice(token.start, token.end);
  }
}
