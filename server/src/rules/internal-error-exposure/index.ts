import { defineRule } from "../../engine/rule";
import { withNodes } from "../_shared/errors";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "internal-error-exposure",
  checklistItem: "error-handling",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "A client response with a 5xx or default status built from an error's message, string form or stack.",
  detectors: withNodes(
    { ts, python, go, rust, java },
    {
      ts: ["property_identifier", "new_expression", "assignment_expression"],
      python: ["return_statement", "call"],
      rust: ["tuple_expression", "call_expression"],
      java: ["method_invocation", "object_creation_expression"],
    },
  ),
});
