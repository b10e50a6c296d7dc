/** Argument schemas shared by the dissection tools (hub-api.md §5.11–§5.19). */
import { type JsonSchema } from '../../../protocol/hubApi';

export const SNAPSHOT_ID: JsonSchema = { type: 'string', description: 'Snapshot id; omitted = the live database.' };
export const DISSECTION: JsonSchema = { type: 'string', description: 'Dissection name, default "default".' };
export const KFL: JsonSchema = { type: 'string', description: 'KFL2 filter; "" matches everything.' };
export const START_TIME: JsonSchema = { type: 'integer', description: 'Window start, Unix ms (inclusive).' };
export const END_TIME: JsonSchema = { type: 'integer', description: 'Window end, Unix ms (inclusive).' };
export const LIMIT: JsonSchema = { type: 'integer', minimum: 1, maximum: 1000, description: 'Page size, default 100.' };
export const OFFSET: JsonSchema = { type: 'integer', minimum: 0, description: 'Matches to skip.' };
export const FORMAT: JsonSchema = { type: 'string', enum: ['compact', 'full', 'raw'], description: 'Default compact.' };
