// Project rule: the app is created and no security-header middleware exists anywhere in the project.
import { prefetched } from "../_shared/app-nodes";
import { defineRule, type FileContext, type ProjectContext } from "../../engine/rule";
import { FACT_APP, FACT_HEADERS, FACT_SHIELD_REMOVED, HEADER_DEPS, appLines, recordAppFacts } from "../_shared/app-facts";

const KINDS = new Set([FACT_APP, FACT_HEADERS, FACT_SHIELD_REMOVED]);
const detect = (ctx: FileContext) => recordAppFacts(ctx, KINDS);

const HOW: Record<string, string> = {
  express: "add `helmet()`",
  nestjs: "add `app.use(helmet())`",
  fastify: "register `@fastify/helmet`",
  koa: "add `koa-helmet`",
  hapi: "register a headers plugin",
  fastapi: "add a secure-headers middleware (e.g. `secure`)",
  flask: "wrap the app with flask-talisman",
  django: "add `django.middleware.security.SecurityMiddleware` and the `SECURE_*` settings",
  gin: "use `gin-contrib/secure` or `unrolled/secure`",
  echo: "use `middleware.Secure()`",
  "net/http": "wrap the handler with `unrolled/secure`",
  axum: "add `SetResponseHeaderLayer`s for HSTS, CSP, X-Frame-Options and X-Content-Type-Options",
  "actix-web": "wrap the app in `DefaultHeaders` with the security headers",
  rocket: "keep Rocket's `Shield` policies",
  "spring-boot": "add Spring Security (its header writers)",
  micronaut: "add a filter that sets the security headers",
  quarkus: "set `quarkus.http.header.*` or add a response filter",
};

function project(ctx: ProjectContext): void {
  const apps = appLines(ctx.facts(FACT_APP));
  if (!apps.length) return;
  const fromCode = ctx.facts(FACT_HEADERS).length > 0;
  const fromDeps = ctx.project.dependencies.some((d) => HEADER_DEPS.test(d));
  const shieldRemoved = ctx.facts(FACT_SHIELD_REMOVED).length > 0;
  for (const app of apps) {
    const framework = String(app.data.framework);
    if (framework === "rocket" ? !shieldRemoved : fromCode || fromDeps) continue;
    ctx.report({
      file: app.file,
      range: app.range,
      message: `The ${framework} app is created here and no security-header middleware exists in the project (HSTS, CSP, X-Frame-Options, X-Content-Type-Options): ${HOW[framework] ?? "add security-header middleware"}.`,
    });
  }
}

export default defineRule({
  id: "missing-security-headers",
  checklistItem: "security-headers",
  severity: "info",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "The app is created and no security-header middleware exists anywhere in the project.",
  detectors: prefetched({ ts: detect, python: detect, go: detect, rust: detect, java: detect }),
  project,
});
