import { type AnyNode, type CallExpression } from 'acorn';
import { type HelperParam, KFL_PCAP_S3_SECRET_OPTIONS } from '../catalog/helpers';
import { isSecretHeader, MIN_SECRET_PIECE, SECRET_ENV_NAME, SECRET_PATTERNS, SECRET_URL } from '../catalog/secrets';
import { concatenatedStrings, stringValue } from '../lint/literals';
import { type ScriptModel } from '../lint/model';
import { securityMessages as m } from '../messages';
import { type Fix } from '../types';
import { type RuleContext } from './context';
import { envReferences } from './env';

interface SecretSite {
  readonly node: AnyNode;
  readonly label: string;
  readonly envName: string;
  /** The replacement for the whole node, when the node is a plain literal. */
  readonly replacement: string | undefined;
}

/** security/* rules (spec §9.4). */
export function checkSecrets(model: ScriptModel, ctx: RuleContext): void {
  const reported: AnyNode[] = [];
  for (const ref of model.helperRefs) {
    if (!ref.helper || !ref.call) continue;
    for (const site of secretSites(ref.helper.params, ref.call)) {
      reported.push(site.node);
      const fixes: Fix[] = site.replacement === undefined ? [] : [{
        title: `Use \`env.${site.envName}\``,
        preferred: true,
        addEnvName: site.envName,
        edits: [{ start: site.node.start, end: site.node.end, newText: site.replacement }],
      }];
      ctx.report('security/hardcoded-secret', site.node.start, site.node.end, m.hardcodedSecret(site.label, ref.path, site.envName), { fixes });
    }
  }
  secretPatterns(model, ctx, reported);
  secretsToLog(model, ctx);
}

/** A literal, or a concatenation with a literal of 8+ characters. */
function holdsSecret(node: AnyNode): boolean {
  const direct = stringValue(node);
  if (direct !== undefined) return direct.trim() !== '';
  return concatenatedStrings(node).some((s) => s.value.length >= MIN_SECRET_PIECE);
}

function isPlainLiteral(node: AnyNode): boolean {
  return stringValue(node) !== undefined;
}

function secretSites(params: readonly HelperParam[], call: CallExpression): SecretSite[] {
  const sites: SecretSite[] = [];
  params.forEach((param, i) => {
    const arg = call.arguments[i];
    if (!param.secret || !arg || arg.type === 'SpreadElement') return;
    const envName = param.envName ?? param.name.toUpperCase();
    const env = `env.${envName}`;
    switch (param.secret) {
      case 'value':
        if (holdsSecret(arg)) sites.push({ node: arg, label: param.name, envName, replacement: isPlainLiteral(arg) ? env : undefined });
        break;
      case 'url':
        if (concatenatedStrings(arg).some((s) => SECRET_URL.test(s.value))) {
          sites.push({ node: arg, label: param.name, envName, replacement: isPlainLiteral(arg) ? env : undefined });
        }
        break;
      case 'object':
        if (arg.type === 'ObjectExpression') sites.push({ node: arg, label: param.name, envName, replacement: `JSON.parse(${env})` });
        break;
      case 'headers':
      case 'options':
        sites.push(...propertySites(arg, param, envName));
        break;
    }
  });
  return sites;
}

/** Secret-bearing properties of an object literal argument (auth headers, kflPcapS3 credentials). */
function propertySites(arg: AnyNode, param: HelperParam, headerEnvName: string): SecretSite[] {
  if (arg.type !== 'ObjectExpression') return [];
  const sites: SecretSite[] = [];
  for (const prop of arg.properties) {
    if (prop.type !== 'Property' || prop.computed) continue;
    const key = prop.key.type === 'Identifier' ? prop.key.name : stringValue(prop.key);
    if (key === undefined || !holdsSecret(prop.value)) continue;
    const envName = param.secret === 'options' ? KFL_PCAP_S3_SECRET_OPTIONS.get(key) : isSecretHeader(key) ? headerEnvName : undefined;
    if (!envName) continue;
    const value = stringValue(prop.value);
    // Keep an auth scheme ("Bearer …") and move only the credential.
    const scheme = value !== undefined ? /^(Bearer|Basic|Token)\s+\S/.exec(value)?.[1] : undefined;
    const replacement = value === undefined ? undefined : scheme ? `"${scheme} " + env.${envName}` : `env.${envName}`;
    sites.push({ node: prop.value, label: `${param.name}.${key}`, envName, replacement });
  }
  return sites;
}

function secretPatterns(model: ScriptModel, ctx: RuleContext, reported: readonly AnyNode[]): void {
  const covered = (node: AnyNode): boolean => reported.some((r) => node.start >= r.start && node.end <= r.end);
  const strings: AnyNode[] = [...model.nodes('Literal').filter((l) => typeof l.value === 'string'), ...model.nodes('TemplateElement')];
  for (const node of strings) {
    const value = node.type === 'Literal' ? (node.value as string) : node.type === 'TemplateElement' ? node.value.cooked ?? node.value.raw : '';
    const hit = SECRET_PATTERNS.find((p) => p.pattern.test(value));
    if (hit && !covered(node)) ctx.report('security/secret-pattern', node.start, node.end, m.secretPattern(hit.what));
  }
}

/** `console.log(env.SLACK_TOKEN)` and the like. */
function secretsToLog(model: ScriptModel, ctx: RuleContext): void {
  const logArgs = model.helperRefs
    .filter((r) => (r.path === 'console.log' || r.path === 'console.error') && r.call)
    .flatMap((r) => r.call!.arguments);
  if (logArgs.length === 0) return;
  for (const ref of envReferences(model).refs) {
    if (!SECRET_ENV_NAME.test(ref.name)) continue;
    if (logArgs.some((a) => ref.member.start >= a.start && ref.member.end <= a.end)) {
      ctx.report('security/secret-to-log', ref.member.start, ref.member.end, m.secretToLog());
    }
  }
}
