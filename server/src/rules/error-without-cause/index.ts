import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "error-without-cause",
  checklistItem: "error-handling",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: true,
  description: "A new error raised, thrown or returned inside an error handler without carrying the caught error as its cause.",
  detectors: { ts, python, go, rust, java },
});
