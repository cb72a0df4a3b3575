// Rust: an empty `Err(_) => {}` arm and an empty `if let Err(_) = ... {}` (no explanatory comment).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { hasExplanatoryComment } from "../_shared/errors";
import { MESSAGE } from "./messages";

function isErrPattern(p: Node | null | undefined): boolean {
  if (!p) return false;
  const pat = p.type === "match_pattern" ? p.namedChildren[0] : p;
  if (!pat || pat.type !== "tuple_struct_pattern") return false;
  const type = pat.childForFieldName("type")?.text.replace(/\s+/g, "");
  return type === "Err" || type === "Result::Err" || type === "std::result::Result::Err";
}

function isEmpty(value: Node | null | undefined): boolean {
  if (!value) return false;
  if (value.type === "unit_expression") return true;
  if (value.type !== "block") return false;
  if (value.namedChildren.some((c) => c && !/comment/.test(c.type))) return false;
  return !hasExplanatoryComment(value);
}

export function rust(ctx: FileContext): void {
  for (const arm of ctx.nodes("match_arm")) {
    if (!isErrPattern(arm.childForFieldName("pattern"))) continue;
    if (arm.childForFieldName("pattern")?.namedChildren.some((c) => c?.type === "condition" || c?.type === "match_guard")) continue;
    if (!isEmpty(arm.childForFieldName("value"))) continue;
    ctx.report({ node: arm, message: MESSAGE.rust });
  }
  for (const iff of ctx.nodes("if_expression")) {
    const cond = iff.childForFieldName("condition");
    if (cond?.type !== "let_condition" || !isErrPattern(cond.childForFieldName("pattern"))) continue;
    if (iff.childForFieldName("alternative")) continue;
    if (!isEmpty(iff.childForFieldName("consequence"))) continue;
    ctx.report({ node: iff, message: MESSAGE.rust });
  }
}
