/**
 * Spec §4 as data: one table drives helper arity and argument checks, the I/O list of the perf
 * rules, the secret-bearing parameters of security/hardcoded-secret, completion and hover.
 */

/** Parameter types as the runtime converts them; `limit` is an integer ≥ 0, `enum` a set of numbers. */
export type ParamType = 'string' | 'number' | 'bool' | 'object' | 'string[]' | 'object[]' | 'function' | 'any' | 'limit' | 'enum';

/**
 * How a parameter carries a secret: `value` (any string literal there is one), `url` (a token in
 * the query or a Slack hook URL), `headers` (auth header values), `object` (a key object literal),
 * `options` (secret keys of an options object).
 */
export type SecretKind = 'value' | 'url' | 'headers' | 'object' | 'options';

export interface HelperParam {
  readonly name: string;
  readonly type: ParamType;
  readonly optional?: boolean;
  /** Collects every remaining argument. */
  readonly rest?: boolean;
  /** Allowed numbers of an `enum` parameter, with their meaning. */
  readonly values?: readonly { readonly value: number; readonly label: string }[];
  readonly secret?: SecretKind;
  /** The env name the secret fix suggests. */
  readonly envName?: string;
}

/** What a helper does that makes it too heavy for `onPacketCaptured`. */
export type IoKind = 'network' | 'file' | 'log' | 'heavy';

export interface HelperSpec {
  readonly path: string;
  readonly params: readonly HelperParam[];
  readonly returns: string;
  readonly runsOn: string;
  readonly doc: string;
  readonly io?: IoKind;
  /** Seen only in examples (rule helpers/unconfirmed). */
  readonly unconfirmed?: boolean;
  /** Returns JSON text that scripts tend to use as an object (rule helpers/json-string-return). */
  readonly returnsJson?: boolean;
}

const p = (name: string, type: ParamType, extra: Partial<HelperParam> = {}): HelperParam => ({ name, type, ...extra });
const opt = (name: string, type: ParamType, extra: Partial<HelperParam> = {}): HelperParam => p(name, type, { ...extra, optional: true });
const str = (...names: string[]): HelperParam[] => names.map((n) => p(n, 'string'));
const secret = (name: string, envName: string, kind: SecretKind = 'value', optional = false): HelperParam =>
  p(name, kind === 'object' ? 'object' : kind === 'headers' || kind === 'options' ? 'object' : 'string', { secret: kind, envName, optional });

const BOTH = 'Hub and workers';
const ASSUMED = 'Hub and workers (assumed)';

