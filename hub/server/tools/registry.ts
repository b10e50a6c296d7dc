import { type JsonSchema, type ToolDescriptor } from '../../../protocol/hubApi';
import { HubError } from '../errors';
import { type HubContext } from '../context';
import { validateArguments } from './validate';

/**
 * One MCP tool: its descriptor (name, description, JSON schema of the arguments) and its handler.
 * `A` is the argument shape the schema guarantees once validated.
 */
export interface Tool<A = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonSchema & { type: 'object'; additionalProperties: false };
  handler(args: A, ctx: HubContext): unknown;
}

/** Declares a tool with typed arguments (the schema and `A` must agree; validation enforces the schema). */
export function defineTool<A>(tool: Tool<A>): Tool {
  return tool as unknown as Tool;
}

/** Shorthand for a tool's schema: an object that refuses unknown arguments. */
export function objectSchema(properties: Record<string, JsonSchema>, required: string[] = []): Tool['inputSchema'] {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** Every tool the Hub serves, in registration order; `GET /api/mcp` lists them. */
export class ToolRegistry {
  private readonly tools = new Map<string, Tool>();

  register(...tools: Tool[]): void {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`tool '${tool.name}' is registered twice`);
      this.tools.set(tool.name, tool);
    }
  }

  descriptors(): ToolDescriptor[] {
    return [...this.tools.values()].map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
  }

  async call(name: string, args: unknown, ctx: HubContext): Promise<unknown> {
    const tool = this.tools.get(name);
    if (!tool) throw new HubError('UNKNOWN_TOOL', `unknown tool '${name}'`, { tool: name });
    return tool.handler(validateArguments(tool.inputSchema, args ?? {}), ctx);
  }
}
