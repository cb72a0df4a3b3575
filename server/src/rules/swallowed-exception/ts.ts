// TS/JS: an empty `catch {}` block with no explanatory comment.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { hasExplanatoryComment, isMinified } from "../_shared/errors";
import { MESSAGE } from "./messages";

export function isEmptyBlock(body: Node | null): boolean {
  if (!body) return false;
  if (body.namedChildren.some((c) => c && !/comment/.test(c.type))) return false;
  return !hasExplanatoryComment(body);
}

export function ts(ctx: FileContext): void {
  if (isMinified(ctx.file)) return;
  for (const handler of ctx.nodes("catch_clause")) {
    if (!isEmptyBlock(handler.childForFieldName("body"))) continue;
    const kw = handler.children.find((c) => c?.type === "catch") ?? handler;
    ctx.report({ node: kw, message: MESSAGE.handler });
  }
}
