// Project-level facts about the app: where it is created (per framework), and whether security-header
// middleware or a rate limiter is used in code. Recorded by the detectors of missing-security-headers
// (app creation, headers) and missing-rate-limit (limiters); decided in their project phases together
// with the manifest dependencies.
//
// Fact kinds (the checklist sidebar may reuse them as evidence):
//   app-creation            { framework, kind? }  kind "server-literal" | "listen" for plain net/http
//   security-headers        { via }               helmet, Talisman, SecurityMiddleware, custom headers…
//   rocket-shield-removed   { via }               Shield::new() with no policy, .disable::<…>()
//   rate-limiter            { via }               express-rate-limit, slowapi, x/time/rate, governor…
import type { FileContext } from "../../engine/rule";
import type { Fact, Node, Range } from "../../engine/types";
import { calleeText } from "../../languages/common";
import { goImports, pyImports, pyQualified, rustUses, tsImports } from "./app-imports";

export const FACT_APP = "app-creation";
export const FACT_HEADERS = "security-headers";
export const FACT_SHIELD_REMOVED = "rocket-shield-removed";
export const FACT_LIMITER = "rate-limiter";

const HEADER_NAMES: Array<[string, RegExp]> = [
  ["hsts", /strict[-_]transport[-_]security|\bSTSSeconds\b|\bSECURE_HSTS_SECONDS\b/i],
  ["csp", /content[-_]security[-_]policy/i],
  ["xfo", /x[-_]frame[-_]options|\bFrameDeny\b/i],
  ["nosniff", /x[-_]content[-_]type[-_]options|\bContentTypeNosniff\b/i],
];

/** Own code that sets at least two of HSTS, CSP, X-Frame-Options, X-Content-Type-Options. */
function customHeaders(ctx: FileContext): boolean {
  const text = ctx.file.text;
  return HEADER_NAMES.filter(([, re]) => re.test(text)).length >= 2;
}

function firstMatch(ctx: FileContext, re: RegExp): Node | undefined {
  const m = re.exec(ctx.file.text);
  if (!m) return undefined;
  const row = ctx.file.lineStarts.findIndex((s, i) => s <= m.index && (ctx.file.lineStarts[i + 1] ?? Infinity) > m.index);
  return ctx.file.tree.rootNode.descendantForPosition({ row, column: m.index - ctx.file.lineStarts[row]! }) ?? undefined;
}

// ---------------------------------------------------------------- app creation + security headers

export function appAndHeaderFacts(ctx: FileContext): void {
  if (ctx.file.isTest || /(^|\/)conftest\.py$/.test(ctx.file.relPath)) return;
  switch (ctx.file.family) {
    case "ts":
      return tsApp(ctx);
    case "python":
      return pyApp(ctx);
    case "go":
      return goApp(ctx);
    case "rust":
      return rustApp(ctx);
    case "java":
      return javaApp(ctx);
  }
}

function tsApp(ctx: FileContext): void {
  const imports = tsImports(ctx);
  // The module a callee stands for as a whole (default/namespace import or require, or the named
  // export of the same name as the module: `import { fastify } from "fastify"`), not `{ Router }`.
  const modOf = (n: Node | null) => {
    const b = n?.type === "identifier" ? imports.get(n.text) : undefined;
    return b && (b.imported === "default" || b.imported === "*" || b.imported.toLowerCase() === b.module) ? b.module : undefined;
  };
  for (const n of ctx.nodes("call_expression", "new_expression")) {
    const callee = n.type === "new_expression" ? n.childForFieldName("constructor") : n.childForFieldName("function");
    const text = callee?.text ?? "";
    let framework: string | undefined;
    if (n.type === "call_expression" && callee?.type === "identifier" && (modOf(callee) === "express" || (!imports.has(text) && text === "express"))) framework = "express";
    else if (n.type === "call_expression" && callee?.type === "identifier" && modOf(callee) === "fastify") framework = "fastify";
    else if (n.type === "call_expression" && /^NestFactory\.create$/.test(text)) framework = "nestjs";
    else if (n.type === "new_expression" && callee?.type === "identifier" && modOf(callee) === "koa") framework = "koa";
    else if (n.type === "call_expression" && /^Hapi\.server$/i.test(text) && modOf(callee?.childForFieldName("object") ?? null) === "@hapi/hapi") framework = "hapi";
    if (framework) ctx.fact(FACT_APP, n, { framework });
  }
  for (const [, b] of imports) {
    if (/^(helmet|@fastify\/helmet|fastify-helmet|koa-helmet|lusca|@hapi\/blankie)$/.test(b.module)) ctx.fact(FACT_HEADERS, b.decl, { via: b.module });
    if (/^(express-rate-limit|rate-limiter-flexible|@nestjs\/throttler|@fastify\/rate-limit|fastify-rate-limit|koa-ratelimit|koa2-ratelimit|express-slow-down|express-brute|hapi-rate-limit|@upstash\/ratelimit)$/.test(b.module)) ctx.fact(FACT_LIMITER, b.decl, { via: b.module });
  }
  if (customHeaders(ctx)) ctx.fact(FACT_HEADERS, ctx.file.tree.rootNode, { via: "custom headers" });
}

