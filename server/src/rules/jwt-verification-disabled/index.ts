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
  // Each detector needs its library's import or a named insecure call (a necessary condition).
  textFilter: {
    ts: /jsonwebtoken|jose|jwt/,
    python: /jwt|jose/,
    go: /golang-jwt|dgrijalva|lestrrat-go\/jwx/,
    rust: /insecure_disable_signature_validation|insecure_decode/,
    java: /io\.jsonwebtoken/,
  },
  detectors: { ts, python, go, rust, java },
});
