/** The options every kfl/ editor service takes: the live schema and values, and the document's time zone. */
import { type ServiceOptions } from '../../kfl';
import { type ServerContext } from '../feature';
import { type LiveSchema } from './liveSchema';

export async function serviceOptionsFor(context: ServerContext, live: LiveSchema, uri: string): Promise<ServiceOptions> {
  const timeZone = await context.settings.displayZone(uri);
  return { schema: live.schema, values: live.values, ...(timeZone ? { timeZone } : {}) };
}
