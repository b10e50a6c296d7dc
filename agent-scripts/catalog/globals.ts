/** Names the agent runtime provides, lacks, or may lack (spec §2). */

/** The ES5 global object's properties (plus Annex B `escape`/`unescape`). */
export const ES5_GLOBALS: ReadonlySet<string> = new Set([
  'Object', 'Function', 'Array', 'String', 'Boolean', 'Number', 'Math', 'Date', 'RegExp', 'JSON',
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'NaN', 'Infinity', 'undefined', 'eval', 'isNaN', 'isFinite', 'parseInt', 'parseFloat',
  'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent', 'escape', 'unescape',
]);

/** Globals of browsers and Node that the agent runtime does not have, with the replacement. */
export const UNAVAILABLE_GLOBALS: ReadonlyMap<string, string> = new Map([
  ['setTimeout', 'Use `jobs.schedule`.'],
  ['setInterval', 'Use `jobs.schedule`.'],
  ['setImmediate', 'Use `jobs.schedule`.'],
  ['clearTimeout', 'Use `jobs.remove`.'],
  ['clearInterval', 'Use `jobs.remove`.'],
  ['queueMicrotask', 'Call the function directly.'],
  ['require', 'Scripts are single files; use the helpers.'],
  ['module', 'Scripts are single files; hooks are top-level functions.'],
  ['exports', 'Scripts are single files; hooks are top-level functions.'],
  ['process', 'Use `env.NAME` for configuration and `utils.nodeName()` for the node.'],
  ['Buffer', 'Work with strings.'],
  ['window', 'Use `var shared = this;` at top level for the global scope.'],
  ['document', 'There is no DOM.'],
  ['fetch', 'Use `vendor.webhook`.'],
  ['XMLHttpRequest', 'Use `vendor.webhook`.'],
  ['structuredClone', 'Use `JSON.parse(JSON.stringify(value))`.'],
]);

/** ES2015+ global constructors and objects; the first three may exist in the runtime (unconfirmed). */
export const ES2015_GLOBALS: ReadonlyMap<string, string> = new Map([
  ['Promise', 'Helpers are synchronous; call them directly.'],
  ['Map', 'Use a plain object.'],
  ['Set', 'Use a plain object with `true` values.'],
  ['WeakMap', 'Use a plain object.'],
  ['WeakSet', 'Use a plain object.'],
  ['Symbol', 'Use string keys.'],
  ['Proxy', 'Use plain objects.'],
  ['Reflect', 'Use `Object` methods and `Function.prototype.apply`.'],
  ['ArrayBuffer', 'Use arrays and strings.'],
  ['SharedArrayBuffer', 'Use arrays and strings.'],
  ['DataView', 'Use arrays and strings.'],
  ['Int8Array', 'Use an array.'], ['Uint8Array', 'Use an array.'], ['Uint8ClampedArray', 'Use an array.'],
  ['Int16Array', 'Use an array.'], ['Uint16Array', 'Use an array.'], ['Int32Array', 'Use an array.'],
  ['Uint32Array', 'Use an array.'], ['Float32Array', 'Use an array.'], ['Float64Array', 'Use an array.'],
  ['BigInt64Array', 'Use an array.'], ['BigUint64Array', 'Use an array.'],
  ['BigInt', 'Use numbers.'],
  ['globalThis', 'Use `var shared = this;` at top level.'],
]);

/** Built-ins a runtime may well provide (engines embedded in Go often do); the warning says it is unconfirmed. */
export const POSSIBLY_PROVIDED: ReadonlySet<string> = new Set(['Promise', 'Map', 'Set']);

/** ES2015+ static methods on ES5 constructors, with the ES5 way. */
export const ES2015_STATICS: ReadonlyMap<string, string> = new Map([
  ['Array.from', 'Copy with a loop, or `Array.prototype.slice.call(list)`.'],
  ['Array.of', 'Use an array literal.'],
  ['Object.assign', 'Copy the properties in a `for…in` loop with `hasOwnProperty`.'],
  ['Object.entries', 'Use `Object.keys(o)` and read `o[key]`.'],
  ['Object.values', 'Use `Object.keys(o)` and read `o[key]`.'],
  ['Object.fromEntries', 'Build the object in a loop.'],
  ['Object.is', 'Use `===` (and `x !== x` for NaN).'],
  ['Object.setPrototypeOf', 'Use `Object.create`.'],
  ['Object.getOwnPropertySymbols', 'Use `Object.getOwnPropertyNames`.'],
  ['Number.isInteger', 'Use `typeof n === "number" && n % 1 === 0`.'],
  ['Number.isSafeInteger', 'Use `typeof n === "number" && n % 1 === 0 && Math.abs(n) <= 9007199254740991`.'],
  ['Number.isNaN', 'Use `n !== n`.'],
  ['Number.isFinite', 'Use `typeof n === "number" && isFinite(n)`.'],
  ['Number.parseFloat', 'Use `parseFloat`.'],
  ['Number.parseInt', 'Use `parseInt`.'],
  ['Math.trunc', 'Use `n < 0 ? Math.ceil(n) : Math.floor(n)`.'],
  ['Math.sign', 'Use `n > 0 ? 1 : n < 0 ? -1 : n`.'],
  ['Math.log2', 'Use `Math.log(n) / Math.LN2`.'],
  ['Math.log10', 'Use `Math.log(n) / Math.LN10`.'],
  ['Math.cbrt', 'Use `Math.pow(n, 1 / 3)` (for n ≥ 0).'],
  ['Math.hypot', 'Use `Math.sqrt(a * a + b * b)`.'],
  ['String.fromCodePoint', 'Use `String.fromCharCode` with surrogate pairs.'],
  ['String.raw', 'Use a string literal with escaped backslashes.'],
]);

/**
 * ES2015+ methods of strings and arrays. The receiver's type is unknown, so this is a heuristic,
 * reported on any receiver that is not a helper namespace.
 */
export const ES2015_METHODS: ReadonlyMap<string, string> = new Map([
  ['includes', 'Use `a.indexOf(x) !== -1`.'],
  ['startsWith', 'Use `s.indexOf(t) === 0`.'],
  ['endsWith', 'Use `s.slice(-t.length) === t`.'],
  ['repeat', 'Use `new Array(n + 1).join(s)`.'],
  ['padStart', 'Prepend in a loop.'],
  ['padEnd', 'Append in a loop.'],
  ['trimStart', 'Use `s.replace(/^\\s+/, "")`.'],
  ['trimEnd', 'Use `s.replace(/\\s+$/, "")`.'],
  ['find', 'Use a loop.'],
  ['findIndex', 'Use a loop.'],
  ['findLast', 'Use a loop.'],
  ['findLastIndex', 'Use a loop.'],
  ['fill', 'Use a loop.'],
  ['flat', 'Use a loop with `concat`.'],
  ['flatMap', 'Use a loop with `concat`.'],
  ['replaceAll', 'Use `s.split(a).join(b)`.'],
  ['codePointAt', 'Use `charCodeAt`.'],
]);
