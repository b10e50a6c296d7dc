/**
 * Every message the linter shows, worded as in spec §9 with the parameters filled in. Rules call
 * these instead of building text, so the wording can be reviewed against the spec in one place.
 */
const code = (text: string): string => `\`${text}\``;

/** Puts a concrete rewrite into a message when it is short enough to read at a glance. */
export function example(rewrite: string | undefined, fallback: string): string {
  return rewrite !== undefined && rewrite.length <= 60 && !/[\r\n]/.test(rewrite) ? rewrite : fallback;
}

export const syntaxMessages = {
  parseError: (detail: string) => `Syntax error: ${detail}`,
};

export const es5Messages = {
  letConst: (kind: string) => `${code(kind)} is ES2015; agent scripts are ES5. Use ${code('var')}.`,
  letInForHead: (kind: string) =>
    `${code(kind)} in a ${code('for')} head is ES2015 (a new binding per iteration). Use ${code('var')}; copy the value into a function where closures need it.`,
  usingDeclaration: (kind: string) => `${code(kind)} declarations are ES2026 and not ES5.`,
  arrow: (rewrite: string | undefined) => `Arrow functions are ES2015. Use ${code(example(rewrite, 'function (x) { return x.id; }'))}.`,
  classes: () => 'Classes are ES2015. Use a constructor function and its prototype.',
  template: (rewrite: string | undefined) => `Template literals are ES2015. Use string concatenation: ${code(example(rewrite, 'a + ":" + b'))}.`,
  taggedTemplate: () => 'Tagged templates are ES2015. Call the function with a string instead.',
  destructuring: () => 'Destructuring is ES2015. Read the properties one by one.',
  defaultParam: () => `Default parameters are ES2015. Test for ${code('undefined')} in the body.`,
  restParam: () => `Rest parameters are ES2015. Use ${code('arguments')}.`,
  spread: () => `Spread is ES2015. Use ${code('f.apply(null, args)')} or ${code('concat')}.`,
  objectSpread: () => `Object spread is ES2018. Copy the properties in a ${code('for…in')} loop.`,
  forOf: () => `${code('for…of')} is ES2015. Use an index loop.`,
  generator: () => 'Generators are ES2015 and not available in agent scripts.',
  async: () => `${code('async')}/${code('await')} are ES2017 and not available in agent scripts. Helpers are synchronous; call them directly.`,
  optionalChaining: (rewrite: string | undefined) => `Optional chaining is ES2020. Use ${code(example(rewrite, 'data.src && data.src.name'))}.`,
  nullish: () => `${code('??')} is ES2020. Use ${code('a !== undefined && a !== null ? a : b')}.`,
  logicalAssignment: (operator: string, rewrite: string) => `${code(operator)} is ES2021. Use ${code(rewrite)}.`,
  exponent: (rewrite: string | undefined) => `${code('**')} is ES2016. Use ${code(example(rewrite, 'Math.pow(x, 2)'))}.`,
  exponentAssignment: (rewrite: string | undefined) => `${code('**=')} is ES2016. Use ${code(example(rewrite, 'x = Math.pow(x, 2)'))}.`,
  shorthandProperty: (name: string) => `Shorthand properties are ES2015. Write ${code(`${name}: ${name}`)}.`,
  shorthandMethod: (name: string) => `Shorthand methods are ES2015. Write ${code(`${name}: function (…) {…}`)}.`,
  computedKey: (assignment: string) => `Computed keys are ES2015. Create the object, then assign ${code(example(assignment, 'obj[key] = value'))}.`,
  modules: () => 'Modules are not supported; scripts are plain ES5 files.',
  binaryLiteral: (decimal: string, digits: string) => `Binary literals are ES2015. Use ${code(decimal)} or ${code(`parseInt("${digits}", 2)`)}.`,
  octalLiteral: (decimal: string, digits: string) => `Octal literals are ES2015. Use ${code(decimal)} or ${code(`parseInt("${digits}", 8)`)}.`,
  numericSeparator: (plain: string) => `Numeric separators are ES2021. Write ${code(plain)}.`,
  bigint: () => 'BigInt literals are ES2020 and not available in agent scripts. Use a number.',
  codePointEscape: (pair: string) => `Code point escapes ${code('\\u{…}')} are ES2015. Use ${code(pair)}.`,
  regexFlag: (flag: string, version: string) => `The regex flag ${code(flag)} is ${version} and not ES5.`,
  /** `subject` carries its verb: "Trailing commas in calls are", "`new.target` is". */
  other: (subject: string, version: string) => `${subject} ${version} and not ES5.`,
  missingCatchBinding: () => `${code('catch')} without a binding is ES2019 and not ES5. Write ${code('catch (e)')}.`,
  builtinMaybeProvided: (name: string, advice: string) =>
    `${code(name)} is not part of ES5; whether the agent runtime provides it is unconfirmed. ${advice}`,
  builtin: (name: string, advice: string) => `${code(name)} is not part of ES5. ${advice}`,
  regexUnsupported: (feature: string) => `${feature} may not be supported: the runtime is expected to run regexes on RE2 (unconfirmed).`,
  unavailableGlobal: (name: string, advice: string) => `${code(name)} does not exist in the agent runtime. ${advice}`,
};

