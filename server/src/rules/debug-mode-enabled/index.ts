import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { python } from "./python";

export default defineRule({
  id: "debug-mode-enabled",
  checklistItem: "error-handling",
  severity: "warning",
  languages: ["python", "go"],
  fixable: false,
  description: "A framework debug mode, which shows tracebacks to clients, switched on in code.",
  detectors: prefetched({ python, go }),
  // Every finding needs the literal `True` (Python), or `SetMode` / a `Debug` field (Go).
  textFilter: { python: /\bTrue\b/, go: /SetMode|\bDebug\b/ },
});
