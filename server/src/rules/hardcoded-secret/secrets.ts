// What counts as a secret: provider token formats, secret-meaning names, and the exclusions of
// RULES.md (placeholders, labels, sentences, descriptive names). Pure string logic, no syntax.
import { identifierWords } from "../../languages/common";

export interface TokenFormat {
  provider: string;
  /** Environment variable name a fix uses when the target has no name of its own. */
  envName: string;
  re: RegExp;
}

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  { provider: "AWS access key id", envName: "AWS_ACCESS_KEY_ID", re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { provider: "GitHub token", envName: "GITHUB_TOKEN", re: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/ },
  { provider: "Slack token", envName: "SLACK_TOKEN", re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { provider: "Stripe live key", envName: "STRIPE_SECRET_KEY", re: /\b[sr]k_live_[A-Za-z0-9]{10,}/ },
  { provider: "Google API key", envName: "GOOGLE_API_KEY", re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { provider: "private key", envName: "PRIVATE_KEY", re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { provider: "signed JWT", envName: "JWT_TOKEN", re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/ },
];

export function tokenFormat(value: string): TokenFormat | undefined {
  if (isPlaceholder(value)) return undefined;
  return TOKEN_FORMATS.find((f) => f.re.test(value));
}

const SECRET_WORDS = new Set(["password", "passwd", "pwd", "secret", "secrets", "token", "credentials", "credential", "apikey", "passphrase", "privatekey", "secretkey", "accesstoken", "authtoken", "refreshtoken", "clientsecret", "signingkey", "jwtsecret"]);
/** Words that, followed by "key", make a secret: api_key, private_key, signing_key, … */
const KEY_QUALIFIERS = new Set(["api", "private", "signing", "secret", "auth", "jwt", "hmac", "encryption", "access", "master", "session", "webhook"]);
/** Last words of names that describe a secret rather than hold one. */
const DESCRIPTIVE_LAST = new Set([
  "url", "uri", "urls", "path", "paths", "file", "filename", "dir", "directory", "name", "names", "field", "fields",
  "header", "headers", "length", "len", "size", "hash", "hashed", "digest", "env", "var", "variable", "type", "kind",
  "id", "ids", "prefix", "suffix", "format", "pattern", "regex", "re", "param", "parameter", "column", "col", "label",
  "endpoint", "host", "mode", "version", "expiry", "expires", "expiration", "exp", "ttl", "timeout", "lifetime",
  "algorithm", "alg", "algo", "scheme", "location", "cookie", "query", "placeholder", "message", "msg", "error",
  "errors", "description", "desc", "title", "text", "hint", "help", "prompt", "count", "min", "max", "policy", "rule",
  "rules", "validator", "strength", "provider", "service", "store", "manager", "class", "method", "source", "claim",
  "audience", "issuer", "template", "route", "key_id", "keyid", "enabled", "required", "attempts", "retries", "age",
  "duration", "interval", "limit", "status", "state", "schema", "selector", "input", "label", "link", "page", "view",
  "form", "button", "icon", "option", "options", "config", "setting", "settings", "mask", "char", "chars", "charset",
]);

/** Does this identifier (any case/separator style) name something that holds a secret? */
export function isSecretName(name: string): boolean {
  const words = identifierWords(name);
  if (!words.length) return false;
  const last = words[words.length - 1]!;
  if (DESCRIPTIVE_LAST.has(last)) return false;
  if (words.length >= 2 && words[words.length - 2] === "key" && last === "id") return false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SECRET_WORDS.has(w)) return true;
    if (w === "key" && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)) return true;
    if (/^(api|private|signing|secret)key$/.test(w)) return true;
  }
  return false;
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    /^<[^<>]*>$/.test(v) ||
    /\$\{[^}]*\}/.test(v) ||
    /\{\{[^}]*\}\}/.test(v) ||
    /^x{3,}/i.test(v) ||
    /^\*{3,}/.test(v) ||
    /^\.{3,}$/.test(v) ||
    /^your[-_ ]/i.test(v) ||
    /example/i.test(v) ||
    /dummy/i.test(v) ||
    /placeholder/i.test(v) ||
    /(^|[^a-z])todo([^a-z]|$)/i.test(v) ||
    /^%\(?[a-z_]*\)?s$/i.test(v)
  );
}