export const metaMessages = {
  missingTitle: () => `The first comment is the script's title and there is none. Add ${code('// <Title>')} as the first line.`,
  duplicateTitle: (title: string, other: string) => `Title "${title}" is also used by ${code(other)}; titles identify scripts in the cluster.`,
  titleComma: () => 'Titles must not contain commas (the active-scripts list is comma-separated).',
  reservedTitle: () => '"New Script" is the dashboard\'s placeholder title and is always stored at index 0. Choose a real title.',
};

export const hookMessages = {
  unknownHook: (name: string, hook: string) => `${code(name)} is not a hook and will never be called. Did you mean ${code(hook)}?`,
  arity: (hook: string, params: readonly string[], extra: string) =>
    `${code(hook)} receives ${params.length} argument${params.length === 1 ? '' : 's'} (${params.join(', ')}); ${code(extra)} will always be undefined.`,
  duplicate: (hook: string) => `${code(hook)} is declared twice; only the last declaration runs.`,
  notTopLevel: () => 'Hooks must be top-level function declarations; this one is never called.',
  unconfirmed: (hook: string, why: string) => `${code(hook)} ${why}`,
  removedField: (expression: string) => `${code(expression)} no longer exists on entries.`,
};

export const scopeMessages = {
  implicitGlobal: (name: string) =>
    `${code(name)} is assigned without ${code('var')} and becomes an implicit global shared with other scripts. Declare it with ${code('var')}, or write ${code(`this.${name}`)} at top level if sharing is intended.`,
  undeclared: (name: string) => `${code(name)} is not defined.`,
  thisInFunction: () =>
    `What ${code('this')} is inside a hook or job is unconfirmed. Capture the global scope at top level (${code('var shared = this;')}) and use ${code('shared')} here.`,
  shadowHelper: (name: string) => `${code(name)} hides the helper namespace of the same name.`,
};

const ARTICLE: Record<string, string> = { object: 'an object', array: 'an array', function: 'a function', string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null', regex: 'a regular expression' };

export const helperMessages = {
  unknownHelper: (path: string, suggestion: string | undefined) =>
    `${code(path)} is not a helper.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
  arity: (path: string, min: number, max: number, params: string, got: number) => {
    const count = max === min ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min}–${max}`;
    const noun = max === 1 && min === 1 ? 'argument' : 'arguments';
    const takes = max === 0 ? 'takes no arguments' : `takes ${count} ${noun} (${params})`;
    return `${code(path)} ${takes}; got ${got}.`;
  },
  argType: (index: number, name: string, path: string, expected: string, got: string, advice: string) =>
    `Argument ${index} (${code(name)}) of ${code(path)} must be ${expected}; got ${ARTICLE[got] ?? got}.${advice ? ` ${advice}` : ''}`,
  argOrder: (path: string) => `${code(path)} takes (query, data); the arguments look swapped.`,
  jsonStringReturn: (call: string, member: string) =>
    `${code(call)} returns a JSON string; ${code(`.${member}`)} is undefined. Use ${code(`JSON.parse(${call}).${member}`)}.`,
  unconfirmed: (path: string) => `${code(path)} appears only in examples; its availability is unconfirmed.`,
};

export const kflMessages = {
  v1Syntax: (kfl2: string) => `This query uses KFL v1 syntax; which KFL version scripts use is unconfirmed. KFL2: ${code(kfl2)}.`,
  invalid: (details: string) => `This query is neither valid KFL2 nor valid KFL v1: ${details}`,
};

export const jobMessages = {
  descriptor: (sixFields: string) => `Cron descriptors are not confirmed to work; use six fields, e.g. ${code(`"${sixFields}"`)}.`,
  frequent: () => 'Runs every second on every node.',
  domAndDow: () => 'Both day of month and day of week are restricted; whether a run needs both or either is unconfirmed.',
  duplicateTag: (tag: string, line: number, otherFile?: string) =>
    `Job tag "${tag}" is already scheduled ${otherFile ? `in ${code(otherFile)} ` : ''}on line ${line}; tags must be unique.`,
  scheduleInHook: () => 'Scheduling inside a hook creates a job per event. Schedule once at top level.',
  unknownTag: (tag: string) => `No job with tag "${tag}" is scheduled in this workspace.`,
};

export const envMessages = {
  undeclared: (name: string, suggestion: string | undefined) =>
    `${code(name)} is not defined in scripting.env; it will be undefined at run time.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`,
  notConfigured: () =>
    `${code('env')} names are not checked: no values file with ${code('scripting.env')} was found and no env names are set in the settings.`,
  dynamic: () => 'Dynamic env access cannot be checked.',
};

const IO_VERBS = { network: 'does network I/O', file: 'does file I/O', log: 'writes a log line', heavy: 'does heavy I/O' } as const;

export const perfMessages = {
  heavyOnPacket: (helper: string, io: keyof typeof IO_VERBS, via: string | undefined) =>
    `${code('onPacketCaptured')} can run over 10,000 times a second; ${code(helper)}${via ? ` (called through ${code(via)})` : ''} ${IO_VERBS[io]} on every packet. Aggregate here and send from a ${code('jobs.schedule')} job.`,
  unguardedExport: () => 'This export runs for every API call. Filter first, or batch and send from a job.',
};

export const securityMessages = {
  hardcodedSecret: (param: string, path: string, envName: string) =>
    `Hard-coded secret in argument ${code(param)} of ${code(path)}. Put it in scripting.env and use ${code(`env.${envName}`)}.`,
  secretPattern: (what: string) => `This string looks like ${what}. Keep secrets in scripting.env.`,
  secretToLog: () => 'This logs a secret from scripting.env.',
};
