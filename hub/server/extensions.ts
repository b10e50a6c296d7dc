import { dissectionExtension } from '../dissect/tools';
import { type HubContext } from './context';
import { type ToolRegistry } from './tools/registry';

/**
 * A part that adds tools or hooks to the Hub at start-up, e.g. the dissection part:
 *   (registry, ctx) => { registry.register(...dissectionTools); ctx.snapshots.onDelete(dropDissections); }
 */
export type HubExtension = (registry: ToolRegistry, context: HubContext) => void;

/** Every extension, one line each (see hub/README.md, "Adding tools"). */
export const HUB_EXTENSIONS: readonly HubExtension[] = [
  dissectionExtension,
];
