// Python: FastAPI/Starlette `HTTPException(500, detail=str(e))`, `JSONResponse(..., status_code=500)`;
// Flask `return str(e), 500`, `abort(500, str(e))`, `jsonify(error=str(e))`; Django
// `JsonResponse({"error": str(e)}, status=500)`, `HttpResponseServerError(str(e))`, DRF `Response`.
// A 4xx or unknown status is not a finding; a default status is (the response says 200 and leaks).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeName, FUNCTION_TYPES } from "../../languages/common";
import { handlerBinding, statusClass } from "../_shared/errors";
import { MESSAGE } from "./messages";

const ERR_PARAM = /^(e|err|error|ex|exc|exception)$/;
/** Attributes of an exception that carry its message. */
const MESSAGE_ATTRS = new Set(["args", "message", "msg", "strerror", "detail", "orig", "__str__", "__repr__"]);

function errorNames(node: Node): Set<string> {
  const names = new Set<string>();
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "except_clause") {
      const b = handlerBinding(n, "python");
      if (b) names.add(b.text);
    }
    if (n.type === "function_definition") {
      for (const p of n.childForFieldName("parameters")?.namedChildren ?? []) {
        const id = p?.type === "identifier" ? p : (p?.namedChildren.find((c) => c?.type === "identifier") ?? null);
        if (id && ERR_PARAM.test(id.text)) names.add(id.text);
      }
    }
  }
  return names;
}

export function exposes(node: Node | null | undefined, names: Set<string>): boolean {
  if (!node) return false;
  const ids = node.type === "identifier" ? [node] : node.descendantsOfType("identifier").filter((n): n is Node => !!n);
  for (const id of ids) {
    // Names first (one read each); the parent and the `guarded` walk only for an error's name.
    const t = id.text;
    const traceback = t === "format_exc" || t === "format_exception" || t === "format_tb";
    if (!traceback && !names.has(t)) continue;
    const exposed = () => !guarded(id, node);
    const p = id.parent;
    if (traceback) {
      if (p?.type === "attribute" && p.childForFieldName("object")?.text === "traceback") {
        if (exposed()) return true;
        continue;
      }
    }
    if (!names.has(t)) continue;
    if (p?.type === "attribute" && p.childForFieldName("object")?.id === id.id) {
      const attr = p.childForFieldName("attribute")?.text ?? "";
      if (MESSAGE_ATTRS.has(attr) && exposed()) return true;
      continue; // e.status_code, e.errors(): not the message
    }
    if (p?.type === "argument_list") {
      const call = p.parent;
      const fn = call ? calleeName(call, "python") : "";
      // str(e), repr(e), "…{}".format(e), f(e) where f formats; but not type(e) or isinstance(e, …)
      if (fn === "type" || fn === "isinstance" || fn === "id" || fn === "getattr" || fn === "hasattr") continue;
      if (exposed()) return true;
      continue;
    }
    if (p?.type === "keyword_argument" && p.childForFieldName("name")?.text === "exc_info") continue;
    if (exposed()) return true; // f"{e}", "…" % e, {"error": e}, detail=e
  }
  return false;
}

/** Exposure decided at run time: `str(e) if settings.DEBUG else "Internal error"`. */
const GUARD = /\bDEBUG\b|\bdebug\b|\bexpose\b|status(_code)?\s*[<>]=?\s*500|\bENV\b|environ/;

function guarded(node: Node, top: Node): boolean {
  for (let n: Node | null = node; n && n.id !== top.id; n = n.parent) {
    const p = n.parent;
    if (p?.type !== "conditional_expression") continue;
    const parts = p.namedChildren.filter((c): c is Node => !!c);
    const cond = parts[1];
    if (cond && cond.id !== n.id && GUARD.test(cond.text)) return true;
  }
  return false;
}

function kwarg(call: Node, name: string): Node | null {
  for (const a of call.childForFieldName("arguments")?.namedChildren ?? []) {
    if (a?.type === "keyword_argument" && a.childForFieldName("name")?.text === name) return a.childForFieldName("value");
  }
  return null;
}

