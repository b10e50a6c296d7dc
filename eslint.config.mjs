// Flat config. Besides the usual checks it enforces the part boundaries of docs/design.md:
// only extension/ imports `vscode`; kfl/ imports nothing of ours and does no I/O; extension/ takes
// only types from kfl/ (plus kfl/localTime); webviews/ talk to the rest only through protocol/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import parts from './scripts/eslint/partBoundaries.mjs';

const noVscode = { paths: [{ name: 'vscode', message: 'Only extension/ may import vscode (design.md).' }] };

export default tseslint.config(
  // test/fixtures holds inputs (e.g. deliberately faulty agent scripts), not code of ours.
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'dist-vsix/**', '.vscode-test/**', '**/*.d.ts', 'test/fixtures/**'] },
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
    // Part boundaries (docs/design.md), checked on resolved paths by scripts/eslint/partBoundaries.mjs.
    files: ['**/*.ts'],
    plugins: { parts },
    rules: { 'parts/boundaries': 'error' },
  },
  {
    files: ['kfl/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'vscode-*'], message: 'kfl/ is pure: no I/O, no LSP, no VS Code.' }] }],
    },
  },
  {
    files: ['protocol/**/*.ts', 'agent-scripts/**/*.ts', 'language-server/**/*.ts', 'hub/**/*.ts', 'cli/**/*.ts', 'extension/analysis/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noVscode] },
  },
  {
    files: ['webviews/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', noVscode],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Captured data is hostile: build DOM nodes and set textContent.' },
        { property: 'outerHTML', message: 'Captured data is hostile: build DOM nodes and set textContent.' },
        { property: 'insertAdjacentHTML', message: 'Captured data is hostile: build DOM nodes and set textContent.' }],
    },
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
