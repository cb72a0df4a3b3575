// crypto/tls `InsecureSkipVerify: true` (literal or assignment).
import type { FileContext } from "../../engine/rule";
import { goKeyed, goKeyedValue, isBool, unlessConfigGuarded } from "../_shared/syntax";
import { MESSAGE } from "./messages";

export function go(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw, true);
  for (const lit of ctx.nodes("composite_literal")) {
    const el = goKeyed(lit).get("InsecureSkipVerify");
    if (el && isBool(goKeyedValue(el), true)) ctx.report({ node: el, message: MESSAGE });
  }
  for (const asg of ctx.nodes("assignment_statement")) {
    const left = asg.childForFieldName("left");
    const right = asg.childForFieldName("right");
    if (left && /\.InsecureSkipVerify$/.test(left.text) && isBool(right?.namedChildren[0], true)) ctx.report({ node: asg, message: MESSAGE });
  }
}
