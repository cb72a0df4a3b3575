import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "unstructured-logging",
  checklistItem: "logging-correlation",
  severity: "info",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  skipTests: true,
  description: "Unstructured console output (print, console.*, fmt.Print*, System.out, println!) in service code.",
  detectors: prefetched({ ts, python, go, rust, java }),
});
