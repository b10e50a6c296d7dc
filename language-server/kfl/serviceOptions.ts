/** The options every kfl/ editor service takes: the live schema and values, and the document's time zone. */
import { type ServiceOptions } from '../../kfl';
import { type ServerContext } from '../feature';
import { type LiveSchema } from './liveSchema';
import { DEFAULT_SETTINGS, SECTION } from './settings';

export async function serviceOptionsFor(context: ServerContext, live: LiveSchema, uri: string): Promise<ServiceOptions> {
  const settings = await context.settings.get(uri, SECTION, DEFAULT_SETTINGS);
  return { schema: live.schema, values: live.values, ...(settings.timeZone ? { timeZone: settings.timeZone } : {}) };
}
