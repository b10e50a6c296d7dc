/**
 * Signature help: which call the caret is in and which argument, found from the tokens (so it
 * works while the call is still being typed), with the receiver's type narrowing the overloads.
 */
import { type Expr, childrenOf } from '../ast';
import { type CheckedAnalysis } from '../checked';
import { fits } from '../check/overloads';
import { FUNCTIONS, MACROS, type OverloadDecl } from '../functions';
import { isOpen } from '../types';
import { macroLabels, signatureLabel } from './docs';
import { analysisOf, inComment, tokenBefore } from './session';
import { type KflSignatureHelp, type KflSignatureInformation, type ServiceOptions } from './types';

export function signatureHelp(text: string, offset: number, options: ServiceOptions = {}): KflSignatureHelp | undefined {
  const analysis = analysisOf(text, options);
  if (inComment(analysis, offset)) return undefined;
  const tokens = analysis.tokens;
  let depth = 0;
  let commas = 0;
  let open = -1;
  for (let i = tokenBefore(tokens, offset); i >= 0; i--) {
    const kind = tokens[i].kind;
    if (kind === ')' || kind === ']' || kind === '}') depth++;
    else if (kind === '(' || kind === '[' || kind === '{') {
      if (depth === 0) {
        if (kind === '(') open = i;
        break;
      }
      depth--;
    } else if (kind === ',' && depth === 0) commas++;
  }
  const name = open > 0 ? tokens[open - 1] : undefined;
  if (!name || name.kind !== 'ident') return undefined;
  const functionName = text.slice(name.start, name.end);
  const isMethod = open > 1 && tokens[open - 2].kind === '.';
  const signatures = macroSignatures(functionName, isMethod) ?? functionSignatures(analysis, functionName, name.start, isMethod);
  if (!signatures || signatures.signatures.length === 0) return undefined;
  const fitting = signatures.signatures.findIndex((s) => s.parameters.length > commas);
  return { signatures: signatures.signatures, activeSignature: signatures.active ?? Math.max(0, fitting), activeParameter: commas };
}

function macroSignatures(name: string, isMethod: boolean): { signatures: KflSignatureInformation[]; active?: number } | undefined {
  const macro = MACROS.get(name);
  if (!macro || (macro.name === 'has') === isMethod) return undefined;
  return { signatures: macroLabels(macro).map((l) => ({ label: l.label, documentation: macro.doc, parameters: l.parameters.map((label) => ({ label })) })) };
}

function functionSignatures(analysis: CheckedAnalysis, name: string, nameStart: number, isMethod: boolean): { signatures: KflSignatureInformation[]; active?: number } | undefined {
  const decl = FUNCTIONS.get(name);
  if (!decl) return undefined;
  let overloads: readonly OverloadDecl[] = decl.overloads.filter((o) => (o.receiver !== undefined) === isMethod);
  const call = callAt(analysis, nameStart);
  const receiver = call?.kind === 'call' && call.target ? analysis.typeOf(call.target) : undefined;
  if (receiver && !isOpen(receiver)) {
    const narrowed = overloads.filter((o) => fits(o.receiver!, receiver, new Map()));
    if (narrowed.length > 0) overloads = narrowed;
  }
  const resolved = call?.kind === 'call' ? analysis.overloadOf(call) : undefined;
  const signatures = overloads.map((o) => {
    const { label, parameters } = signatureLabel(decl, o);
    return { label, documentation: decl.doc, parameters: parameters.map((p) => ({ label: p })) };
  });
  const active = resolved ? overloads.indexOf(resolved) : -1;
  return { signatures, active: active >= 0 ? active : undefined };
}

/** The call whose function name starts at `nameStart`. */
function callAt(analysis: CheckedAnalysis, nameStart: number): Expr | undefined {
  let found: Expr | undefined;
  const visit = (node: Expr): void => {
    if (found || node.end < nameStart || node.start > nameStart) return;
    if (node.kind === 'call' && node.function.start === nameStart) found = node;
    childrenOf(node).forEach(visit);
  };
  if (analysis.ast) visit(analysis.ast);
  return found;
}
