import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "missing-input-validation",
  checklistItem: "input-validation",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "A handler reads request input without a schema or validator.",
  detectors: { ts, python, go, rust, java },
});
