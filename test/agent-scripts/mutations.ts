import fc from 'fast-check';
import { corpusWorkspaces } from './corpus';
import { readFixture } from './helpers';

/** Scripts to mutate: the corpus and the spec's examples. */
export const SEEDS = [
  ...corpusWorkspaces().flatMap((w) => w.files.map((f) => f.text)),
  ...['faulty-es2015-hooks.js', 'faulty-helpers-secrets.js', 'faulty-hot-path-scope.js', 'clean-dns-tally.js'].map((n) => readFixture('spec', n)),
];

/** Fragments that steer mutations into interesting syntax (and hostile text). */
const FRAGMENTS = ['`${', '}`', '=>', '?.', '??', '**', '...', '{', '}', '(', ')', '[', ']', ',', ';', '"', "'", '/', '\\', '\n',
  'let ', 'class ', 'function* ', 'async ', 'await ', 'env.', 'vendor.', 'jobs.schedule("t", "', ' * * * * *", f)', 'this.',
  '0b1', '1_0', '10n', '\\u{1F600}', '(?<=', '\u2028', '\ud800', '__proto__', 'constructor', '/*', '*/', '//', '#!', '#x', 'import(', 'new.target',
  'get ', 'set ', 'static ', 'yield ', ' of ', 'for (', 'var ', 'x ', '=', '.', '*'];

export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
);

export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(text: string, ops: readonly Mutation[]): string {
  let out = text;
  for (const op of ops) {
    const at = out.length === 0 ? 0 : op.at % out.length;
    if (op.kind === 'delete') out = out.slice(0, at) + out.slice(at + op.length);
    else if (op.kind === 'insert') out = out.slice(0, at) + op.text + out.slice(at);
    else {
      const other = out.length === 0 ? 0 : op.other % out.length;
      const [a, b] = at < other ? [at, other] : [other, at];
      if (a + op.length > b) continue;
      out = out.slice(0, a) + out.slice(b, b + op.length) + out.slice(a + op.length, b) + out.slice(a, a + op.length) + out.slice(b + op.length);
    }
  }
  return out;
}
