import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import { authNamesOf, resolveRoutes, lacksAuth } from "../_shared/routes";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "missing-auth",
  checklistItem: "auth",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  skipTests: true,
  description: "A state-changing route (POST/PUT/PATCH/DELETE) with no authentication in reach.",
  detectors: prefetched({ ts, python, go, rust, java }),
  project(ctx) {
    for (const r of resolveRoutes(ctx.project, (k) => ctx.facts(k), authNamesOf(ctx.options))) {
      if (!lacksAuth(r)) continue;
      ctx.report({
        file: r.file,
        range: r.range,
        message: `${r.method} ${r.path} changes state but no authentication is in reach (no auth dependency, guard, middleware or extractor on the route, its router or the app). Require an authenticated caller, or mark the route public explicitly.`,
      });
    }
  },
});
