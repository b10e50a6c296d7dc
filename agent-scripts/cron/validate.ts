/**
 * The six-field `jobs.schedule` cron grammar of spec §5, validated with the spec's messages:
 *
 *   cron  = sec " " min " " hour " " dom " " month " " dow
 *   field = item { "," item }
 *   item  = ( "*" | "?" | value | value "-" value ) [ "/" step ]
 */

export interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Upper-case names mapped to values (months, weekdays). */
  readonly names?: ReadonlyMap<string, number>;
  readonly allowsQuestion: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const CRON_FIELDS: readonly CronField[] = [
  { name: 'Second', min: 0, max: 59, allowsQuestion: false },
  { name: 'Minute', min: 0, max: 59, allowsQuestion: false },
  { name: 'Hour', min: 0, max: 23, allowsQuestion: false },
  { name: 'Day of month', min: 1, max: 31, allowsQuestion: true },
  { name: 'Month', min: 1, max: 12, names: new Map(MONTHS.map((m, i) => [m, i + 1])), allowsQuestion: false },
  { name: 'Day of week', min: 0, max: 6, names: new Map(DAYS.map((d, i) => [d, i])), allowsQuestion: true },
];

/** A parsed field: which values it selects, and whether it was written as "any" (`*`/`?`). */
export interface ParsedField {
  readonly values: ReadonlySet<number>;
  readonly unrestricted: boolean;
}

export interface CronProblem {
  readonly message: string;
  /** Offsets into the cron text of the part at fault. */
  readonly start: number;
  readonly end: number;
  /** For five-field expressions: the six-field expression meant (seconds `0` prepended). */
  readonly suggestion?: string;
}

export type CronValidation =
  | { readonly ok: true; readonly fields: readonly ParsedField[] }
  | { readonly ok: false; readonly problem: CronProblem };

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ALL_NAMES = new Set([...MONTHS, ...DAYS]);

interface Token {
  readonly text: string;
  readonly start: number;
}

function splitFields(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) tokens.push({ text: m[0], start: m.index });
  return tokens;
}

/** Whether a field is made of cron characters, with any letters forming month or day names. */
function looksLikeCronField(field: string): boolean {
  if (!/^[0-9A-Za-z*?,/-]+$/.test(field)) return false;
  const words = field.match(/[A-Za-z]+/g) ?? [];
  return words.every((w) => ALL_NAMES.has(w.toUpperCase()));
}

const fail = (message: string, start: number, end: number, suggestion?: string): CronValidation =>
  ({ ok: false, problem: suggestion === undefined ? { message, start, end } : { message, start, end, suggestion } });

/** Validates a cron expression (not a `@descriptor`; the caller reports those separately). */
export function validateCron(text: string): CronValidation {
  const tokens = splitFields(text);
  const whole = (message: string, suggestion?: string): CronValidation => fail(message, 0, text.length, suggestion);
  if (tokens.length === 0) return whole('Empty cron expression.');
  if (!tokens.every((t) => looksLikeCronField(t.text))) {
    if (tokens.length !== 6) return whole('Not a cron expression.');
  } else if (tokens.length === 7) {
    return whole('Seven fields; years are not supported. Six fields: second minute hour day-of-month month day-of-week.');
  } else if (tokens.length === 5) {
    const suggestion = `0 ${tokens.map((t) => t.text).join(' ')}`;
    const hint = validateCron(suggestion).ok ? ` Did you mean \`"${suggestion}"\`?` : '';
    return whole(`jobs.schedule needs six fields (seconds first); this has five.${hint}`, hint ? suggestion : undefined);
  } else if (tokens.length !== 6) {
    const count = COUNT_WORDS[tokens.length] ?? String(tokens.length);
    return whole(`jobs.schedule needs six fields (seconds first); this has ${count}.`);
  }
  const fields: ParsedField[] = [];
  for (let i = 0; i < 6; i++) {
    const parsed = parseField(tokens[i]!, CRON_FIELDS[i]!);
    if ('message' in parsed) return { ok: false, problem: parsed };
    fields.push(parsed);
  }
  return { ok: true, fields };
}

function parseField(token: Token, field: CronField): ParsedField | CronProblem {
  const values = new Set<number>();
  let unrestricted = false;
  let offset = token.start;
  for (const item of token.text.split(',')) {
    const result = parseItem(item, offset, field, values);
    if (result !== undefined) return result;
    if (item === '*' || item === '?') unrestricted = true;
    offset += item.length + 1;
  }
  return { values, unrestricted };
}

