// Java: `catch (Exception|Throwable|RuntimeException e)` whose body neither rethrows nor logs the
// exception with its stack trace (`log.error(msg, e)`). An empty handler is swallowed-exception's.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, FUNCTION_TYPES } from "../../languages/common";
import { handlerBinding, handlerTypes, simpleName } from "../_shared/errors";

const BROAD = new Set(["Exception", "Throwable", "RuntimeException"]);
export const MESSAGE =
  "Catch-all exception handler neither rethrows nor logs the stack trace: unexpected errors (bugs included) vanish or surface without context (error-handling checklist item). Catch the specific exceptions, rethrow, or log with the exception as the last argument.";

const LOG_METHODS = /^(error|warn|warning|info|debug|trace|fatal|severe|log)$/;

function inNested(node: Node, root: Node): boolean {
  for (let n = node.parent; n && n.id !== root.id; n = n.parent) if (FUNCTION_TYPES.java.includes(n.type) || n.type === "class_body") return true;
  return false;
}

export function java(ctx: FileContext): void {
  for (const handler of ctx.nodes("catch_clause")) {
    const types = handlerTypes(handler, "java").map(simpleName);
    if (!types.some((t) => BROAD.has(t))) continue;
    const body = handler.childForFieldName("body");
    if (!body) continue;
    // Empty handler: swallowed-exception (which wins) or a deliberate, commented one.
    if (!body.namedChildren.some((c) => c && !/comment/.test(c.type))) continue;
    if (body.descendantsOfType("throw_statement").some((t) => t && !inNested(t, body))) continue;
    const name = handlerBinding(handler, "java")?.text;
    const handled = body.descendantsOfType("method_invocation").some((call) => {
      if (!call || inNested(call, body)) return false;
      const method = call.childForFieldName("name")?.text ?? "";
      if (method === "printStackTrace") return true;
      // Error reporters: Sentry.captureException(e), span.recordException(e).
      // Handing the exception over: Sentry.captureException(e), span.recordException(e),
      // future.completeExceptionally(e), observer.onError(e), handler.handle(e)…
      if (!LOG_METHODS.test(method) && !/^(println|print|printf|format|valueOf|append|add|put)$/.test(method) && callArguments(call, "java").some((a) => a.text === name)) return true;
      if (!LOG_METHODS.test(method)) return false;
      const args = callArguments(call, "java");
      const last = args[args.length - 1];
      return !!name && !!last && last.text === name;
    });
    if (handled) continue;
    const kw = handler.children.find((c) => c?.type === "catch") ?? handler;
    ctx.report({ node: kw, message: MESSAGE });
  }
}