function pyApp(ctx: FileContext): void {
  const imports = pyImports(ctx);
  for (const call of ctx.nodes("call")) {
    const q = pyQualified(calleeText(call, "python"), imports);
    if (q === "fastapi.FastAPI" || q === "fastapi.applications.FastAPI") ctx.fact(FACT_APP, call, { framework: "fastapi" });
    else if (q === "flask.Flask") ctx.fact(FACT_APP, call, { framework: "flask" });
    else if (/^(flask_talisman\.Talisman|talisman\.Talisman|secure\.Secure)$/.test(q)) ctx.fact(FACT_HEADERS, call, { via: q });
    else if (/^(slowapi\.Limiter|flask_limiter\.Limiter|fastapi_limiter\.FastAPILimiter\.init)$/.test(q)) ctx.fact(FACT_LIMITER, call, { via: q });
  }
  for (const a of ctx.nodes("assignment")) {
    if (a.parent?.parent?.type !== "module") continue;
    const left = a.childForFieldName("left")?.text ?? "";
    const right = a.childForFieldName("right");
    if (/^MIDDLEWARE(_CLASSES)?$/.test(left) && a.childForFieldName("right")?.type === "list") {
      ctx.fact(FACT_APP, a, { framework: "django" });
      if (/SecurityMiddleware|csp\.middleware|django_permissions_policy|secure\.middleware/.test(right?.text ?? "")) ctx.fact(FACT_HEADERS, a, { via: "django SecurityMiddleware" });
      if (/ratelimit|RateLimit|throttl/i.test(right?.text ?? "")) ctx.fact(FACT_LIMITER, a, { via: "rate-limit middleware" });
    }
    if (/^SECURE_(HSTS_SECONDS|CONTENT_TYPE_NOSNIFF|BROWSER_XSS_FILTER|SSL_REDIRECT)$/.test(left) && right && !/^(False|0|None)$/.test(right.text)) ctx.fact(FACT_HEADERS, a, { via: left });
    if (/^REST_FRAMEWORK$/.test(left) && /DEFAULT_THROTTLE_CLASSES/.test(right?.text ?? "")) ctx.fact(FACT_LIMITER, a, { via: "DRF throttling" });
  }
  for (const [local, origin] of imports) {
    void local;
    if (/^(slowapi|django_ratelimit|ratelimit|flask_limiter|fastapi_limiter|limits)(\.|$)/.test(origin)) {
      const n = firstMatch(ctx, new RegExp(`^(from|import)\\s+${origin.split(".")[0]}\\b`, "m"));
      if (n) ctx.fact(FACT_LIMITER, n, { via: origin.split(".")[0] });
    }
    if (/^(flask_talisman|talisman|secure)(\.|$)/.test(origin)) {
      const n = firstMatch(ctx, new RegExp(`^(from|import)\\s+${origin.split(".")[0]}\\b`, "m"));
      if (n) ctx.fact(FACT_HEADERS, n, { via: origin.split(".")[0] });
    }
  }
  if (/throttle_classes\s*=/.test(ctx.file.text)) {
    const n = firstMatch(ctx, /throttle_classes\s*=/);
    if (n) ctx.fact(FACT_LIMITER, n, { via: "DRF throttle_classes" });
  }
  if (customHeaders(ctx)) ctx.fact(FACT_HEADERS, ctx.file.tree.rootNode, { via: "custom headers" });
}

