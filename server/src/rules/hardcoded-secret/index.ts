import { defineRule } from "../../engine/rule";

export default defineRule({
  id: "hardcoded-secret",
  checklistItem: "secrets-in-env",
  severity: "error",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: true,
  skipTests: true,
  description: "A credential written as a literal in source code.",
  detectors: {},
});
