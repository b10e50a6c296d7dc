/**
 * The Check Hub procedure (hub-api.md §5.1): health, descriptor, core tools, live dissection,
 * capabilities. It never throws except when cancelled: every failure becomes a state.
 */
import { CORE_TOOLS, findTool } from './descriptor';
import { type HubError, type HubErrorKind, isHubError } from './errors';
import { type HubClient } from './hubClient';
import { asObject, bool } from './json';

export type HubState = 'ok' | 'degraded' | 'unreachable' | 'auth_required' | 'forbidden' | 'not_a_hub' | 'unsupported_hub';
export type AuthMode = 'none' | 'token' | 'license_key';

/** What the status bar and the Hub view show (the client-side object of §5.1). */
export interface HubStatus {
  readonly state: HubState;
  readonly baseUrl: string;
  readonly hub?: { readonly name: string; readonly version?: string };
  readonly toolCount: number;
  readonly missingCoreTools: readonly string[];
  readonly dissectionEnabled?: boolean;
  readonly auth: AuthMode;
  /** From `whoami`; undefined = not known, everything assumed allowed. */
  readonly capabilities?: readonly string[];
  readonly checkedAt: number;
  /** Why the state is not ok/degraded. */
  readonly error?: HubError;
}

/** The capabilities of §1.4 that menus depend on. */
export const MENU_CAPABILITIES = ['snapshot:read', 'snapshot:write', 'snapshot:dissection'] as const;

/** Which of the menu capabilities the caller's role lacks (none when whoami did not say). */
export function lackedCapabilities(status: HubStatus | undefined): string[] {
  const caps = status?.capabilities;
  return caps === undefined ? [] : MENU_CAPABILITIES.filter((c) => !caps.includes(c));
}

const STATE_OF_KIND: Partial<Record<HubErrorKind, HubState>> = {
  auth_required: 'auth_required',
  forbidden: 'forbidden',
  not_a_hub: 'not_a_hub',
  unsupported_hub: 'unsupported_hub',
};

export async function checkHub(client: HubClient, options: { auth: AuthMode; signal?: AbortSignal; now?: () => number }): Promise<HubStatus> {
  const now = options.now ?? Date.now;
  const base = { baseUrl: client.baseUrl, auth: options.auth, toolCount: 0, missingCoreTools: [] as string[] };
  try {
    await client.echo(options.signal);
    const descriptor = await client.descriptor({ refresh: true, signal: options.signal });
    const missing = CORE_TOOLS.filter((t) => !findTool(descriptor, t));
    let dissectionEnabled: boolean | undefined;
    if (findTool(descriptor, 'get_l7_data_boundaries')) {
      dissectionEnabled = await client.callTool('get_l7_data_boundaries', {}, { signal: options.signal })
        .then((r) => bool(asObject(r), 'dissection_enabled'), (e: unknown) => { if (isHubError(e, 'cancelled')) throw e; return undefined; });
    }
    const capabilities = await client.capabilities(options.signal);
    return {
      ...base,
      state: missing.length > 0 ? 'degraded' : 'ok',
      hub: { name: descriptor.name, version: descriptor.version },
      toolCount: descriptor.tools.length,
      missingCoreTools: missing,
      dissectionEnabled,
      capabilities,
      checkedAt: now(),
    };
  } catch (e) {
    if (!isHubError(e) || e.kind === 'cancelled') throw e;
    return { ...base, state: STATE_OF_KIND[e.kind] ?? 'unreachable', error: e, checkedAt: now() };
  }
}
