import { defineRule } from "../../engine/rule";
import { PAGINATION } from "../unbounded-pagination";
import { withRouteInputFacts } from "./facts";
import { go, goProject } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts, tsProject } from "./ts";

export default defineRule({
  id: "missing-input-validation",
  checklistItem: "input-validation",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "A handler reads request input without a schema or validator.",
  detectors: {
    ts: withRouteInputFacts(ts, PAGINATION.ts),
    python: withRouteInputFacts(python, PAGINATION.python),
    go: withRouteInputFacts(go, PAGINATION.go),
    rust: withRouteInputFacts(rust, PAGINATION.rust),
    java: withRouteInputFacts(java, PAGINATION.java),
  },
  // Go request structs are often declared in another file of the package (or a models package).
  // Express/Fastify handlers are often declared in a controller file and registered in a routes file.
  project: (pctx) => {
    goProject(pctx);
    tsProject(pctx);
  },
});
