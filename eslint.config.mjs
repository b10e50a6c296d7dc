// Flat config. Besides the usual checks it enforces the part boundaries of design.md:
// only extension/ imports `vscode`; kfl/ imports nothing of ours and does no I/O; extension/ takes
// only types from kfl/; webviews/ talk to the rest only through protocol/ message types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ours = (...parts) => parts.flatMap((p) => [`../${p}`, `../${p}/*`, `../../${p}`, `../../${p}/*`, `../../../${p}/*`]);
const restrict = (patterns, message, allowTypeImports = false) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports }] }],
});
const noVscode = { paths: [{ name: 'vscode', message: 'Only extension/ may import vscode (design.md).' }] };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'dist-vsix/**', '.vscode-test/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['kfl/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'vscode-*'], message: 'kfl/ is pure: no I/O, no LSP, no VS Code.' }] }],
      ...restrict(ours('protocol', 'hub', 'extension', 'language-server', 'agent-scripts', 'webviews', 'cli'), 'kfl/ imports nothing of ours.'),
    },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noVscode],
      ...restrict(ours('kfl', 'hub', 'extension', 'language-server', 'agent-scripts', 'webviews', 'cli'), 'protocol/ holds contracts only and imports nothing of ours.'),
    },
  },
  {
    files: ['agent-scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noVscode],
      ...restrict(ours('protocol', 'hub', 'extension', 'language-server', 'webviews', 'cli'), 'agent-scripts/ may import kfl/ only.'),
    },
  },
  {
    files: ['language-server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noVscode],
      ...restrict(ours('hub', 'extension', 'webviews', 'cli'), 'language-server/ may import kfl/, agent-scripts/ and protocol/ only.'),
    },
  },
  {
    files: ['hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noVscode],
      ...restrict(ours('extension', 'language-server', 'agent-scripts', 'webviews', 'cli'), 'hub/ may import kfl/ and protocol/ only.'),
    },
  },
  {
    files: ['extension/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ours('hub', 'language-server', 'agent-scripts', 'webviews', 'cli'), message: 'extension/ reaches the Hub over HTTP and the language server over LSP, never by import.' },
        // The one value import allowed: the product's time display convention (local time with UTC beside it).
        // Only the `kfl/*` forms here: a bare `../kfl` would exclude the folder itself, and
        // gitignore-style negation cannot re-include a file below an excluded folder.
        { group: [...ours('kfl').filter((p) => p.endsWith('/*')), '!../kfl/localTime', '!../../kfl/localTime', '!../../../kfl/localTime'], message: 'extension/ takes only types from kfl/ (design.md), plus kfl/localTime.', allowTypeImports: true },
        { regex: '^(\\.\\./)+kfl/?$', message: 'extension/ takes only types from kfl/ (design.md), plus kfl/localTime.', allowTypeImports: true },
      ] }],
    },
  },
  {
    files: ['webviews/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', noVscode],
      ...restrict(ours('kfl', 'hub', 'extension', 'language-server', 'agent-scripts', 'cli'), 'webviews/ talk to the extension through protocol/ messages only.'),
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Captured data is hostile: build DOM nodes and set textContent.' },
        { property: 'outerHTML', message: 'Captured data is hostile: build DOM nodes and set textContent.' },
        { property: 'insertAdjacentHTML', message: 'Captured data is hostile: build DOM nodes and set textContent.' }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noVscode] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha, ...globals.browser } },
    rules: {
      // Tests wait for the event they need, never for a fixed time.
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='setTimeout'] > Literal[value>=100]", message: 'Tests wait for the event, not for time.' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
