/**
 * Automatic retries of read-only tools (hub-api.md §2.3). The delay function is injected so tests
 * can run the backoff without waiting.
 */
import { type HubErrorKind } from './errors';

export type Delay = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export const realDelay: Delay = (ms, signal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) {
    reject(signal.reason);
    return;
  }
  const onAbort = (): void => {
    clearTimeout(timer);
    reject(signal?.reason);
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener('abort', onAbort);
    resolve();
  }, ms);
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** Delays before each retry of a read-only tool, by error kind: busy 1 s then 3 s; 5xx 1 s; timeout once. */
export function retryDelays(kind: HubErrorKind): readonly number[] {
  switch (kind) {
    case 'busy': return [1000, 3000];
    case 'hub_error': return [1000];
    case 'timeout': return [0];
    default: return [];
  }
}
