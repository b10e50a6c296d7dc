/**
 * The dissection part of the Hub (issue 4): its tools in descriptor order, registered at start-up
 * through the Hub's extension list (hub/server/extensions.ts).
 */
import path from 'node:path';
import { type HubContext } from '../../server/context';
import { type HubExtension } from '../../server/extensions';
import { type Tool } from '../../server/tools/registry';
import { callTools } from './callTools';
import { dissectionTools } from './dissectionTools';
import { liveTools } from './liveTools';
import { DissectionService } from './service';
import { statsTools } from './statsTools';

export function dissectionToolset(ctx: HubContext, stateDir: string): Tool[] {
  const service = new DissectionService(ctx, stateDir);
  return [...dissectionTools(service), ...callTools(service), ...statsTools(service), ...liveTools(service)];
}

/** Dissection state lives beside the snapshots, in the Hub's `--state` folder. */
export const dissectionExtension: HubExtension = (registry, ctx) => {
  registry.register(...dissectionToolset(ctx, path.dirname(ctx.snapshots.dir)));
};
