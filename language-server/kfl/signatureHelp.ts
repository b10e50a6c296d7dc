/** Signature help inside the parentheses of a function, method or macro call. */
import { MarkupKind, type Position, type SignatureHelp } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type ServiceOptions, signatureHelp } from '../../kfl';

export const SIGNATURE_TRIGGERS = ['(', ','] as const;

export function signatureHelpKfl(document: TextDocument, position: Position, options: ServiceOptions): SignatureHelp | null {
  const help = signatureHelp(document.getText(), document.offsetAt(position), options);
  if (!help) return null;
  return {
    activeSignature: help.activeSignature,
    activeParameter: help.activeParameter,
    signatures: help.signatures.map((s) => ({
      label: s.label,
      ...(s.documentation ? { documentation: { kind: MarkupKind.Markdown, value: s.documentation } } : {}),
      parameters: s.parameters.map((p) => ({
        label: p.label,
        ...(p.documentation ? { documentation: { kind: MarkupKind.Markdown, value: p.documentation } } : {}),
      })),
    })),
  };
}
