// One esbuild script builds every bundle the product ships (design.md, "Parts"):
//   extension/main.ts        -> dist/extension.js        (VS Code extension host, CommonJS)
//   language-server/main.ts  -> dist/language-server.js  (standalone LSP server over stdio)
//   cli/main.ts              -> dist/cli.js              (command line: kfl, hub, dissect, export, lint-scripts)
//   webviews/<view>/main.ts  -> dist/webviews/<view>.js  (browser bundles; notebook renderers as ES modules)
// Flags: --watch (rebuild on change, problem-matcher friendly output), --production (minify, no source maps),
// --clean (empty dist/ first; off by default so a rebuild never pulls files from under a running Hub or test).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const clean = process.argv.includes('--clean');

/** Webview folders whose bundle is loaded as an ES module (notebook renderers must export activate()). */
const ES_MODULE_WEBVIEWS = new Set(['renderer']);

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'silent',
  absWorkingDir: root,
  legalComments: 'none',
};

function nodeBundle(entry, outfile, extra = {}) {
  return { ...common, entryPoints: [entry], outfile, platform: 'node', target: 'node20', format: 'cjs', ...extra };
}

function configs() {
  const list = [];
  const add = (entry, out, extra) => { if (existsSync(path.join(root, entry))) list.push(nodeBundle(entry, out, extra)); };
  add('extension/main.ts', 'dist/extension.js', { external: ['vscode'], mainFields: ['module', 'main'] });
  add('language-server/main.ts', 'dist/language-server.js');
  add('cli/main.ts', 'dist/cli.js', { banner: { js: '#!/usr/bin/env node' } });
  const webviews = path.join(root, 'webviews');
  for (const dir of existsSync(webviews) ? readdirSync(webviews, { withFileTypes: true }) : []) {
    if (!dir.isDirectory() || !existsSync(path.join(webviews, dir.name, 'main.ts'))) continue;
    const esm = ES_MODULE_WEBVIEWS.has(dir.name);
    list.push({
      ...common,
      entryPoints: [`webviews/${dir.name}/main.ts`],
      outfile: `dist/webviews/${dir.name}.js`,
      platform: 'browser',
      target: 'es2022',
      format: esm ? 'esm' : 'iife',
      loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'text' },
    });
  }
  return list;
}

/** Prints esbuild's results in the format of the "esbuild-watch" problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  if (clean) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const all = configs();
  if (watch) {
    const contexts = await Promise.all(all.map((c) => esbuild.context({ ...c, plugins: [problemMatcher] })));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const started = Date.now();
  const results = await Promise.allSettled(all.map((c) => esbuild.build(c)));
  const failed = results.filter((r) => r.status === 'rejected');
  for (const f of failed) console.error(f.reason?.message ?? f.reason);
  if (failed.length) process.exit(1);
  console.log(`built ${all.length} bundles into dist/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