function positional(call: Node): Node[] {
  return (call.childForFieldName("arguments")?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== "keyword_argument" && a.type !== "comment" && a.type !== "dictionary_splat" && a.type !== "list_splat");
}

type Cls = ReturnType<typeof statusClass> | "default";

const RESPONSE_NAMES = new Set(["HTTPException", "HTTPError", "abort", "JSONResponse", "PlainTextResponse", "HTMLResponse", "ORJSONResponse", "UJSONResponse", "JsonResponse", "HttpResponse", "Response", "HttpResponseServerError", "make_response", "jsonify"]);

/** Response constructors: where the body and the status are. */
function responseParts(call: Node): { body: Node | null; status: Cls } | undefined {
  const name = calleeName(call, "python");
  if (!RESPONSE_NAMES.has(name)) return undefined;
  const pos = positional(call);
  switch (name) {
    case "HTTPException":
    case "HTTPError": {
      const status = kwarg(call, "status_code") ?? pos[0] ?? null;
      return { body: kwarg(call, "detail") ?? pos[1] ?? null, status: statusClass(status) };
    }
    case "abort": {
      const status = kwarg(call, "code") ?? pos[0] ?? null;
      return { body: kwarg(call, "description") ?? pos[1] ?? null, status: statusClass(status) };
    }
    case "JSONResponse":
    case "PlainTextResponse":
    case "HTMLResponse":
    case "ORJSONResponse":
    case "UJSONResponse": {
      const status = kwarg(call, "status_code") ?? pos[1] ?? null;
      return { body: kwarg(call, "content") ?? pos[0] ?? null, status: status ? statusClass(status) : "default" };
    }
    case "JsonResponse":
    case "HttpResponse":
    case "Response": {
      const status = kwarg(call, "status") ?? kwarg(call, "status_code") ?? pos[1] ?? null;
      return { body: kwarg(call, "data") ?? kwarg(call, "content") ?? kwarg(call, "response") ?? pos[0] ?? null, status: status ? statusClass(status) : "default" };
    }
    case "HttpResponseServerError":
      return { body: pos[0] ?? kwarg(call, "content"), status: "5xx" };
    case "make_response": {
      const status = pos[1] ?? null;
      return { body: pos[0] ?? null, status: status ? statusClass(status) : "default" };
    }
    case "jsonify":
      return { body: call.childForFieldName("arguments"), status: "default" };
    default:
      return undefined;
  }
}

export function python(ctx: FileContext): void {
  const handled = new Set<number>();
  // Flask tuples: `return body, 500`.
  for (const ret of ctx.nodes("return_statement")) {
    const list = ret.namedChildren.find((c) => c?.type === "expression_list" || c?.type === "tuple");
    const items = list?.namedChildren.filter((c): c is Node => !!c && c.type !== "comment") ?? [];
    if (items.length < 2) continue;
    const cls = statusClass(items[1]);
    if (!cls) continue;
    for (const c of items[0]!.type === "call" ? [items[0]!] : items[0]!.descendantsOfType("call").filter((x): x is Node => !!x)) handled.add(c.id);
    if (items[0]!.type === "call") handled.add(items[0]!.id);
    if (cls === "5xx" && exposes(items[0], errorNames(ret))) ctx.report({ node: ret, message: MESSAGE });
  }
  for (const call of ctx.nodes("call")) {
    if (handled.has(call.id)) continue;
    const parts = responseParts(call);
    if (!parts || !parts.body) continue;
    if (parts.status !== "5xx" && parts.status !== "default") continue;
    const names = errorNames(call);
    if (parts.status === "default" && !insideHandlerOrHandlerFn(call)) continue;
    if (exposes(parts.body, names)) ctx.report({ node: call, message: MESSAGE });
  }
}

/** A default status leaks only in error paths: an except block or an exception-handler function. */
function insideHandlerOrHandlerFn(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "except_clause") return true;
    if (FUNCTION_TYPES.python.includes(n.type)) {
      const params = n.childForFieldName("parameters")?.namedChildren ?? [];
      return params.some((p) => {
        const id = p?.type === "identifier" ? p : (p?.namedChildren.find((c) => c?.type === "identifier") ?? null);
        return !!id && ERR_PARAM.test(id.text);
      });
    }
  }
  return false;
}
