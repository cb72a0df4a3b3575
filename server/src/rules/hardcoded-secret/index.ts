// hardcoded-secret — secrets-in-env — error — fix: extract secret to env (RULES.md).
import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "hardcoded-secret",
  checklistItem: "secrets-in-env",
  severity: "error",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: true,
  skipTests: true,
  description: "A credential written as a literal in source code instead of read from the environment or a secret manager.",
  detectors: { ts, python, go, rust, java },
});
