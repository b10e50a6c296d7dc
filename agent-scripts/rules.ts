/**
 * The rule catalog of spec §9: every rule id with its default severity and a one-line summary
 * (used for SARIF rule metadata, `--help` texts and the README). Messages live in messages.ts.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface RuleInfo {
  readonly severity: Severity;
  readonly summary: string;
}

const rule = (severity: Severity, summary: string): RuleInfo => ({ severity, summary });

export const RULES = {
  'syntax/parse-error': rule('error', 'The file is not valid JavaScript at any ECMAScript version.'),

  'es5/no-let-const': rule('error', '`let` and `const` are ES2015; agent scripts are ES5. Use `var`.'),
  'es5/no-arrow': rule('error', 'Arrow functions are ES2015. Use a function expression.'),
  'es5/no-class': rule('error', 'Classes are ES2015. Use a constructor function and its prototype.'),
  'es5/no-template-literal': rule('error', 'Template literals are ES2015. Use string concatenation.'),
  'es5/no-destructuring': rule('error', 'Destructuring is ES2015. Read the properties one by one.'),
  'es5/no-default-param': rule('error', 'Default parameters are ES2015. Test for `undefined` in the body.'),
  'es5/no-rest-param': rule('error', 'Rest parameters are ES2015. Use `arguments`.'),
  'es5/no-spread': rule('error', 'Spread is ES2015. Use `apply` or `concat`.'),
  'es5/no-for-of': rule('error', '`for…of` is ES2015. Use an index loop.'),
  'es5/no-generator': rule('error', 'Generators are ES2015 and not available in agent scripts.'),
  'es5/no-async': rule('error', '`async`/`await` are ES2017 and not available in agent scripts.'),
  'es5/no-optional-chaining': rule('error', 'Optional chaining is ES2020. Use `a && a.b`.'),
  'es5/no-nullish': rule('error', 'Nullish coalescing and logical assignment are ES2020/ES2021.'),
  'es5/no-exponent': rule('error', 'The `**` operator is ES2016. Use `Math.pow`.'),
  'es5/no-shorthand-property': rule('error', 'Shorthand properties and methods are ES2015.'),
  'es5/no-computed-key': rule('error', 'Computed keys are ES2015. Assign `obj[key]` after creating the object.'),
  'es5/no-modules': rule('error', 'Modules are not supported; scripts are plain ES5 files.'),
  'es5/no-new-literal': rule('error', 'Binary, octal, BigInt, separated numeric literals, code point escapes and new regex flags are not ES5.'),
  'es5/other-syntax': rule('error', 'A construct newer than ES5 (class fields, `new.target`, trailing commas in calls, …).'),
  'es5/no-es2015-builtin': rule('warning', 'A built-in that ES5 lacks; whether the agent runtime provides it is unconfirmed.'),
  'es5/regex-unsupported': rule('warning', 'A regex feature RE2 lacks (look-around, named groups, back-references).'),
  'runtime/unavailable-global': rule('error', 'A global that does not exist in the agent runtime (timers, require, process, …).'),

  'meta/missing-title': rule('error', 'The first comment is the script\'s title and there is none.'),
  'meta/duplicate-title': rule('error', 'Two scripts have the same title; titles identify scripts in the cluster.'),
  'meta/title-comma': rule('error', 'Titles must not contain commas (the active-scripts list is comma-separated).'),
  'meta/reserved-title': rule('warning', '"New Script" is the dashboard\'s placeholder title.'),

  'hooks/unknown-hook': rule('warning', 'A function named like a hook that is not one and will never be called.'),
  'hooks/arity': rule('warning', 'A hook declares more parameters than the runtime passes.'),
  'hooks/duplicate': rule('error', 'A hook is declared twice; only the last declaration runs.'),
  'hooks/not-top-level': rule('warning', 'Hooks must be top-level function declarations.'),
  'hooks/unconfirmed': rule('info', 'A hook whose support in current versions is unconfirmed.'),
  'hooks/removed-field': rule('warning', 'A field that no longer exists on captured entries.'),

  'scope/implicit-global': rule('error', 'A name assigned without `var` becomes an implicit global shared with other scripts.'),
  'scope/undeclared': rule('error', 'A name that is not defined anywhere.'),
  'scope/this-in-function': rule('warning', 'What `this` is inside a hook or job is unconfirmed; capture it at top level.'),
  'scope/shadow-helper': rule('warning', 'A declaration hides a helper namespace.'),

  'helpers/unknown-helper': rule('error', 'A member of a helper namespace that does not exist.'),
  'helpers/arity': rule('error', 'A helper called with the wrong number of arguments.'),
  'helpers/arg-type': rule('error', 'A helper argument of an obviously wrong type.'),
  'helpers/arg-order': rule('warning', '`kfl.match` takes (query, data); the arguments look swapped.'),
  'helpers/json-string-return': rule('warning', 'A helper returns a JSON string, not an object.'),
  'helpers/unconfirmed': rule('info', 'A helper seen only in examples; its availability is unconfirmed.'),
  'kfl/query-literal': rule('info', 'A KFL query literal in v1 syntax or with errors.'),

  'jobs/cron-invalid': rule('error', 'An invalid six-field cron expression.'),
  'jobs/cron-descriptor': rule('warning', 'Cron descriptors such as `@every 5s` are not confirmed to work.'),
  'jobs/cron-frequent': rule('info', 'A job that runs every second on every node.'),
  'jobs/cron-dom-dow': rule('info', 'Both day-of-month and day-of-week are restricted; whether a run needs both or either is unconfirmed.'),
  'jobs/duplicate-tag': rule('error', 'A job tag scheduled twice; tags must be unique.'),
  'jobs/schedule-in-hook': rule('warning', 'Scheduling inside a hook creates a job per event.'),
  'jobs/unknown-tag': rule('warning', 'A job tag that is not scheduled anywhere in the workspace.'),

  'env/undeclared': rule('warning', 'An `env` name that is not defined in scripting.env.'),
  'env/dynamic': rule('info', 'Dynamic `env` access cannot be checked.'),

  'perf/heavy-onPacketCaptured': rule('warning', 'I/O inside `onPacketCaptured`, which can run over 10,000 times a second.'),
  'perf/unguarded-export': rule('info', 'An export in `onItemCaptured` that runs for every API call.'),
  'security/hardcoded-secret': rule('error', 'A literal secret passed to a helper instead of `env.NAME`.'),
  'security/secret-pattern': rule('warning', 'A string that looks like a secret.'),
  'security/secret-to-log': rule('warning', 'A secret from scripting.env written to the log.'),
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
