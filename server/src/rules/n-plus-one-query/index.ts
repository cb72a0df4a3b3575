import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import type { FileContext } from "../../engine/rule";
import { djangoFacts, djangoProject } from "./django";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "n-plus-one-query",
  checklistItem: "query-optimization",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "A read query executed once per iteration of a loop (N+1 queries).",
  detectors: prefetched({
    ts,
    python: (ctx: FileContext) => {
      python(ctx);
      if (!ctx.file.isTest) djangoFacts(ctx);
    },
    go,
    rust,
    java,
  }),
  // Django related-object access needs the models, which live in other files.
  project: djangoProject,
});

