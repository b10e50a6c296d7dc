// ESLint rule `parts/boundaries`: the import rules of docs/design.md, checked on resolved paths.
// A relative import is resolved against the importing file and mapped to the top-level folder
// (the "part") it lands in; the part table below says which parts each part may import.
import path from 'node:path';

/** part → parts it may import by value. */
const ALLOWED = {
  protocol: [],
  kfl: [],
  'agent-scripts': ['kfl'],
  'language-server': ['kfl', 'agent-scripts', 'protocol'],
  hub: ['kfl', 'protocol'],
  extension: ['protocol'],
  webviews: ['protocol'],
  cli: ['kfl', 'hub', 'agent-scripts', 'protocol'],
};

/** Imports allowed beyond the table: types always from these parts, and single modules by value. */
const TYPE_ONLY = { extension: ['kfl'] };
const VALUE_MODULES = { extension: ['kfl/localTime'] };

const WHY = {
  kfl: 'kfl/ is the floor: it imports nothing of ours.',
  protocol: 'protocol/ holds contracts only and imports nothing of ours.',
  extension: 'extension/ reaches the Hub over HTTP and the language server over LSP; it takes only types from kfl/ (plus kfl/localTime).',
  webviews: 'webviews/ talk to the extension through protocol/ messages only.',
};

function partOf(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0];
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

export default {
  rules: {
    boundaries: {
      meta: { type: 'problem', schema: [], messages: { crossing: "'{{source}}' is in {{target}}/: {{why}}" } },
      create(context) {
        const root = context.cwd;
        const from = partOf(root, context.filename);
        const allowed = ALLOWED[from];
        if (!allowed) return {}; // test/, bench/, scripts/ may import everything
        const check = (node, sourceNode) => {
          const source = sourceNode?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const resolved = path.resolve(path.dirname(context.filename), source);
          const target = partOf(root, resolved);
          if (!target || target === from || allowed.includes(target)) return;
          if ((TYPE_ONLY[from] ?? []).includes(target) && isTypeOnly(node)) return;
          const module = path.relative(root, resolved).split(path.sep).join('/').replace(/\.(ts|js)$/, '');
          if ((VALUE_MODULES[from] ?? []).includes(module)) return;
          context.report({ node: sourceNode, messageId: 'crossing', data: { source, target, why: WHY[from] ?? `${from}/ may import ${allowed.join(', ') || 'nothing of ours'}.` } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
        };
      },
    },
  },
};
