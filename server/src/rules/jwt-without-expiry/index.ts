import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "jwt-without-expiry",
  checklistItem: "auth",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "A JSON Web Token issued without an expiry claim.",
  // Each detector needs its library's import or builder (a necessary condition).
  textFilter: {
    ts: /jsonwebtoken|SignJWT/,
    python: /jwt/,
    go: /golang-jwt|dgrijalva/,
    rust: /jsonwebtoken/,
    java: /Jwts|JWT/,
  },
  detectors: { ts, python, go, rust, java },
});
