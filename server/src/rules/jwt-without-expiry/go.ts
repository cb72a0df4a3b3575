// golang-jwt `jwt.NewWithClaims(method, claims)` where the claims literal has no "exp" /
// ExpiresAt (MapClaims, RegisteredClaims, StandardClaims, or a custom struct embedding them).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, FUNCTION_TYPES } from "../../languages/common";
import { goKeyed, goKeyedValue, scopeOf } from "../_shared/syntax";
import { MESSAGE } from "./messages";

/** true: has an expiry; false: a literal without one; undefined: unknown. */
function literalHasExpiry(lit: Node): boolean | undefined {
  const type = lit.childForFieldName("type")?.text ?? "";
  const keyed = goKeyed(lit);
  if (/(^|\.)MapClaims$/.test(type)) {
    if (keyed.has("exp")) return true;
    // a key held in a constant may be "exp"
    const body = lit.childForFieldName("body");
    const allLiteral = (body?.namedChildren ?? []).every((c) => c?.type !== "keyed_element" || /^"/.test(c.namedChildren[0]?.text ?? ""));
    return allLiteral ? false : undefined;
  }
  if (/(^|\.)(RegisteredClaims|StandardClaims)$/.test(type)) return keyed.has("ExpiresAt");
  // custom claims struct: look for an embedded Registered/Standard claims literal
  for (const [k, el] of keyed) {
    if (k === "ExpiresAt" || k === "Exp" || k === "exp") return true;
    const v = goKeyedValue(el);
    const inner = v?.type === "unary_expression" ? v.namedChildren[0] : v;
    if (inner?.type === "composite_literal" && /(RegisteredClaims|StandardClaims)$/.test(inner.childForFieldName("type")?.text ?? "")) return literalHasExpiry(inner);
  }
  return undefined;
}

function resolveClaims(arg: Node, call: Node): boolean | undefined {
  let n: Node | null = arg;
  if (n.type === "unary_expression") n = n.namedChildren[0] ?? null;
  if (!n) return undefined;
  if (n.type === "composite_literal") return literalHasExpiry(n);
  if (n.type !== "identifier") return undefined;
  const scope = scopeOf(call, FUNCTION_TYPES.go);
  const name = n.text;
  let result: boolean | undefined;
  for (const decl of scope.descendantsOfType(["short_var_declaration", "assignment_statement", "var_spec"])) {
    if (!decl || decl.startIndex > call.startIndex) continue;
    const left = decl.childForFieldName("left") ?? decl.childForFieldName("name");
    if (left?.text !== name) continue;
    const right = decl.childForFieldName("right") ?? decl.childForFieldName("value");
    let v = right?.namedChildren[0] ?? null;
    if (v?.type === "unary_expression") v = v.namedChildren[0] ?? null;
    result = v?.type === "composite_literal" ? literalHasExpiry(v) : undefined;
  }
  if (result === false && new RegExp(`\\b${name}\\s*(\\[\\s*"exp"\\s*\\]|\\.ExpiresAt|\\.RegisteredClaims\\.ExpiresAt|\\.StandardClaims\\.ExpiresAt)\\s*=`).test(scope.text)) return true;
  return result;
}

export function go(ctx: FileContext): void {
  if (!/"github\.com\/(golang-jwt|dgrijalva)\/jwt/.test(ctx.file.text)) return;
  for (const call of ctx.nodes("call_expression")) {
    if (!/(^|\.)NewWithClaims$/.test(calleeText(call, "go"))) continue;
    const claims = callArguments(call, "go")[1];
    if (!claims) continue;
    if (resolveClaims(claims, call) === false) ctx.report({ node: call, message: MESSAGE });
  }
}
