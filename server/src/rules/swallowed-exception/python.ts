// Python: `except ...: pass` / `...` / `continue` with no explanatory comment.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { handlerBody, handlerTypes, hasExplanatoryComment, simpleName } from "../_shared/errors";
import { MESSAGE } from "./messages";

/** Handlers whose silence is the idiom: optional imports, Ctrl-C at the prompt, task cancellation. */
const IDIOMATIC = new Set(["ImportError", "ModuleNotFoundError", "KeyboardInterrupt", "CancelledError", "GeneratorExit"]);

export function isSwallowingPythonHandler(handler: Node): boolean {
  const body = handlerBody(handler, "python");
  if (!body) return false;
  const stmts = body.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
  if (stmts.length === 0) return false;
  const empty = stmts.every((s) => s.type === "pass_statement" || s.type === "continue_statement" || (s.type === "expression_statement" && s.namedChildren.length === 1 && s.namedChildren[0]!.type === "ellipsis"));
  if (!empty) return false;
  if (hasExplanatoryComment(handler)) return false;
  const types = handlerTypes(handler, "python").map(simpleName);
  if (types.length && types.every((t) => IDIOMATIC.has(t))) return false;
  return true;
}

export function python(ctx: FileContext): void {
  for (const handler of ctx.nodes("except_clause")) {
    if (!isSwallowingPythonHandler(handler)) continue;
    const kw = handler.children.find((c) => c?.type === "except") ?? handler;
    ctx.report({ node: kw, message: MESSAGE.handler });
  }
}
