// The route inventory's per-file facts and the judgements shared by the detectors that record them
// (what an auth-like name is, which routes are exempt, which code authenticates).
//
// Facts (kind → data), all recorded by the missing-auth detectors:
//   "route"      RouteData    — one route registration (range = the line missing-auth reports on)
//   "router"     RouterData   — a router/blueprint/group/scope created with a prefix or middleware
//   "mount"      MountData    — a router mounted into another (app.use('/x', r), include_router, nest…)
//   "use"        UseData      — middleware/hooks/layers/dependencies applied to a router or app
//   "import"     ImportData   — a local name imported from another module (to follow mounts across files)
//   "auth-code"  { name }     — a function or type whose own code authenticates (reads Authorization,
//                               a session, or verifies a token)
//   "dep"        { name, deps } — a function that depends on others (FastAPI Depends chains, wrappers)
//   "global-auth" GlobalAuthData — framework-wide auth (Nest global guard, Spring Security rules, …)
//   "route-input-local" { handler, validated, paginationBounded } — simple input facts of a handler
// Owner keys: `v:<relPath>:<name>` a router variable of a file; `p:<fn>` the router parameter of a
// function (Fastify plugin, Go/Express registration function); `f:<fn>` a router a function returns
// (Axum); `c:<relPath>:<Class>` a controller class.

export type Scope = "after" | "before" | "all";

export interface RouteData {
  fw: string;
  method: string;
  path: string;
  handler: string;
  /** Owner key, or null for class-based/attribute routes whose auth is judged locally. */
  owner: string | null;
  /** Names of middleware/dependencies/guards/extractors on the route itself. */
  mw: string[];
  /** Auth established locally (decorator, annotation, guard, global deny-by-default judged in the file). */
  auth?: boolean;
  /** An explicit public marker on the route. */
  public?: boolean;
  /** Position of the registration in its file (for order-sensitive middleware). */
  order: number;
  validated?: boolean | null;
  paginationBounded?: boolean | null;
  /** Spring/Micronaut/Quarkus: security decided by the framework's configuration (project phase). */
  javaSecurity?: "spring" | "micronaut" | "quarkus";
  /** The handler's code shows an auth entry point the path does not name (a registration that hashes a password). */
  entryPoint?: boolean;
  /** Django REST framework view without its own permission_classes (the DRF default applies). */
  drf?: boolean;
}

export interface RouterData {
  key: string;
  prefix: string;
  mw: string[];
  /** An application (express(), FastAPI(), gin.New(), …) rather than a sub-router. */
  app?: boolean;
  /** A sub-router (Router(), APIRouter(), Blueprint()) that is meant to be mounted somewhere. */
  sub?: boolean;
}

export interface MountData {
  parent: string;
  /** The parent as a local name to resolve (a router imported from another file). */
  parentName?: string;
  /** A key when the detector knows it; otherwise a local name to resolve through imports. */
  childKey?: string;
  childName?: string;
  prefix: string;
  mw: string[];
  order: number;
}

export interface UseData {
  target: string;
  mw: string[];
  order: number;
  scope: Scope;
  /** Express `app.use("/admin", auth)`: applies under this path only. */
  path?: string;
}

export interface ImportData {
  local: string;
  module: string;
  imported: string;
}

export type GlobalAuthData =
  | { kind: "nest-guard"; names: string[] }
  | { kind: "nest-prefix"; prefix: string }
  | { kind: "spring-security"; rules: Array<{ patterns: string[]; methods: string[]; access: "permit" | "auth" | "deny" }>; any?: "permit" | "auth" }
  | { kind: "drf-default"; auth: boolean }
  | { kind: "django-url"; path: string; view: string }
  | { kind: "django-include"; prefix: string; module: string }
  | { kind: "resource-url"; path: string; view: string; owner: string };

const AUTH_RE = /auth(?!or(?!i[sz]))|current_?user|token|jwt|login|permission|role|guard|protect|principal|claims|verify|api_?key|secured/i;
/** Names that are never auth, whatever they contain (RULES.md: rate limits, DB sessions, headers). */
const NOT_AUTH_RE = /optional|throttl|rate_?limit|ratelimit|limiter|governor|^get_db$|^get_session$|helmet|securitymiddleware|authenticationmiddleware|(^|\.)secure$|unrolled|cors|csrf/i;

