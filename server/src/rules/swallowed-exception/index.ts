import { defineRule } from "../../engine/rule";
import { withNodes } from "../_shared/errors";
import { go, goProject } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "swallowed-exception",
  checklistItem: "error-handling",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "An error handler that does nothing with the error (empty catch/except, discarded Go error, empty Err arm).",
  detectors: withNodes(
    { ts, python, go, rust, java },
    {
      go: ["if_statement", "function_declaration", "method_declaration", "method_elem", "method_spec", "assignment_statement", "short_var_declaration", "import_spec"],
      rust: ["match_arm", "if_expression"],
    },
  ),
  // Go: `_ = f()` / `v, _ := f()` where f is declared in another file of the same package.
  project: goProject,
});
