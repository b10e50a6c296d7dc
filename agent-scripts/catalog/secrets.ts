/** Shapes of well-known secrets (rule security/secret-pattern, spec §9.4), each with what it looks like. */
export const SECRET_PATTERNS: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /AKIA[0-9A-Z]{16}/, what: 'an AWS access key' },
  { pattern: /xox[abprs]-[0-9A-Za-z-]{10,}/, what: 'a Slack token' },
  { pattern: /https:\/\/hooks\.slack\.com\/services\/\S+/, what: 'a Slack webhook URL' },
  { pattern: /ghp_[0-9A-Za-z]{20,}/, what: 'a GitHub token' },
  { pattern: /sk-[0-9A-Za-z_-]{20,}/, what: 'an API secret key' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /Bearer\s+[0-9A-Za-z._~+/=-]{20,}/, what: 'a bearer token' },
];

/** A URL that carries a credential: a token/key/sig query parameter or a Slack hook. */
export const SECRET_URL = /[?&][^=&#]*(token|key|sig)[^=&#]*=|hooks\.slack\.com\/services\//i;

/** Header names whose values are credentials. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'authorization' || lower === 'x-api-key' || lower.includes('token') || lower.includes('secret');
}

/** Env names whose values are secrets (rule security/secret-to-log). */
export const SECRET_ENV_NAME = /TOKEN|KEY|SECRET|PASSWORD/i;

/** The shortest literal piece of a concatenation that counts as a hard-coded secret. */
export const MIN_SECRET_PIECE = 8;
