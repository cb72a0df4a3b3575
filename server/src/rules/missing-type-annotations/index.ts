import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import { python } from "./python";
import { ts } from "./ts";

export default defineRule({
  id: "missing-type-annotations",
  checklistItem: "type-annotations",
  severity: "info",
  languages: ["ts", "python"],
  fixable: false,
  skipTests: true,
  description: "Python functions without full type hints; explicit `any` in TypeScript.",
  detectors: prefetched({ ts, python }),
});