/** Whether a middleware/dependency/guard name is auth-like (RULES.md list plus configured names). */
export function isAuthName(name: string, extra: readonly string[] = []): boolean {
  const bare = name.replace(/\(.*$/s, "").trim();
  if (!bare) return false;
  if (NOT_AUTH_RE.test(bare) || NOT_AUTH_RE.test(bare.split(/[.:]+/).pop() ?? "")) return false;
  if (extra.some((e) => e && (bare === e || bare.endsWith("." + e) || bare.endsWith("::" + e) || bare.split(/[.:]+/).pop() === e))) return true;
  return AUTH_RE.test(bare);
}

const STRONG_AUTH_RE = /auth(?!or(?!i[sz]))|current_?user|jwt|login|permission|guard|principal|claims|api_?key|secured/i;

/** A stricter auth-like test for names merely called by a wrapper (not `token`/`verify`, which also name issuing and signature helpers). */
export function isStrongAuthName(name: string, extra: readonly string[] = []): boolean {
  const bare = name.replace(/\(.*$/s, "").trim();
  if (!bare || isNeverAuth(bare)) return false;
  if (extra.some((e) => e && (bare === e || bare.split(/[.:]+/).pop() === e))) return true;
  return STRONG_AUTH_RE.test(bare.split(/[.:]+/).pop() ?? bare);
}

/** Whether a name is explicitly not auth (so an auth-code check must not rescue it). */
export function isNeverAuth(name: string): boolean {
  const bare = name.replace(/\(.*$/s, "").trim();
  return NOT_AUTH_RE.test(bare) || NOT_AUTH_RE.test(bare.split(/[.:]+/).pop() ?? "");
}

const EXEMPT_WORDS = /^(login|logout|signin|sign_in|signup|sign_up|register|registration|token|tokens|refresh|oauth|oauth2|callback|callbacks|health|healthz|healthcheck|ready|readyz|readiness|live|livez|liveness|webhook|webhooks|forgot|password_reset|reset_password|forgot_password|verify_email)$/;

/** Auth entry points, health/readiness probes and webhooks: no missing-auth finding (RULES.md). */
export function isExemptRoute(path: string, handler: string): boolean {
  const segs = path
    .toLowerCase()
    .split(/[/{}<>:?&=.]+/)
    .filter(Boolean)
    .map((s) => s.replace(/-/g, "_"));
  const AUTHISH = /^(api|v\d+|auth|authentication|account|accounts|user|users|member|members|customer|customers|session|sessions|token|tokens|jwt|oauth2?|identity|iam|me|public|[{<:].*)$/;
  for (const s of segs) {
    // `register`/`refresh` are entry points only among auth nouns (/auth/refresh, /users/register — not /devices/register)
    if (/^(register|registration|refresh)$/.test(s)) {
      if (segs.every((o) => o === s || AUTHISH.test(o))) return true;
      continue;
    }
    if (EXEMPT_WORDS.test(s) || /^(webhook|oauth|health)/.test(s) || /(webhooks?|callback|healthz?)$/.test(s)) return true;
  }
  if (/(^|_)refresh_?tokens?$|^tokens?_refresh$/.test(segs[segs.length - 1] ?? "")) return true;
  if (segs.includes("password") && segs.some((s) => /reset|forgot|recover/.test(s))) return true;
  if (/password[_-]?(reset|recovery|forgot)|(reset|forgot|recover)[_-]?password/i.test(path)) return true;
  const words = handler
    .replace(/^.*[.:]/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/_+/)
    .filter(Boolean);
  const w = new Set(words);
  if (w.has("login") || w.has("signin") || w.has("signup") || w.has("webhook") || w.has("health") || w.has("healthz") || w.has("logout")) return true;
  if (w.has("register") && [...w].every((x) => /^(register|registration|user|users|account|accounts|member|customer|new|handle|handler|post|do|api|controller|auth)$/.test(x))) return true;
  if ((w.has("issue") || w.has("refresh") || w.has("create") || w.has("obtain") || w.has("exchange")) && (w.has("token") || w.has("tokens"))) return true;
  if (w.has("oauth") && w.has("callback")) return true;
  if (w.has("password") && (w.has("reset") || w.has("forgot"))) return true;
  return false;
}

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Code that authenticates a request: reads the Authorization header or a session, or verifies a token. */
const AUTH_CODE_RE = new RegExp(
  [
    String.raw`headers?\s*(\.get\(|\[|\.)\s*["'\x60]?authorization`,
    String.raw`get_?header\(\s*["']authorization`,
    String.raw`getHeader\(\s*(["']Authorization|HttpHeaders\.AUTHORIZATION)`,
    String.raw`META(\.get\(|\[)\s*["']HTTP_AUTHORIZATION`,
    String.raw`get_one\(\s*"authorization"`,
    String.raw`header::AUTHORIZATION|http::header::AUTHORIZATION|headers\.get\(\s*AUTHORIZATION`,
    String.raw`TypedHeader<\s*Authorization`,
    String.raw`\bBearerAuth\b`,
    String.raw`Header\.Get\(\s*"Authorization"`,
    String.raw`\bjwt\.(verify|decode|Parse|ParseWithClaims)\(`,
    String.raw`\bjwtVerify\(|\bverifyIdToken\(|\bverify_?(jwt|token|access_token)\(|\bdecode_?(jwt|token|access_token)\(`,
    String.raw`\bdecode::<`,
    String.raw`parseSignedClaims|parseClaimsJws|verifyWith\(|JWT\.require\(`,
    String.raw`verify_jwt_in_request|jwt_required|login_required|get_jwt_identity\(|\bcurrent_user\.is_|\bvalidate_?(jwt|token|access_token|session)\(|\bvalidateToken\(`,
    String.raw`request\.session\[|session\.get\(\s*["'](user|user_id|uid)["']|req\.session\.(user|userId)|req\.isAuthenticated\(\)|is_authenticated`,
    String.raw`cookies?\.get\(\s*["'](session|sid|auth)`,
    String.raw`\.get_private\(|session\.get(::<[^>]*>)?\(\s*"(user|user_id|uid|account_id)"|getSession\(\)\.getAttribute\(\s*"(user|userId|principal)"`,
    String.raw`getUserPrincipal\(\)|SecurityContextHolder\.getContext\(\)\.getAuthentication`,
  ].join("|"),
  "i",
);

export function readsAuth(code: string): boolean {
  return AUTH_CODE_RE.test(code);
}

/** Join URL path parts with single slashes; "" stays "/". */
export function joinPath(...parts: string[]): string {
  const segs = parts.map((p) => p.trim()).filter((p) => p && p !== "/");
  let out = segs.map((p) => p.replace(/^\/+|\/+$/g, "")).filter(Boolean).join("/");
  out = "/" + out;
  const last = parts[parts.length - 1] ?? "";
  if (last.length > 1 && last.endsWith("/") && !out.endsWith("/")) out += "/";
  return out;
}

/** Name of a middleware expression without its arguments, and the plain identifiers it is called with. */
export function middlewareNames(text: string): string[] {
  const t = text.replace(/\s+/g, "");
  const m = /^([&*]?)([\w$.:!<>\[\]"']+?)\((.*)\)$/s.exec(t);
  if (!m) return [t.replace(/^[&*]/, "")];
  const out = [m[2]!];
  for (const a of m[3]!.split(",")) {
    const id = a.replace(/^[&*]/, "");
    if (/^[A-Za-z_$][\w$.:]*$/.test(id)) out.push(id);
    else if (/^[A-Za-z_$][\w$.:]*\(/.test(id)) out.push(id.replace(/\(.*$/, ""));
  }
  return out;
}

/** A POST to a users/accounts collection whose handler hashes a password: a registration endpoint. */
export function looksLikeRegistration(method: string, path: string, code: string): boolean {
  if (method !== "POST" || !code) return false;
  if (!/(^|\/)(users?|accounts?|members?|customers?)\/?$/i.test(path)) return false;
  return /password/i.test(code) && /hash|bcrypt|argon|scrypt|pbkdf|set_?password|make_password|create_user|encode\(/i.test(code);
}
