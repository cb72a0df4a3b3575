import { defineRule } from "../../engine/rule";
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
  detectors: { ts, python, go, rust, java },
  // Go: `_ = f()` / `v, _ := f()` where f is declared in another file of the same package.
  project: goProject,
});
