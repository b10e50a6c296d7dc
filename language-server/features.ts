/**
 * The languages this server serves, in the order they are asked whether they handle a document.
 * Adding one is one line here (see README.md).
 */
import { type FeatureFactory } from './feature';
import { createAgentScriptsFeature } from './agentScripts';
import { createKflFeature } from './kfl';

export const FEATURES: readonly FeatureFactory[] = [
  createKflFeature,
  createAgentScriptsFeature,
];
