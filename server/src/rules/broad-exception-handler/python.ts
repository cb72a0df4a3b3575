// Python: `except:`, `except BaseException`, `except Exception` (also in tuples) whose body neither
// re-raises nor logs with the traceback. An empty (swallowing) handler is swallowed-exception's.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeName, calleeText, FUNCTION_TYPES } from "../../languages/common";
import { handlerBinding, handlerBody, handlerTypes, hasExplanatoryComment, simpleName } from "../_shared/errors";
import { isSwallowingPythonHandler } from "../swallowed-exception/python";

const BROAD = new Set(["Exception", "BaseException"]);
export const MESSAGE =
  "Catch-all exception handler neither re-raises nor logs the traceback: unexpected errors (bugs included) vanish or surface without context (error-handling checklist item). Catch the specific exceptions, re-raise, or log with `logger.exception(...)`.";

/** Calls that record the traceback of the exception being handled. */
function logsTraceback(call: Node): boolean {
  const name = calleeName(call, "python");
  const callee = calleeText(call, "python");
  if (name === "exception" || name === "print_exc" || name === "format_exc" || name === "print_exception" || name === "format_exception") return true;
  if (/^(sentry_sdk\.)?capture_exception$/.test(callee) || name === "capture_exception" || name === "captureException") return true;
  const args = call.childForFieldName("arguments");
  for (const a of args?.namedChildren ?? []) {
    if (a?.type !== "keyword_argument") continue;
    const key = a.childForFieldName("name")?.text;
    const value = a.childForFieldName("value")?.text;
    if (key === "exc_info" && value !== "False" && value !== "None") return true;
  }
  return false;
}

/** Calls that only format or log the error's text; passing the exception to anything else hands it over. */
const TEXT_ONLY = /^(str|repr|print|format|isinstance|issubclass|type|len|id|getattr|hasattr|debug|info|warning|warn|error|critical|log|fatal|echo|secho|write|append_text)$/;

/** The exception object itself is passed on: `self.handle_exception(e)`, `future.set_exception(e)`. */
function handsOver(call: Node, name: string): boolean {
  if (TEXT_ONLY.test(calleeName(call, "python"))) return false;
  return (call.childForFieldName("arguments")?.namedChildren ?? []).some((a) => a?.type === "identifier" && a.text === name);
}

function isCommentedNoOp(handler: Node): boolean {
  const body = handlerBody(handler, "python");
  const stmts = body?.namedChildren.filter((c): c is Node => !!c && c.type !== "comment") ?? [];
  const noOp = stmts.every((s) => s.type === "pass_statement" || s.type === "continue_statement" || (s.type === "expression_statement" && s.namedChildren[0]?.type === "ellipsis"));
  return noOp && hasExplanatoryComment(handler);
}

function insideNestedFunction(node: Node, root: Node): boolean {
  for (let n = node.parent; n && n.id !== root.id; n = n.parent) if (FUNCTION_TYPES.python.includes(n.type)) return true;
  return false;
}

export function python(ctx: FileContext): void {
  for (const handler of ctx.nodes("except_clause")) {
    const types = handlerTypes(handler, "python");
    const broad = types.length === 0 || types.some((t) => BROAD.has(simpleName(t)));
    if (!broad) continue;
    if (isSwallowingPythonHandler(handler)) continue;
    const body = handlerBody(handler, "python");
    if (!body) continue;
    const raises = body.descendantsOfType("raise_statement").some((r) => r && !insideNestedFunction(r, body));
    if (raises) continue;
    const bound = handlerBinding(handler, "python")?.text;
    const logs = body.descendantsOfType("call").some((c) => c && !insideNestedFunction(c, body) && (logsTraceback(c) || (!!bound && handsOver(c, bound))));
    if (logs) continue;
    // A no-op handler with an explanatory comment is a documented decision, not an oversight.
    if (isCommentedNoOp(handler)) continue;
    const kw = handler.children.find((c) => c?.type === "except") ?? handler;
    ctx.report({ node: kw, message: MESSAGE });
  }
}