/**
 * Words that read as a sentence or several ("Password is too short", "CORS allows any origin with
 * credentials. List the allowed origins."): mostly alphabetic words separated by spaces, light
 * punctuation. A value mixing words with runs of symbols ("A String Very Strong!!@##$") is not one.
 */
export function isSentence(value: string): boolean {
  const v = value.trim();
  if (!/\s/.test(v)) return false;
  if (/[!@#$%^&*=+~|\\<>{}[\]]{2,}|-{3,}/.test(v)) return false;
  const words = v.split(/\s+/);
  const alpha = words.filter((w) => /^[("'`‘“]*[\p{L}][\p{L}'’-]*[.,;:!?)"'`’”…]*$/u.test(w)).length;
  return alpha >= 2 && alpha / words.length >= 0.6;
}

const NON_SECRET_VALUES = new Set(["true", "false", "none", "null", "nil", "undefined", "required", "optional", "on", "off", "yes", "no", "enabled", "disabled", "bearer", "basic", "string", "hidden"]);

/** Values that name something instead of holding a credential: env var names, config keys, URLs and paths. */
export function isNameLikeValue(value: string): boolean {
  const v = value.trim();
  if (NON_SECRET_VALUES.has(v.toLowerCase())) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true; // ENV_VAR_NAME
  if (/^[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)+$/.test(v)) return true; // config.key.path
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !urlPassword(v)) return true; // URL without credentials
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(v)) return true; // a path
  if (/^[A-Z][a-zA-Z]*(?:-[A-Z][a-zA-Z]*)+$/.test(v)) return true; // a header name: X-Api-Key
  return false;
}

/** The password of a connection URL with inline credentials, if it is a real value. */
export function urlPassword(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:([^@/?#\s]+)@[^\s]/i.exec(value.trim());
  if (!m) return undefined;
  const pw = m[1]!;
  if (isPlaceholder(pw) || /^[%$:{<*]/.test(pw)) return undefined;
  return pw;
}

/** Is this literal a credential for a target with this name? (The name may be absent.) */
export function secretVerdict(value: string, name: string | undefined, opts: { fallback?: boolean } = {}): { reason: string; envName?: string } | undefined {
  if (!value.trim()) return undefined;
  const fmt = tokenFormat(value);
  if (fmt) return { reason: fmt.provider, envName: fmt.envName };
  if (urlPassword(value)) return { reason: "connection URL with an inline password" };
  if (!name || !isSecretName(name)) return undefined;
  if (value.trim().length < 3) return undefined;
  if (isPlaceholder(value) || isSentence(value)) return undefined;
  if (!opts.fallback && isNameLikeValue(value)) return undefined;
  if (opts.fallback && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  return { reason: "credential" };
}

/** UPPER_SNAKE name for the environment variable: `stripe.apiKey` → STRIPE_API_KEY. */
export function envNameFor(target: string): string {
  const words = target.split(/[^A-Za-z0-9]+/).flatMap((part) => identifierWords(part));
  const name = words.join("_").toUpperCase().replace(/^(\d)/, "_$1");
  return name || "SECRET";
}

export function secretMessage(value: string, reason: string, target: string | undefined): string {
  const shown = value.length > 8 ? value.slice(0, 4) : value.slice(0, Math.min(2, Math.floor(value.length / 3)));
  const what = reason === "credential" ? "Hardcoded secret" : `Hardcoded ${reason}`;
  return `${what} "${shown}…"${target ? ` in ${target}` : ""}: credentials belong in the environment or a secret manager, not in source (secrets-in-env).`;
}

/** Cheap test before any syntax work: values no slot could make a secret (short, placeholder, sentence). */
export function cannotBeSecret(value: string): boolean {
  const v = value.trim();
  return v.length < 3 || isPlaceholder(v) || (isSentence(v) && !tokenFormat(v));
}
