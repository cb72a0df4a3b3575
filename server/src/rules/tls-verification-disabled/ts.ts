// `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED = "0"`, request's `strictSSL: false`.
import type { FileContext } from "../../engine/rule";
import { isBool, keyText, unlessConfigGuarded } from "../_shared/syntax";
import { stringValue } from "../../languages/common";
import { MESSAGE } from "./messages";

export function ts(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw, true);
  for (const pair of ctx.nodes("pair")) {
    const key = keyText(pair.childForFieldName("key"), "ts");
    const value = pair.childForFieldName("value");
    if ((key === "rejectUnauthorized" || key === "strictSSL") && isBool(value, false)) ctx.report({ node: pair, message: MESSAGE });
    else if (key === "NODE_TLS_REJECT_UNAUTHORIZED" && (stringValue(value, "ts") === "0" || value?.text === "0")) ctx.report({ node: pair, message: MESSAGE });
  }
  for (const asg of ctx.nodes("assignment_expression")) {
    const left = asg.childForFieldName("left");
    const right = asg.childForFieldName("right");
    if (!left || !right) continue;
    const l = left.text.replace(/\s+/g, "");
    if (/(^|\.)env(\.NODE_TLS_REJECT_UNAUTHORIZED|\[["'`]NODE_TLS_REJECT_UNAUTHORIZED["'`]\])$/.test(l) && (stringValue(right, "ts") === "0" || right.text === "0")) ctx.report({ node: asg, message: MESSAGE });
    else if (/\.rejectUnauthorized$/.test(l) && isBool(right, false)) ctx.report({ node: asg, message: MESSAGE });
  }
}