/** Adds the values of one list item to `into`; returns the problem if the item is invalid. */
function parseItem(item: string, start: number, field: CronField, into: Set<number>): CronProblem | undefined {
  const at = (message: string, from = start, to = start + item.length): CronProblem => ({ message, start: from, end: to });
  const lowerName = field.name.toLowerCase();
  if (item === '') return at(`Empty list item in the ${lowerName} field.`, start, start);
  const slash = item.indexOf('/');
  const base = slash < 0 ? item : item.slice(0, slash);
  let step = 1;
  if (slash >= 0) {
    const stepText = item.slice(slash + 1);
    const stepStart = start + slash + 1;
    if (!/^\d+$/.test(stepText)) return at(stepText === '' ? 'Step is missing after `/`.' : `Step \`${stepText}\` must be a number.`, stepStart);
    step = Number(stepText);
    if (step < 1) return at('Step must be at least 1.', stepStart);
    const span = field.max - field.min + 1;
    if (step > span) return at(`Step \`${stepText}\` is larger than the ${lowerName} field's span (${field.min}–${field.max}).`, stepStart);
  }
  let from: number;
  let to: number;
  if (base === '*' || base === '?') {
    if (base === '?' && !field.allowsQuestion) return at('`?` is only allowed in day of month and day of week.', start, start + 1);
    from = field.min;
    to = field.max;
  } else {
    const dash = base.indexOf('-', 1);
    const firstText = dash < 0 ? base : base.slice(0, dash);
    const first = parseValue(firstText, start, field);
    if (typeof first !== 'number') return first;
    from = first;
    to = slash >= 0 && dash < 0 ? field.max : first;
    if (dash >= 0) {
      const secondText = base.slice(dash + 1);
      if (secondText === '') return at(`Range \`${base}\` is incomplete.`, start, start + base.length);
      const second = parseValue(secondText, start + dash + 1, field);
      if (typeof second !== 'number') return second;
      if (second < first) return at(`Range \`${base}\` is reversed; write \`${secondText}-${firstText}\`.`, start, start + base.length);
      to = second;
    }
  }
  for (let v = from; v <= to; v += step) into.add(v);
  return undefined;
}

function parseValue(text: string, start: number, field: CronField): number | CronProblem {
  const at = (message: string): CronProblem => ({ message, start, end: start + text.length });
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value >= field.min && value <= field.max) return value;
    if (field.name === 'Month') return at(`Month \`${text}\` is out of range 1–12 (or JAN–DEC).`);
    if (field.name === 'Day of week') {
      return at(`Day of week \`${text}\` is out of range 0–6${value === 7 ? '; use `0` or `SUN` for Sunday' : ''}.`);
    }
    return at(`${field.name} \`${text}\` is out of range ${field.min}–${field.max}.`);
  }
  if (/^[A-Za-z]+$/.test(text)) {
    const named = field.names?.get(text.toUpperCase());
    if (named !== undefined) return named;
    if (field.name === 'Day of week') return at(`Unknown day name \`${text}\`; use ${DAYS.join(', ')}.`);
    if (field.name === 'Month') return at(`Unknown month name \`${text}\`; use ${MONTHS.join(', ')}.`);
    return at(`${field.name} \`${text}\` is not a number.`);
  }
  return at(`${field.name} field \`${text}\` is not valid.`);
}

/**
 * The same schedule with every field spelled as its sorted values (or `*`): what a cron library
 * accepts even where it is stricter than spec §5 (cron-parser rejects overlapping list items).
 */
export function canonicalCron(fields: readonly ParsedField[]): string {
  return fields.map((f) => (f.unrestricted ? '*' : [...f.values].sort((a, b) => a - b).join(','))).join(' ');
}

/** Whether a parsed expression fires every second (rule jobs/cron-frequent). */
export function firesEverySecond(fields: readonly ParsedField[]): boolean {
  return fields[0]!.values.size === 60;
}

/** Whether both day fields are restricted, where "both or either" is unconfirmed. */
export function restrictsBothDays(fields: readonly ParsedField[]): boolean {
  return !fields[3]!.unrestricted && !fields[5]!.unrestricted;
}