const GO_HEADER_PKGS = /^(github\.com\/unrolled\/secure|github\.com\/gin-contrib\/secure|github\.com\/danielkov\/gin-helmet|github\.com\/goddtriffin\/helmet)/;
const GO_LIMIT_PKGS = /^(golang\.org\/x\/time\/rate|github\.com\/ulule\/limiter|github\.com\/didip\/tollbooth|github\.com\/go-chi\/httprate|github\.com\/sethvargo\/go-limiter|github\.com\/juju\/ratelimit|go\.uber\.org\/ratelimit|github\.com\/JGLTechnologies\/gin-rate-limit|github\.com\/gin-contrib\/limiter)/i;

function goApp(ctx: FileContext): void {
  const imports = goImports(ctx);
  const pkg = (name: string) => imports.get(name);
  for (const call of ctx.nodes("call_expression")) {
    const c = calleeText(call, "go");
    const m = /^(\w+)\.(\w+)$/.exec(c);
    if (!m) continue;
    const path = pkg(m[1]!) ?? "";
    if (/gin-gonic\/gin$/.test(path) && /^(New|Default)$/.test(m[2]!)) ctx.fact(FACT_APP, call, { framework: "gin" });
    else if (/labstack\/echo(\/v\d+)?$/.test(path) && m[2] === "New") ctx.fact(FACT_APP, call, { framework: "echo" });
    else if (path === "net/http" && /^ListenAndServe(TLS)?$/.test(m[2]!)) ctx.fact(FACT_APP, call, { framework: "net/http", kind: "listen" });
    else if (/labstack\/echo(\/v\d+)?\/middleware$/.test(path) && /^Secure(WithConfig)?$/.test(m[2]!)) ctx.fact(FACT_HEADERS, call, { via: "echo middleware.Secure" });
    else if (/labstack\/echo(\/v\d+)?\/middleware$/.test(path) && /^RateLimiter(WithConfig)?$/.test(m[2]!)) ctx.fact(FACT_LIMITER, call, { via: "echo middleware.RateLimiter" });
  }
  for (const lit of ctx.nodes("composite_literal")) {
    const t = lit.childForFieldName("type")?.text ?? "";
    const m = /^(\w+)\.Server$/.exec(t);
    if (m && pkg(m[1]!) === "net/http") ctx.fact(FACT_APP, lit, { framework: "net/http", kind: "server-literal" });
  }
  for (const spec of ctx.nodes("import_spec")) {
    const path = spec.childForFieldName("path")?.text.slice(1, -1) ?? "";
    if (GO_HEADER_PKGS.test(path)) ctx.fact(FACT_HEADERS, spec, { via: path });
    if (GO_LIMIT_PKGS.test(path)) ctx.fact(FACT_LIMITER, spec, { via: path });
  }
  if (customHeaders(ctx)) ctx.fact(FACT_HEADERS, ctx.file.tree.rootNode, { via: "custom headers" });
}

/** The outermost call of a method chain starting at `call` (`Router::new().route(…).layer(…)`). */
function rustChainTop(call: Node): Node {
  let top = call;
  while (top.parent?.type === "field_expression" && top.parent.parent?.type === "call_expression") top = top.parent.parent;
  while (top.parent?.type === "await_expression" || top.parent?.type === "try_expression") top = top.parent;
  return top;
}

