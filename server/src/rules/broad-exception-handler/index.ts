import { defineRule } from "../../engine/rule";
import { java } from "./java";
import { python } from "./python";

export default defineRule({
  id: "broad-exception-handler",
  checklistItem: "error-handling",
  severity: "warning",
  languages: ["python", "java"],
  fixable: false,
  description: "A catch-all exception handler that neither re-raises nor logs the traceback.",
  detectors: { python, java },
});
