import assert from 'node:assert/strict';
import { type HubError, isHubError } from '../../../extension/client/errors';

/** The HubError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function hubRejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (e) {
    if (isHubError(e)) return e;
    throw e;
  }
  assert.fail('expected a HubError');
}