function rustServed(call: Node, ctx: FileContext): boolean {
  const top = rustChainTop(call);
  const fn = (() => {
    for (let p = top.parent; p; p = p.parent) if (p.type === "function_item") return p;
    return null;
  })();
  const body = fn?.text ?? "";
  // Passed straight to serve(…)
  for (let p = top.parent; p && p.type !== "function_item"; p = p.parent) {
    if (p.type === "call_expression" && /(^|::|\.)serve$/.test(p.childForFieldName("function")?.text.replace(/\s+/g, "") ?? "")) return true;
  }
  if (top.parent?.type === "let_declaration") {
    const name = top.parent.childForFieldName("pattern")?.text.replace(/^mut\s+/, "") ?? "";
    if (!/^\w+$/.test(name)) return false;
    return new RegExp(`serve\\s*\\([^;]*\\b${name}\\b|\\b${name}\\s*\\.\\s*into_make_service|Ok\\(\\s*${name}\\s*\\.\\s*into\\(\\)\\s*\\)`).test(body);
  }
  // The tail expression of a router-building function that main serves: `axum::serve(l, app())`.
  if (fn && (top.parent?.type === "block" && top.parent.parent?.id === fn.id)) {
    const name = fn.childForFieldName("name")?.text ?? "";
    return new RegExp(`serve\\s*\\([^;]*\\b${name}\\s*\\(`).test(ctx.file.text);
  }
  return false;
}

const RUST_SEC_HEADER = /STRICT_TRANSPORT_SECURITY|CONTENT_SECURITY_POLICY|X_FRAME_OPTIONS|X_CONTENT_TYPE_OPTIONS|strict-transport-security|content-security-policy|x-frame-options|x-content-type-options/i;

