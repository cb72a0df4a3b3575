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
  // One node type each (part of the shared walk of the app rules that run before): no prefetch.
  detectors: { ts, python },
});
