import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, type IGrammar, parseRawGrammar, Registry, type StateStack } from 'vscode-textmate';
import { REPO_ROOT } from '../../support/paths';

const GRAMMAR_FILE = path.join(REPO_ROOT, 'syntaxes', 'kfl.tmLanguage.json');

/** A token of a line with its innermost scope (what a theme colours it by). */
export interface ScopedToken {
  text: string;
  scope: string;
}

let grammar: Promise<IGrammar> | undefined;

/** The KFL grammar loaded the way VS Code loads it: vscode-textmate on the Oniguruma regex engine. */
export function kflGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.kfl' ? parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null,
    });
    const loaded = await registry.loadGrammar('source.kfl');
    if (!loaded) throw new Error(`cannot load ${GRAMMAR_FILE}`);
    return loaded;
  })();
  return grammar;
}

/** Tokenizes lines (carrying state across them, as the editor does); whitespace-only tokens are left out. */
export async function tokenize(...lines: string[]): Promise<ScopedToken[][]> {
  const g = await kflGrammar();
  let state: StateStack = INITIAL;
  return lines.map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scope: t.scopes[t.scopes.length - 1] ?? '' }))
      .filter((t) => t.text.trim() !== '');
  });
}
