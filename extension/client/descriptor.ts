/**
 * The Hub's descriptor, `GET <base>/api/mcp` (hub-api.md §2.1): validated leniently into the
 * wire shape, kept for 5 minutes, and the single source of which tools a Hub offers.
 */
import { type HubDescriptor, type JsonSchema, type PromptDescriptor, type ToolDescriptor } from '../../protocol/hubApi';
import { HubError } from './errors';
import { arr, asObject, type JsonObject, parseJson, prop, str } from './json';

/** Tools every feature of the extension builds on (§5.1 step 3). */
export const CORE_TOOLS = ['list_snapshots', 'get_snapshot', 'create_snapshot', 'get_data_boundaries', 'list_api_calls', 'list_l4_flows'] as const;

/** Tools whose calls change nothing and may be retried (§2.3). */
export function isReadOnlyTool(name: string): boolean {
  return /^(get_|list_|check_)/.test(name) || name === 'export_snapshot_pcap';
}

/** Tools that ask for confirmation in the generic runner (§2.5). */
export function isMutatingTool(name: string): boolean {
  return /^(delete|create|upload|download|enable|disable|start|stop)_/.test(name);
}

/**
 * Reads a descriptor body. No JSON → `bad_response`; JSON without a `tools` array (e.g. the older
 * `endpoints[]` shape) → `unsupported_hub`. Tools without a name are skipped; a tool without an
 * input schema gets an empty one.
 */
export function parseDescriptor(text: string): HubDescriptor {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new HubError({ kind: 'bad_response', message: `The Hub's descriptor is not JSON: ${text.slice(0, 200)}` });
  const object = asObject(parsed.value);
  const tools = arr(object, 'tools');
  if (object === undefined || tools === undefined) {
    throw new HubError({ kind: 'unsupported_hub', message: 'Unsupported Hub version: its /api/mcp lists no tools' });
  }
  const seen = new Set<string>();
  const parsedTools: ToolDescriptor[] = [];
  for (const item of tools) {
    const tool = asObject(item);
    const name = str(tool, 'name');
    if (name === undefined || name === '' || seen.has(name)) continue;
    seen.add(name);
    parsedTools.push({ name, description: str(tool, 'description'), inputSchema: (asObject(prop(tool, 'inputSchema')) ?? {}) as JsonSchema });
  }
  return {
    name: str(object, 'name') ?? '',
    description: str(object, 'description'),
    version: str(object, 'version'),
    tools: parsedTools,
    prompts: (arr(object, 'prompts') ?? []).map(asObject).filter((p): p is JsonObject => str(p, 'name') !== undefined).map(parsePrompt),
  };
}

function parsePrompt(p: JsonObject): PromptDescriptor {
  const args = (arr(p, 'arguments') ?? []).map(asObject).filter((a): a is JsonObject => str(a, 'name') !== undefined);
  return {
    name: str(p, 'name') ?? '',
    description: str(p, 'description'),
    arguments: args.map((a) => ({ name: str(a, 'name') ?? '', description: str(a, 'description'), required: prop(a, 'required') === true })),
  };
}

export function findTool(descriptor: HubDescriptor | undefined, name: string): ToolDescriptor | undefined {
  return descriptor?.tools.find((t) => t.name === name);
}