export const HELPERS: readonly HelperSpec[] = [
  { path: 'console.log', params: [p('args', 'any', { rest: true })], returns: '—', runsOn: BOTH, io: 'log', doc: 'Writes the arguments, joined with spaces, to the script console.' },
  { path: 'console.error', params: [p('args', 'any', { rest: true })], returns: '—', runsOn: BOTH, io: 'log', doc: 'Writes the arguments to the script console\'s error stream.' },
  { path: 'console.clear', params: [], returns: '—', runsOn: BOTH, doc: 'Clears the script console.' },

  {
    path: 'jobs.schedule',
    params: [p('tag', 'string'), p('cron', 'string'), p('fn', 'function'), opt('limit', 'limit'), p('args', 'any', { rest: true })],
    returns: '—', runsOn: BOTH,
    doc: 'Schedules `fn` on every node that loads the script. `cron` has six fields with seconds first; `limit` caps the runs per node (0 = unlimited); the remaining arguments are passed to `fn`. Tags must be unique.',
  },
  { path: 'jobs.remove', params: str('tag'), returns: '—', runsOn: BOTH, doc: 'Removes the job with this tag.' },
  { path: 'jobs.removeAll', params: [], returns: '—', runsOn: BOTH, doc: 'Removes every job.' },
  { path: 'jobs.list', params: [], returns: 'string[]', runsOn: BOTH, doc: 'The tags of the scheduled jobs.' },
  { path: 'jobs.run', params: str('tag'), returns: '—', runsOn: BOTH, doc: 'Runs the job with this tag now.' },
  { path: 'jobs.runAll', params: [], returns: '—', runsOn: BOTH, doc: 'Runs every job now.' },
  { path: 'jobs.scheduler.isRunning', params: [], returns: 'bool', runsOn: BOTH, doc: 'Whether the job scheduler runs.' },
  { path: 'jobs.scheduler.start', params: [], returns: '—', runsOn: BOTH, doc: 'Starts the job scheduler.' },
  { path: 'jobs.scheduler.stop', params: [], returns: '—', runsOn: BOTH, doc: 'Stops the job scheduler.' },

  { path: 'hub.action', params: [p('action', 'string'), p('object', 'any')], returns: '—', runsOn: BOTH, io: 'network', doc: 'Sends `object` to `onHubAction(action, object)` on the Hub.' },
  { path: 'hub.targeted', params: [], returns: 'string (JSON `{targets: [pod…], excluded: [pod…]}`)', runsOn: ASSUMED, io: 'network', returnsJson: true, doc: 'The targeted and excluded pods, **as a JSON string**: use `JSON.parse(hub.targeted())`.' },
  { path: 'hub.blockPod', params: str('name', 'namespace'), returns: 'string', runsOn: ASSUMED, io: 'network', unconfirmed: true, doc: 'Blocks a pod. Seen only in an example.' },

  { path: 'utils.nodeName', params: [], returns: 'string', runsOn: BOTH, doc: 'The worker\'s host name, or `"hub"` on the Hub.' },
  { path: 'utils.json2Yaml', params: str('json'), returns: 'string (YAML)', runsOn: BOTH, doc: 'Converts JSON text to YAML.' },

  {
    path: 'vendor.webhook', params: [p('method', 'string'), secret('url', 'WEBHOOK_URL', 'url'), p('body', 'string'), secret('headers', 'WEBHOOK_TOKEN', 'headers', true)],
    returns: 'string (response body)', runsOn: ASSUMED, io: 'network', doc: 'Sends an HTTP request. `body` must be a string: wrap objects in `JSON.stringify`.',
  },
  {
    path: 'vendor.webhookForm', params: [p('method', 'string'), secret('url', 'WEBHOOK_URL', 'url'), p('formFields', 'object')],
    returns: 'string', runsOn: ASSUMED, io: 'network', unconfirmed: true, doc: 'Sends an HTML form. Seen only in an example.',
  },
  {
    path: 'vendor.slack', params: [secret('webhookUrl', 'SLACK_WEBHOOK_URL'), ...str('pretext', 'text', 'color')],
    returns: '—', runsOn: ASSUMED, io: 'network', doc: 'Posts a message through a Slack incoming webhook.',
  },
  {
    path: 'vendor.slackBot',
    params: [secret('token', 'SLACK_TOKEN'), ...str('channelId', 'pretext', 'text', 'color'), opt('fields', 'object'), opt('files', 'object')],
    returns: '—', runsOn: ASSUMED, io: 'network', doc: 'Posts a message as a Slack bot; `files` maps names to file paths.',
  },
  {
    path: 'vendor.influxdb',
    params: [p('url', 'string'), secret('token', 'INFLUXDB_TOKEN'), ...str('org', 'bucket', 'measurement'), p('data', 'object'), opt('tags', 'object')],
    returns: '—', runsOn: ASSUMED, io: 'network', doc: 'Writes a point to InfluxDB.',
  },
  {
    path: 'vendor.elastic',
    params: [
      ...str('url', 'index'), p('data', 'object'), opt('username', 'string'), secret('password', 'ELASTIC_PASSWORD', 'value', true),
      opt('cloudID', 'string'), secret('apiKey', 'ELASTIC_API_KEY', 'value', true), secret('serviceToken', 'ELASTIC_SERVICE_TOKEN', 'value', true),
      opt('certificateFingerprint', 'string'),
    ],
    returns: '—', runsOn: ASSUMED, io: 'network', doc: 'Indexes a document in Elasticsearch.',
  },
  {
    path: 'vendor.kinesis.put',
    params: [...str('streamName', 'payload', 'region'), secret('accessKeyId', 'AWS_ACCESS_KEY_ID'), secret('secretAccessKey', 'AWS_SECRET_ACCESS_KEY')],
    returns: 'object', runsOn: BOTH, io: 'network', doc: 'Puts a record on an AWS Kinesis stream (payload often a HAR from `wrapper.buildHAR`).',
  },
  {
    path: 'vendor.s3.put',
    params: [...str('bucket', 'path', 'region'), secret('keyID', 'AWS_ACCESS_KEY_ID', 'value', true), secret('accessKey', 'AWS_SECRET_ACCESS_KEY', 'value', true)],
    returns: 'string (object URL)', runsOn: ASSUMED, io: 'network', doc: 'Uploads a file to S3; the keys are optional with workload identity.',
  },
  {
    path: 'vendor.s3.clear',
    params: [p('region', 'string'), secret('keyID', 'AWS_ACCESS_KEY_ID'), secret('accessKey', 'AWS_SECRET_ACCESS_KEY'), p('bucket', 'string')],
    returns: '—', runsOn: ASSUMED, io: 'network', doc: 'Clears this node\'s folder in the bucket.',
  },
  { path: 'vendor.gcs.put', params: [...str('bucket', 'path'), secret('saKeyObj', 'GCS_SA_KEY', 'object')], returns: 'string', runsOn: ASSUMED, io: 'network', doc: 'Uploads a file to Google Cloud Storage with a service-account key object.' },
  { path: 'vendor.gcs.clear', params: [p('bucket', 'string'), secret('saKeyObj', 'GCS_SA_KEY', 'object')], returns: '—', runsOn: ASSUMED, io: 'network', doc: 'Clears this node\'s folder in the bucket.' },
  {
    path: 'vendor.azure.put',
    params: [...str('container', 'path'), opt('accountName', 'string'), secret('accountKey', 'AZURE_ACCOUNT_KEY', 'value', true), secret('connectionString', 'AZURE_CONNECTION_STRING', 'value', true)],
    returns: 'string (blob URL)', runsOn: ASSUMED, io: 'network', doc: 'Uploads a file to Azure Blob Storage.',
  },

  { path: 'pcap.path', params: str('stream'), returns: 'string (file path)', runsOn: 'workers (assumed)', doc: 'The PCAP file of a capture stream (`data.stream`).' },
  { path: 'pcap.snapshot', params: [opt('selectedPcaps', 'string[]'), opt('pcapsDir', 'string')], returns: 'string (path of the merged `<unix>.pcap`)', runsOn: 'workers (assumed)', io: 'heavy', doc: 'Merges PCAP files into one snapshot file.' },
  { path: 'pcap.nameResolutionHistory', params: [], returns: 'object `{<unix ts>: {<ip>: {FullAddress, Namespace}}}`', runsOn: 'workers (assumed)', doc: 'The name-resolution history of this node.' },

  { path: 'file.write', params: str('path', 's'), returns: '—', runsOn: 'node-local', io: 'file', doc: 'Writes a file.' },
  { path: 'file.append', params: str('path', 's'), returns: '—', runsOn: 'node-local', io: 'file', doc: 'Appends to a file.' },
  { path: 'file.move', params: str('old', 'new'), returns: '—', runsOn: 'node-local', io: 'file', doc: 'Moves a file.' },
  { path: 'file.copy', params: str('src', 'dst'), returns: '—', runsOn: 'node-local', io: 'file', doc: 'Copies a file.' },
  { path: 'file.delete', params: str('path'), returns: '—', runsOn: 'node-local', io: 'file', doc: 'Deletes a file.' },
  { path: 'file.mkdir', params: str('path'), returns: '—', runsOn: 'node-local', io: 'file', doc: 'Creates a folder.' },
  { path: 'file.mkdirTemp', params: [opt('name', 'string'), opt('dir', 'string')], returns: 'string (path)', runsOn: 'node-local', io: 'file', doc: 'Creates a temporary folder.' },
  { path: 'file.temp', params: str('name', 'dir', 'ext'), returns: 'string (path)', runsOn: 'node-local', io: 'file', doc: 'Creates a temporary file.' },
  { path: 'file.tar', params: str('dir'), returns: 'string (archive path)', runsOn: 'node-local', io: 'file', doc: 'Archives a folder.' },

  { path: 'kfl.match', params: [p('query', 'string'), p('data', 'object')], returns: 'bool', runsOn: BOTH, doc: 'Whether the entry matches the KFL query. Query first, entry second.' },
  { path: 'kfl.validate', params: str('query'), returns: 'bool', runsOn: BOTH, doc: 'Whether the KFL query is valid.' },

  { path: 'test.pass', params: [p('data', 'object')], returns: 'object (the entry, marked)', runsOn: 'where `onItemQueried` runs', doc: 'Marks the entry as passed.' },
  { path: 'test.fail', params: [p('data', 'object')], returns: 'object (the entry, marked)', runsOn: 'where `onItemQueried` runs', doc: 'Marks the entry as failed.' },

  {
    path: 'prometheus.metric',
    params: [...str('name', 'description'), p('type', 'enum', { values: [{ value: 1, label: 'counter' }, { value: 2, label: 'gauge' }, { value: 3, label: 'untyped' }] }), p('value', 'number'), p('labels', 'object')],
    returns: '—', runsOn: ASSUMED, doc: 'Sets a Prometheus metric.',
  },
  {
    path: 'prometheus.vector',
    params: [...str('name', 'description'), p('type', 'enum', { values: [{ value: 1, label: 'CounterVec' }, { value: 2, label: 'GaugeVec' }] }), p('value', 'number'), p('labels', 'object')],
    returns: '—', runsOn: ASSUMED, doc: 'Sets a Prometheus metric vector.',
  },

  { path: 'aggregation.msg', params: [p('code', 'number'), p('msg', 'string')], returns: '—', runsOn: BOTH, doc: 'Writes a message to the Hub/worker log.' },
  { path: 'aggregation.json', params: [p('code', 'number'), p('key', 'string'), p('obj', 'object')], returns: '—', runsOn: BOTH, doc: 'Writes an object to the Hub/worker log.' },
  { path: 'aggregation.jsonWithMsg', params: [p('code', 'number'), p('key', 'string'), p('obj', 'object'), p('msg', 'string')], returns: '—', runsOn: BOTH, doc: 'Writes an object and a message to the Hub/worker log.' },

  {
    path: 'wrapper.kflPcapS3', params: [p('data', 'object'), p('options', 'object', { secret: 'options' })],
    returns: '—', runsOn: 'workers (assumed)', io: 'network',
    doc: 'Records PCAPs of traffic matching `options.kflArr` to S3. Options: `kflArr`, `awsRegion`, `awsAccessKeyId`, `awsSecretAccessKey`, `s3Bucket`, `slackWebhook`, `slackAuthToken`, `slackChannelId`, `active`, `verbose`, `maxMinutes`, `maxL4Streams`.',
  },
  { path: 'wrapper.buildHAR', params: [p('items', 'object[]')], returns: 'string (HAR JSON)', runsOn: BOTH, doc: 'Builds a HAR document from entries.' },
  { path: 'wrapper.joinMaps', params: [p('a', 'object'), p('b', 'object')], returns: 'object', runsOn: BOTH, doc: 'Merges two objects.' },

  {
    path: 'chatgpt.prompt', params: [secret('apiKey', 'OPENAI_API_KEY'), p('prompt', 'string'), opt('maxTokens', 'number')],
    returns: 'string', runsOn: ASSUMED, io: 'network', unconfirmed: true, doc: 'Asks ChatGPT (legacy). `maxTokens` defaults to 1024.',
  },
  { path: 'chatgpt.sentiment', params: str('text'), returns: 'object `{neg, neu, pos, compound}`', runsOn: 'unconfirmed', io: 'network', unconfirmed: true, doc: 'Sentiment of a text (legacy).' },
];