function rustApp(ctx: FileContext): void {
  const uses = rustUses(ctx);
  for (const call of ctx.nodes("call_expression")) {
    const c = calleeText(call, "rust").replace(/::<[^>]*>/g, "");
    if (/^(axum::)?Router::new$/.test(c) && (c.startsWith("axum::") || /axum/.test(uses.get("Router") ?? "axum")) && rustServed(call, ctx)) ctx.fact(FACT_APP, call, { framework: "axum" });
    else if (/^(actix_web::)?HttpServer::new$/.test(c)) ctx.fact(FACT_APP, call, { framework: "actix-web" });
    else if (/^rocket::(build|custom)$/.test(c)) ctx.fact(FACT_APP, call, { framework: "rocket" });
    else if (/(^|::)(SetResponseHeaderLayer::(overriding|appending|if_not_present)|DefaultHeaders::new)$/.test(c)) {
      const chain = rustChainTop(call).text;
      if (RUST_SEC_HEADER.test(call.text) || RUST_SEC_HEADER.test(chain)) ctx.fact(FACT_HEADERS, call, { via: c.split("::").slice(-2).join("::") });
    } else if (/(^|::)Shield::new$/.test(c)) {
      if (!/\.enable\s*\(/.test(rustChainTop(call).text)) ctx.fact(FACT_SHIELD_REMOVED, call, { via: "Shield::new()" });
    } else if (/(^|::)(GovernorLayer|Governor|RateLimitLayer)::new$|^GovernorConfigBuilder::default$/.test(c)) ctx.fact(FACT_LIMITER, call, { via: c });
  }
  for (const m of ctx.file.text.matchAll(/\.disable::<\w+>\s*\(/g)) {
    const n = firstMatch(ctx, new RegExp(m[0].replace(/[.*+?^${}()|[\]\\<>]/g, "\\$&")));
    if (n) ctx.fact(FACT_SHIELD_REMOVED, n, { via: m[0] });
  }
  if (customHeaders(ctx) && /header/i.test(ctx.file.text)) ctx.fact(FACT_HEADERS, ctx.file.tree.rootNode, { via: "custom headers" });
}

function javaApp(ctx: FileContext): void {
  const webJava = ctx.project.dependencies.some((d) => /^spring-boot-starter-(web|webflux|jersey|undertow|tomcat|jetty)$|^spring-webmvc$|^spring-webflux$/.test(d));
  for (const a of ctx.nodes("marker_annotation", "annotation")) {
    const name = a.childForFieldName("name")?.text ?? "";
    // A Spring Boot app that serves HTTP (not a batch or CLI application).
    if (/^(org\.springframework\.boot\.autoconfigure\.)?SpringBootApplication$/.test(name) && (webJava || !ctx.project.manifests.length)) ctx.fact(FACT_APP, a, { framework: "spring-boot" });
    if (/^(io\.github\.resilience4j\.ratelimiter\.annotation\.)?RateLimiter$/.test(name)) ctx.fact(FACT_LIMITER, a, { via: "@RateLimiter" });
  }
  for (const call of ctx.nodes("method_invocation")) {
    const c = calleeText(call, "java");
    if (/^(io\.micronaut\.runtime\.)?Micronaut\.run$/.test(c)) ctx.fact(FACT_APP, call, { framework: "micronaut" });
    else if (/^(io\.quarkus\.runtime\.)?Quarkus\.run$/.test(c)) ctx.fact(FACT_APP, call, { framework: "quarkus" });
    else if (/^(Bucket4j\.builder|Bucket\.builder|RateLimiter\.(create|of)|RateLimiterRegistry\.of)$/.test(c)) ctx.fact(FACT_LIMITER, call, { via: c });
  }
  if (customHeaders(ctx)) ctx.fact(FACT_HEADERS, ctx.file.tree.rootNode, { via: "custom headers" });
}

/** Run the fact extraction, keeping only the fact kinds one rule owns (each kind is recorded once). */
export function recordAppFacts(ctx: FileContext, kinds: ReadonlySet<string>): void {
  // missing-security-headers and missing-rate-limit both need them: extract once per file (and project).
  let hit = appFactsCache.get(ctx.file);
  if (!hit || hit.project !== ctx.project) {
    const list: Array<[string, Node | Range, Record<string, unknown> | undefined]> = [];
    appAndHeaderFacts({ ...ctx, fact: (kind, at, data) => void list.push([kind, at, data]) });
    appFactsCache.set(ctx.file, (hit = { project: ctx.project, list }));
  }
  for (const [kind, at, data] of hit.list) if (kinds.has(kind)) ctx.fact(kind, at, data === undefined ? undefined : { ...data });
}

const appFactsCache = new WeakMap<object, { project: object; list: Array<[string, Node | Range, Record<string, unknown> | undefined]> }>();

/** App-creation facts that are this project's app lines (plain net/http only without Gin/Echo; a listen call only without a Server literal). */
export function appLines(facts: Fact[]): Fact[] {
  const framework = (f: Fact) => String(f.data.framework ?? "");
  const hasGinEcho = facts.some((f) => framework(f) === "gin" || framework(f) === "echo");
  const hasServerLiteral = facts.some((f) => framework(f) === "net/http" && f.data.kind === "server-literal");
  return facts.filter((f) => {
    if (framework(f) !== "net/http") return true;
    if (hasGinEcho) return false;
    return f.data.kind === "server-literal" || !hasServerLiteral;
  });
}

// ---------------------------------------------------------------- dependencies

export const HEADER_DEPS = /^(helmet|@fastify\/helmet|fastify-helmet|koa-helmet|lusca|flask-talisman|talisman|secure|django-csp|github\.com\/unrolled\/secure|github\.com\/gin-contrib\/secure|github\.com\/danielkov\/gin-helmet|github\.com\/goddtriffin\/helmet|tower-helmet|axum-helmet|spring-boot-starter-security|spring-security-web|spring-security-config|org\.springframework\.boot:spring-boot-starter-security)$/;
export const LIMITER_DEPS = /^(express-rate-limit|rate-limiter-flexible|@nestjs\/throttler|@fastify\/rate-limit|fastify-rate-limit|koa-ratelimit|koa2-ratelimit|express-slow-down|express-brute|hapi-rate-limit|@upstash\/ratelimit|slowapi|django-ratelimit|flask-limiter|fastapi-limiter|golang\.org\/x\/time|github\.com\/ulule\/limiter(\/v\d+)?|github\.com\/didip\/tollbooth(\/v\d+)?|github\.com\/go-chi\/httprate|github\.com\/sethvargo\/go-limiter|github\.com\/juju\/ratelimit|go\.uber\.org\/ratelimit|github\.com\/jgltechnologies\/gin-rate-limit|tower_governor|tower-governor|actix-governor|governor|actix-limitation|rocket-governor|rocket_governor|.*bucket4j.*|resilience4j-ratelimiter|resilience4j-spring-boot\d?|resilience4j-micronaut|micronaut-ratelimiter)$/;
