/** The live database's switch and window: get_dissection_status, enable/disable_dissection, get_l7_data_boundaries. */
import { type L7DataBoundaries } from '../../../protocol/hubApi';
import { defineTool, objectSchema, type Tool } from '../../server/tools/registry';
import { type DissectionService } from './service';

export function liveTools(service: DissectionService): Tool[] {
  const { live } = service;
  return [
    defineTool<Record<string, never>>({
      name: 'get_l7_data_boundaries',
      description: 'Window of dissected, KFL-queryable live data per node (the Local Hub back-fills all capture files).',
      inputSchema: objectSchema({}),
      handler: (): Promise<L7DataBoundaries> => live.boundaries(),
    }),
    defineTool<Record<string, never>>({
      name: 'get_dissection_status',
      description: 'Whether live dissection is enabled.',
      inputSchema: objectSchema({}),
      handler: (): { enabled: boolean } => ({ enabled: live.enabled }),
    }),
    defineTool<Record<string, never>>({
      name: 'enable_dissection',
      description: 'Enable live dissection; the Local Hub then indexes every capture file already present (back-fill).',
      inputSchema: objectSchema({}),
      handler: (): { success: boolean; enabled: boolean } => {
        live.setEnabled(true);
        return { success: true, enabled: true };
      },
    }),
    defineTool<Record<string, never>>({
      name: 'disable_dissection',
      description: 'Disable live dissection; what was indexed stays queryable.',
      inputSchema: objectSchema({}),
      handler: (): { success: boolean; enabled: boolean } => {
        live.setEnabled(false);
        return { success: true, enabled: false };
      },
    }),
  ];
}
