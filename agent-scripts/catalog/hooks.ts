import { ENTRY_FIELDS, type FieldSpec, PACKET_FIELDS, POD_FIELDS } from './fields';

/** Spec §3 as data: drives the hook rules, completion snippets and hover. */
export interface HookParam {
  readonly name: string;
  readonly type: string;
  readonly doc: string;
  /** Members offered after `<param>.` in completion. */
  readonly fields?: readonly FieldSpec[];
}

export interface HookSpec {
  readonly name: string;
  readonly params: readonly HookParam[];
  /** Extra parameters some examples pass; declaring them is not an arity mistake. */
  readonly optionalParams?: readonly HookParam[];
  readonly runsOn: string;
  readonly doc: string;
  /** Why support is unconfirmed (rule hooks/unconfirmed), if it is. */
  readonly unconfirmed?: string;
}

const ENTRY: HookParam = { name: 'data', type: 'object', doc: 'The dissected entry (API call).', fields: ENTRY_FIELDS };
const JOB: readonly HookParam[] = [
  { name: 'tag', type: 'string', doc: 'The job\'s tag.' },
  { name: 'cron', type: 'string', doc: 'The job\'s cron expression.' },
  { name: 'limit', type: 'number', doc: 'The job\'s run limit.' },
];

export const HOOKS: readonly HookSpec[] = [
  {
    name: 'onItemCaptured', params: [ENTRY], runsOn: 'workers',
    doc: 'Called once per reassembled L7 message (API call). Keep it light: filter, count, tag.',
  },
  {
    name: 'onPacketCaptured',
    params: [{ name: 'info', type: 'object', doc: '`{timestamp, captureLength, length, truncated, fragmented}`.', fields: PACKET_FIELDS }],
    runsOn: 'workers',
    doc: 'Called once per captured packet — over 10,000 times a second per node. Only aggregate here; export from a job.',
  },
  {
    name: 'onItemQueried', params: [ENTRY],
    optionalParams: [{ name: 'filter', type: 'string', doc: 'The dashboard query (seen in one example).' }],
    runsOn: 'where dashboard queries are served (unconfirmed)',
    doc: 'Called when the dashboard loads an item; return `test.pass(data)` or `test.fail(data)` to mark it.',
    unconfirmed: 'is an older feature; whether current versions call it is unconfirmed.',
  },
  {
    name: 'onHubAction',
    params: [{ name: 'action', type: 'string', doc: 'The action name given to `hub.action`.' }, { name: 'object', type: 'any', doc: 'The object given to `hub.action`.' }],
    runsOn: 'Hub only',
    doc: 'Receives what any process sent with `hub.action(action, object)`. The place to aggregate across nodes.',
  },
  {
    name: 'onPodEvent',
    params: [
      { name: 'event', type: 'string', doc: '`"ADDED"`, `"MODIFIED"` or `"DELETED"`.' },
      { name: 'pod', type: 'object', doc: 'The Kubernetes Pod in Go field naming (`pod.ObjectMeta.Name`).', fields: POD_FIELDS },
    ],
    runsOn: 'Hub and workers',
    doc: 'React to restarts, crashes and scheduling.',
  },
  { name: 'onJobPassed', params: JOB, runsOn: 'the node where the job ran', doc: 'Called after a scheduled job completed without error.' },
  {
    name: 'onJobFailed', params: [...JOB, { name: 'err', type: 'string', doc: 'The error text.' }],
    runsOn: 'the node where the job ran', doc: 'Called after a scheduled job threw.',
  },
  {
    name: 'onLogCall',
    params: [{ name: 'level', type: 'string', doc: '`"info"`, `"warning"`, `"error"`, …' }, { name: 'msg', type: 'string | object', doc: 'JSON string or object.' }],
    runsOn: 'unconfirmed',
    doc: 'Seen only in an example script, not in the reference.',
    unconfirmed: 'appears only in examples; whether current versions call it is unconfirmed.',
  },
];

const BY_NAME = new Map(HOOKS.map((h) => [h.name, h]));

export function hookNamed(name: string): HookSpec | undefined {
  return BY_NAME.get(name);
}

export const HOOK_NAMES: readonly string[] = HOOKS.map((h) => h.name);

/** `function onX(a, b)` signature line for hover and completion details. */
export function hookSignature(hook: HookSpec): string {
  const optional = (hook.optionalParams ?? []).map((p) => `${p.name}?`);
  return `function ${hook.name}(${[...hook.params.map((p) => p.name), ...optional].join(', ')})`;
}