/** Secret-bearing keys of `wrapper.kflPcapS3` options, with the env name the fix suggests. */
export const KFL_PCAP_S3_SECRET_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['awsAccessKeyId', 'AWS_ACCESS_KEY_ID'],
  ['awsSecretAccessKey', 'AWS_SECRET_ACCESS_KEY'],
  ['slackWebhook', 'SLACK_WEBHOOK_URL'],
  ['slackAuthToken', 'SLACK_TOKEN'],
]);

const BY_PATH = new Map(HELPERS.map((h) => [h.path, h]));

/** Namespaces and their direct members (`vendor` → `webhook`, `kinesis`, …). */
const MEMBERS = new Map<string, string[]>();
for (const helper of HELPERS) {
  const parts = helper.path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const ns = parts.slice(0, i).join('.');
    const list = MEMBERS.get(ns) ?? [];
    if (!list.includes(parts[i]!)) list.push(parts[i]!);
    MEMBERS.set(ns, list);
  }
}

/** Top-level helper globals; `env` is a namespace too, but an open one (spec §6). */
export const HELPER_ROOTS: ReadonlySet<string> = new Set([...HELPERS.map((h) => h.path.split('.')[0]!), 'env']);

export function helperAt(path: string): HelperSpec | undefined {
  return BY_PATH.get(path);
}

