// Manifest-level evidence: what the project's manifests and root files show (dependencies, an
// OpenAPI document, `.env` git-ignored, TS `strict`, mypy/pyright strict, Spring/Micronaut/Quarkus
// configuration). Reads a handful of small root files, cached by modification time.
import { readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import ignore from "ignore";
import type { ChecklistItemId } from "../engine/types";
import type { ProjectInfo } from "../project/model";

export interface RawEvidence {
  item: ChecklistItemId;
  part?: string;
  /** Absolute path. */
  file: string;
  /** 0-based. */
  line: number;
  text: string;
}

const textCache = new Map<string, { mtimeMs: number; size: number; text: string }>();

/** A small file's text (≤ 512 KiB), cached by mtime; undefined when missing or unreadable. */
export function readSmall(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > 512 * 1024) return undefined;
    const hit = textCache.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
    const text = readFileSync(path, "utf8");
    textCache.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
    if (textCache.size > 500) textCache.delete(textCache.keys().next().value!);
    return text;
  } catch {
    return undefined;
  }
}

function lineOf(text: string, needle: RegExp | string): number {
  const idx = typeof needle === "string" ? text.indexOf(needle) : (needle.exec(text)?.index ?? -1);
  if (idx < 0) return 0;
  let n = 0;
  for (let i = 0; i < idx; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Dependencies that are evidence by themselves (declared = chosen), with the item they serve. */
const DEPENDENCY_EVIDENCE: Array<[RegExp, ChecklistItemId, string, string?]> = [
  [/^(@nestjs\/swagger|@fastify\/swagger|swagger-jsdoc|tsoa|drf-spectacular|drf-yasg|flask-smorest|apiflask|utoipa|paperclip|aide|poem-openapi|springdoc-openapi[\w-]*|springfox[\w-]*|micronaut-openapi|quarkus-smallrye-openapi|github\.com\/swaggo\/swag|github\.com\/swaggo\/[\w-]+)$/, "openapi-contract", "OpenAPI tooling"],
  [/^fastapi$/, "openapi-contract", "FastAPI (OpenAPI schema generated)"],
  [/^(helmet|@fastify\/helmet|koa-helmet|flask-talisman|django-csp|secure|github\.com\/unrolled\/secure|github\.com\/gin-contrib\/secure|spring-boot-starter-security)$/, "security-headers", "security-header middleware"],
  [/^(express-rate-limit|rate-limiter-flexible|@nestjs\/throttler|@fastify\/rate-limit|slowapi|flask-limiter|django-ratelimit|fastapi-limiter|golang\.org\/x\/time|github\.com\/ulule\/limiter\/v\d|tower_governor|actix-governor|governor|bucket4j[\w-]*|resilience4j-ratelimiter)$/, "rate-limiting", "rate limiter"],
  [/^(pino|winston|bunyan|nestjs-pino|structlog|python-json-logger|loguru|go\.uber\.org\/zap|github\.com\/rs\/zerolog|github\.com\/sirupsen\/logrus|tracing|slog|logstash-logback-encoder)$/, "logging-correlation", "structured logger", "logger"],
  [/^(cls-rtracer|express-request-id|nestjs-cls|asgi-correlation-id|django-guid|flask-request-id)$/, "logging-correlation", "request/correlation id", "correlation"],
  [/^(spring-boot-starter-security|spring-boot-starter-oauth2-resource-server|micronaut-security(-jwt|-oauth2|-session)?|quarkus-smallrye-jwt|quarkus-oidc|quarkus-security(-jpa)?|quarkus-elytron-security[\w-]*|passport|@nestjs\/passport|@fastify\/jwt|flask-login|flask-jwt-extended|djangorestframework-simplejwt|github\.com\/labstack\/echo-jwt\/v\d|github\.com\/appleboy\/gin-jwt\/v\d|actix-web-httpauth|axum-login)$/, "auth", "authentication framework", "mechanism"],
  [/^(fastapi|starlette|aiohttp|sanic|quart|tokio|async-std|spring-boot-starter-webflux)$/, "async-io", "async framework"],
];

/** Is `.env` git-ignored by the project's or an enclosing folder's .gitignore (up to the repository root)? */
export function envIgnoredBy(root: string): { file: string; line: number } | undefined {
  let dir = root;
  for (let depth = 0; depth < 12; depth++) {
    const gi = join(dir, ".gitignore");
    const text = readSmall(gi);
    if (text !== undefined) {
      const rel = root === dir ? ".env" : join(root.slice(dir.length + 1), ".env").split("\\").join("/");
      if (ignore().add(text).ignores(rel)) return { file: gi, line: lineOf(text, /^[^#\n]*\.env\b.*$/m) };
    }
    if (existsSync(join(dir, ".git"))) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export interface ManifestEvidence {
  evidence: RawEvidence[];
  envNotIgnored?: { file: string };
}

const recent = new Map<string, { at: number; deps: readonly string[]; value: ManifestEvidence }>();
/** How long a project's manifest evidence is reused (the server rebuilds the checklist after edits). */
export const MANIFEST_TTL_MS = 2000;

/** Forget reused manifest evidence (files on disk changed). */
export function clearManifestEvidence(): void {
  recent.clear();
}

/** Manifest evidence, reused for a moment: edits rebuild the checklist often, root files rarely change. */
export function manifestEvidence(info: ProjectInfo, now = Date.now()): ManifestEvidence {
  const hit = recent.get(info.root);
  if (hit && hit.deps === info.dependencies && now - hit.at < MANIFEST_TTL_MS) return hit.value;
  const value = computeManifestEvidence(info);
  recent.set(info.root, { at: now, deps: info.dependencies, value });
  if (recent.size > 1000) recent.delete(recent.keys().next().value!);
  return value;
}

function computeManifestEvidence(info: ProjectInfo): ManifestEvidence {
  const out: RawEvidence[] = [];
  const root = info.root;
  const manifestText = new Map<string, string>();
  for (const m of info.manifests) {
    const t = readSmall(join(root, m));
    if (t !== undefined) manifestText.set(m, t);
  }
  const whereDeclared = (dep: string): { file: string; line: number } => {
    const short = dep.includes(":") ? dep.split(":").pop()! : dep;
    for (const [m, t] of manifestText) {
      const i = t.indexOf(short);
      if (i >= 0) return { file: join(root, m), line: lineOf(t, short) };
    }
    return { file: join(root, info.manifests[0] ?? ""), line: 0 };
  };
  const seen = new Set<string>();
  for (const dep of info.dependencies) {
    for (const [re, item, label, part] of DEPENDENCY_EVIDENCE) {
      if (!re.test(dep)) continue;
      const short = dep.includes(":") ? dep.split(":").pop()! : dep;
      const key = `${item}/${short}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = whereDeclared(dep);
      out.push({ item, part, file: at.file, line: at.line, text: `${label}: dependency ${short}` });
    }
  }
  // Root files are looked up now rather than from info.rootFiles: one created since the project was
  // loaded counts at once.
  for (const sub of ["", "docs", "api", "spec", "openapi", "src/main/resources"]) {
    for (const f of ["openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.json"]) {
      if (existsSync(join(root, sub, f))) out.push({ item: "openapi-contract", file: join(root, sub, f), line: 0, text: `OpenAPI document ${sub ? sub + "/" : ""}${f}` });
    }
  }
  // .env: git-ignored is evidence; present and not ignored is a problem the checklist reports.
  let envNotIgnored: { file: string } | undefined;
  const ignoredAt = envIgnoredBy(root);
  if (ignoredAt) out.push({ item: "secrets-in-env", file: ignoredAt.file, line: ignoredAt.line, text: ".env is git-ignored" });
  else if (existsSync(join(root, ".env"))) envNotIgnored = { file: join(root, ".env") };
  if (existsSync(join(root, ".env.example"))) out.push({ item: "secrets-in-env", file: join(root, ".env.example"), line: 0, text: "configuration documented in .env.example" });
  // TypeScript strict
  {
    const t = readSmall(join(root, "tsconfig.json"));
    if (t && /"strict"\s*:\s*true/.test(t)) out.push({ item: "type-annotations", part: "strict", file: join(root, "tsconfig.json"), line: lineOf(t, /"strict"\s*:\s*true/), text: "TypeScript strict mode (tsconfig.json)" });
  }
  // mypy / pyright strict
  const strictIn: Array<[string, RegExp]> = [
    ["mypy.ini", /^\s*strict\s*=\s*(True|true|1)/m],
    ["setup.cfg", /^\s*strict\s*=\s*(True|true|1)/m],
    ["pyproject.toml", /\[tool\.(mypy|pyright)\][^[]*?(strict\s*=\s*true|typeCheckingMode\s*=\s*"strict")/s],
    ["pyrightconfig.json", /"typeCheckingMode"\s*:\s*"strict"/],
  ];
  for (const [f, re] of strictIn) {
    const t = readSmall(join(root, f));
    if (t && re.test(t)) out.push({ item: "type-annotations", part: "strict", file: join(root, f), line: lineOf(t, re), text: `strict type checking (${f})` });
  }
  // JVM configuration files
  for (const f of ["src/main/resources/application.properties", "src/main/resources/application.yml", "src/main/resources/application.yaml"]) {
    const t = readSmall(join(root, f));
    if (!t) continue;
    const checks: Array<[RegExp, ChecklistItemId, string]> = [
      [/hikari\.(maximum-pool-size|maximumPoolSize|minimum-idle)/, "connection-pooling", "HikariCP pool settings"],
      [/^\s*(server\.)?ssl\.(enabled|key-store)|^\s*ssl:\s*$/m, "transport-security", "TLS configured"],
      [/springdoc|mp\.openapi|micronaut\.openapi/, "openapi-contract", "OpenAPI configuration"],
      [/datasources?\.[\w.-]*maximum-pool-size|quarkus\.datasource\.jdbc\.max-size/, "connection-pooling", "pool size configured"],
    ];
    for (const [re, item, label] of checks) if (re.test(t)) out.push({ item, file: join(root, f), line: lineOf(t, re), text: `${label} (${f.split("/").pop()})` });
  }
  return { evidence: out, envNotIgnored };
}
