import { isSecretKey } from './format';

/**
 * Finding secrets in env values whatever their key, so a password in `DATABASE_URL` or a token in
 * `NOTE` is masked like one in `DB_PASSWORD`. Pure; unit-tested in test/unit/renderer/secrets.test.ts.
 *
 *   maskSecrets('postgres://app:pw@db/x')  → 'postgres://app:••••••••@db/x'
 *   envValueParts('NOTE', 'ghp_…')         → [{ text: 'ghp_…', secret: true }]
 *   redactEnvInJson(inspect.raw)           → { value: <Config.Env masked>, count: 2 }
 *
 * Rules are deliberately specific (well-known token shapes) plus one conservative entropy rule; PATH,
 * versions, hex image ids and UUIDs must stay readable, or people learn to click Reveal blindly.
 */

/** What a masked secret shows: a fixed width, so the length of the secret is not given away either. */
export const MASK = '••••••••';

export interface ValuePart {
  text: string;
  secret: boolean;
}

interface Rule {
  /** Global regex; the secret is the `secret` group when there is one (`d` flag for its indices), else the whole match. */
  re: RegExp;
  /** A further check on the secret, for rules whose shape alone would catch ordinary words. */
  accept?: (secret: string) => boolean;
}

/** Mixed case or a digit: "Bearer dXNlcjpw…" yes, "Basic authentication" or "sk-learn-…" no. */
const notAPlainWord = (s: string): boolean => /[0-9]/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s));

const RULES: Rule[] = [
  // PEM private keys (RSA, EC, OPENSSH, ENCRYPTED, plain), to the END line or the end of the value.
  { re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g },
  // scheme://user:password@host: only the password.
  { re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:(?<secret>[^\s@/?#]+)@/dgi },
  // Authorization: Bearer … / Basic … (a header pasted into a value).
  { re: /\b(?:Bearer|Basic)\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})/dgi, accept: notAPlainWord },
  // JSON Web Tokens: base64url header and payload (both JSON, so "eyJ"), optional signature.
  { re: /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g },
  // GitHub tokens (classic and fine-grained).
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { re: /\bgithub_pat_[A-Za-z0-9_]{22,}/g },
  // GitLab personal/project/group tokens.
  { re: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  // Slack bot/user/app/refresh tokens.
  { re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  // OpenAI / Anthropic / Stripe style secret keys: sk-…, sk_live_…, rk_live_….
  { re: /\b(?:sk|rk)[-_](?:live_|test_|proj-|ant-)?[A-Za-z0-9_-]{20,}/g, accept: notAPlainWord },
  // AWS access key ids.
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
];

/** Candidate random-looking tokens for the entropy rule: base64 characters, so ':', '.' and an inner '=' split. */
const TOKEN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

function shannonBitsPerChar(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const charClass = (ch: string): number => (/[a-z]/.test(ch) ? 0 : /[A-Z]/.test(ch) ? 1 : /[0-9]/.test(ch) ? 2 : 3);

/** How often neighbours differ in class (lower, upper, digit, other): ~0.6 for random base62, ~0.3 for CamelCase words. */
function classSwitchRate(s: string): number {
  let n = 0;
  for (let i = 1; i < s.length; i++) if (charClass(s[i] ?? '') !== charClass(s[i - 1] ?? '')) n++;
  return n / (s.length - 1);
}

/**
 * A long run of mixed-case letters and digits that is spread like random text: API keys, base64
 * secrets. Hex ids and UUIDs have no upper case; CamelCase identifiers, paths and names repeat letters
 * (low entropy for their length) and switch character class only at word boundaries. The bars sit at
 * about the 1st percentile of random base62/base64 tokens, so ~1 % of random tokens are not caught:
 * this rule is a backstop for the specific ones above, and must not cry wolf.
 */
export function looksRandomToken(token: string): boolean {
  if (token.length < 32) return false;
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9]/.test(token)) return false;
  const n = Math.min(token.length, 64);
  const deficit = shannonBitsPerChar(token) - Math.log2(n);
  return deficit >= -0.85 - 0.008 * (n - 32) && classSwitchRate(token) >= 0.4;
}

/** [start, end) ranges of secrets in `value`, merged and sorted. */
function secretRanges(value: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const { re, accept } of RULES) {
    for (const m of value.matchAll(re)) {
      const group = m.indices?.groups?.secret;
      const range: [number, number] = group ? [group[0], group[1]] : [m.index, m.index + m[0].length];
      if (accept && !accept(value.slice(range[0], range[1]))) continue;
      ranges.push(range);
    }
  }
  for (const m of value.matchAll(TOKEN)) {
    if (looksRandomToken(m[0])) ranges.push([m.index, m.index + m[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `value` cut into plain and secret parts (secret parts hold the real text; the view masks them). */
export function splitSecrets(value: string): ValuePart[] {
  const parts: ValuePart[] = [];
  let from = 0;
  for (const [start, end] of secretRanges(value)) {
    if (start > from) parts.push({ text: value.slice(from, start), secret: false });
    parts.push({ text: value.slice(start, end), secret: true });
    from = end;
  }
  if (from < value.length) parts.push({ text: value.slice(from), secret: false });
  return parts;
}

/** An env value's parts: wholly secret when the key names a secret, else the secrets found in it. */
export function envValueParts(key: string, value: string): ValuePart[] {
  if (isSecretKey(key) && value !== '') return [{ text: value, secret: true }];
  return splitSecrets(value);
}

export function hasSecret(parts: readonly ValuePart[]): boolean {
  return parts.some((p) => p.secret);
}

/** The text with every secret part replaced by MASK. */
export function maskParts(parts: readonly ValuePart[]): string {
  return parts.map((p) => (p.secret ? MASK : p.text)).join('');
}

/** Secrets in a free-text value masked. */
export function maskSecrets(value: string): string {
  return maskParts(splitSecrets(value));
}

/** One `KEY=value` env entry (as in inspect's Config.Env) with its secrets masked; `masked` says whether any were. */
export function maskEnvEntry(entry: string): { text: string; masked: boolean } {
  const eq = entry.indexOf('=');
  const key = eq === -1 ? entry : entry.slice(0, eq);
  if (eq === -1) return { text: entry, masked: false };
  const parts = envValueParts(key, entry.slice(eq + 1));
  return hasSecret(parts) ? { text: `${key}=${maskParts(parts)}`, masked: true } : { text: entry, masked: false };
}

/**
 * A copy of inspect JSON with every `Env` array of `KEY=value` strings masked (Config.Env of a
 * container, Config.Env / ContainerConfig.Env of an image), and how many entries were masked. The
 * original is not changed; nothing else in the JSON is touched.
 */
export function redactEnvInJson(value: unknown): { value: unknown; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      if (k === 'Env' && Array.isArray(child)) {
        out[k] = child.map((e: unknown) => {
          if (typeof e !== 'string') return walk(e);
          const m = maskEnvEntry(e);
          if (m.masked) count++;
          return m.text;
        });
      } else out[k] = walk(child);
    }
    return out;
  };
  const redacted = walk(value);
  return { value: redacted, count };
}
