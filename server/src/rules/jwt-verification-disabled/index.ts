import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "jwt-verification-disabled",
  checklistItem: "auth",
  severity: "error",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "JWT signature or algorithm verification switched off.",
  detectors: { ts, python, go, rust, java },
});
