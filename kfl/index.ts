/**
 * The public API of the KFL language core (kfl/README.md). Everything not exported here is
 * internal to kfl/.
 */
export { analyze } from './analyze';
export type { Analysis, AnalyzeOptions, CheckedAnalysis, Reference } from './checked';
export type { DiagnosticCode, KflDiagnostic, KflFix, KflTextEdit, Severity } from './diagnostics';
export { messageOf } from './messages';
export { Schema, defaultSchema, extendSchema } from './schema';
export type { FieldInfo, FieldSpec } from './schema';
export type { KflType } from './types';
export { formatType } from './types';
export type * from './ast';
export { childrenOf, nodePathAt } from './ast';
export { lineColumnOf } from './lines';
export type { LineColumn } from './lines';

export { complete } from './service/complete';
export { hover } from './service/hover';
export { signatureHelp } from './service/signature';
export { semanticTokens } from './service/semanticTokens';
export { format } from './service/format';
export { applyEdits, codeActions, convertToKfl2 } from './service/convert';
export { timestampLiteral } from './service/insertTime';
export type { TimestampLiteral } from './service/insertTime';
export type * from './service/types';

export { compile } from './eval/compile';
export type { CompileOptions, CompileResult, EvalOutcome, KflRecord } from './eval/compile';
