import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "sql-injection",
  checklistItem: "input-validation",
  severity: "error",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "SQL text built by concatenation, interpolation or formatting of non-constant values and passed to an execution API.",
  detectors: { ts, python, go, rust, java },
});
