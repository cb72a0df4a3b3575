// Project rule: the app is created and no rate limiter exists anywhere in the project (code,
// manifest dependencies). App-creation facts are recorded by missing-security-headers' detectors
// (project-rule detectors always run, even when that rule is off).
import { prefetched } from "../_shared/app-nodes";
import { defineRule, type FileContext, type ProjectContext } from "../../engine/rule";
import { FACT_APP, FACT_LIMITER, LIMITER_DEPS, appLines, recordAppFacts } from "../_shared/app-facts";

const KINDS = new Set([FACT_LIMITER]);
const detect = (ctx: FileContext) => recordAppFacts(ctx, KINDS);

function project(ctx: ProjectContext): void {
  const apps = appLines(ctx.facts(FACT_APP));
  if (!apps.length) return;
  if (ctx.facts(FACT_LIMITER).length > 0) return;
  if (ctx.project.dependencies.some((d) => LIMITER_DEPS.test(d))) return;
  if (ctx.project.gatewayRateLimit?.length) return;
  for (const app of apps) {
    ctx.report({
      file: app.file,
      range: app.range,
      message: `The ${String(app.data.framework)} app is created here and no rate limiter exists in the project (middleware, limiter library or gateway \`limit_req\`/rate-limit plugin): one client can exhaust the service.`,
    });
  }
}

export default defineRule({
  id: "missing-rate-limit",
  checklistItem: "rate-limiting",
  severity: "info",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "The app is created and no rate limiter exists anywhere in the project.",
  detectors: prefetched({ ts: detect, python: detect, go: detect, rust: detect, java: detect }),
  project,
});
