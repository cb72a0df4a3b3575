// Java: an empty `catch` block with no explanatory comment. A parameter named `ignored`/`expected`
// states the intent (the IDE convention) and is not a finding.
import type { FileContext } from "../../engine/rule";
import { handlerBinding } from "../_shared/errors";
import { MESSAGE } from "./messages";
import { isEmptyBlock } from "./ts";

const DELIBERATE = /^(ignored?|expected|unused|_+)$/i;

export function java(ctx: FileContext): void {
  for (const handler of ctx.nodes("catch_clause")) {
    if (!isEmptyBlock(handler.childForFieldName("body"))) continue;
    const name = handlerBinding(handler, "java")?.text ?? "";
    if (DELIBERATE.test(name)) continue;
    const kw = handler.children.find((c) => c?.type === "catch") ?? handler;
    ctx.report({ node: kw, message: MESSAGE.handler });
  }
}