/** Whether `path` is a namespace (`vendor`, `vendor.kinesis`, `jobs.scheduler`). */
export function isNamespace(path: string): boolean {
  return MEMBERS.has(path);
}

export function membersOf(namespace: string): readonly string[] {
  return MEMBERS.get(namespace) ?? [];
}

export function arityRange(helper: HelperSpec): { min: number; max: number } {
  const min = helper.params.filter((x) => !x.optional && !x.rest).length;
  const max = helper.params.some((x) => x.rest) ? Number.POSITIVE_INFINITY : helper.params.length;
  return { min, max };
}

/** `vendor.webhook(method, url, body, headers?)` */
export function helperParamList(helper: HelperSpec): string {
  return helper.params.map((x) => (x.rest ? `...${x.name}` : x.optional ? `${x.name}?` : x.name)).join(', ');
}

export function typeLabel(param: HelperParam): string {
  if (param.type === 'limit') return 'integer ≥ 0';
  if (param.type === 'enum') return (param.values ?? []).map((v) => `${v.value} ${v.label}`).join(' | ');
  return param.type;
}

/** `vendor.webhook(method: string, url: string, body: string, headers?: object): string` for hover and completion. */
export function helperSignature(helper: HelperSpec): string {
  const params = helper.params.map((x) => `${x.rest ? '...' : ''}${x.name}${x.optional ? '?' : ''}: ${typeLabel(x)}`);
  const returns = helper.returns === '—' ? 'void' : helper.returns;
  return `${helper.path}(${params.join(', ')}): ${returns}`;
}
