// Rust: Axum `(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())`, Actix
// `HttpResponse::InternalServerError().body(e.to_string())` / `ErrorInternalServerError(e)`, Rocket
// `Custom(Status::InternalServerError, format!("{e}"))`: a 5xx response whose body is the error's text.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { statusClass } from "../_shared/errors";
import { MESSAGE, NOT_A_RESPONSE } from "./messages";

const ERR_IDENT = "(?:e|err|error|ex|why|cause|source|\\w+_err|\\w+_error)";

/** Names bound by `Err(x)` patterns and error-named closure parameters around the node. */
function errNames(node: Node): string[] {
  const names = new Set<string>();
  let fn: Node | null = node;
  while (fn && fn.type !== "function_item") fn = fn.parent;
  for (const p of fn?.descendantsOfType("tuple_struct_pattern") ?? []) {
    if (p?.childForFieldName("type")?.text !== "Err") continue;
    for (const id of p.namedChildren) if (id?.type === "identifier") names.add(id.text);
  }
  // In the error type's own response conversion, `self` (or its wrapped source, `self.0`) is the error.
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === "impl_item" && /\b(IntoResponse|ResponseError|Responder)\b/.test(n.childForFieldName("trait")?.text ?? "")) {
      names.add("self\\.0");
      names.add("self");
      break;
    }
  }
  return [...names];
}

export function exposes(node: Node, extra: string[]): boolean {
  const name = extra.length ? `(?:${ERR_IDENT}|${extra.join("|")})` : ERR_IDENT;
  const text = node.text;
  if (new RegExp(`\\b${name}\\s*\\.\\s*to_string\\s*\\(\\s*\\)`).test(text)) return true;
  // format!("{e}"), format!("{}: {:?}", x, e), json!({"error": format!("{e:#}")})
  if (/\bformat\s*!/.test(text)) {
    if (new RegExp(`\\{${name}(?::[^}]*)?\\}`).test(text)) return true;
    if (new RegExp(`,\\s*&?${name}\\s*[,)]`).test(text)) return true;
  }
  return false;
}

function isDirectErr(node: Node | undefined, extra: string[]): boolean {
  if (!node) return false;
  const name = extra.length ? `(?:${ERR_IDENT}|${extra.join("|")})` : ERR_IDENT;
  return new RegExp(`^&?${name}$`).test(node.text) || exposes(node, extra);
}

function args(node: Node): Node[] {
  return (node.childForFieldName("arguments")?.namedChildren ?? []).filter((c): c is Node => !!c && !/comment/.test(c.type));
}

export function rust(ctx: FileContext): void {
  // Tuples: (StatusCode::INTERNAL_SERVER_ERROR, body)
  for (const tuple of ctx.nodes("tuple_expression")) {
    if (!/(StatusCode|Status)::/.test(tuple.text)) continue;
    const items = tuple.namedChildren.filter((c): c is Node => !!c && !/comment/.test(c.type));
    const si = items.findIndex((i) => /(StatusCode|Status)::/.test(i.text) && i.text.length < 60);
    if (si < 0 || statusClass(items[si]) !== "5xx") continue;
    const extra = errNames(tuple);
    if (items.some((it, i) => i !== si && exposes(it, extra))) ctx.report({ node: tuple, message: MESSAGE });
  }
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    const fnText = fn?.text.replace(/\s+/g, "") ?? "";
    if (NOT_A_RESPONSE.test(fnText)) continue;
    // errNames walks up to the function and through it: only for calls that can be a response.
    let extraMemo: string[] | undefined;
    const extra = (): string[] => (extraMemo ??= errNames(call));
    // actix_web::error::ErrorInternalServerError(e) renders e's Display as the body.
    if (/(^|::)Error(InternalServerError|BadGateway|ServiceUnavailable|GatewayTimeout)$/.test(fnText)) {
      if (isDirectErr(args(call)[0], extra())) ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    // Rocket status::Custom(Status::InternalServerError, body), and helpers taking (status, body).
    if (/(^|::)Custom$/.test(fnText) || /(^|::)(error_response|json_error|respond|reply)\w*$/.test(fnText)) {
      const a = args(call);
      const si = a.findIndex((x) => /(StatusCode|Status)::/.test(x.text) && x.text.length < 60);
      if (si >= 0 && statusClass(a[si]) === "5xx" && a.some((x, i) => i !== si && exposes(x, extra()))) ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    // Actix: HttpResponse::InternalServerError().body(x) / .json(x); HttpResponse::build(StatusCode::…).body(x)
    if (/\.(body|json|message_body|streaming)$/.test(fnText) && fn?.type === "field_expression" && /^(body|json|message_body|streaming)$/.test(fn.childForFieldName("field")?.text ?? "")) {
      let recv = fn.childForFieldName("value");
      let server = false;
      while (recv) {
        if (recv.type === "call_expression") {
          const f = recv.childForFieldName("function")?.text.replace(/\s+/g, "") ?? "";
          if (/HttpResponse::(InternalServerError|BadGateway|ServiceUnavailable|GatewayTimeout|NotImplemented)$/.test(f)) server = true;
          if (/HttpResponse::build$|\.status$/.test(f) && statusClass(args(recv)[0]) === "5xx") server = true;
          const inner = recv.childForFieldName("function");
          recv = inner?.type === "field_expression" ? inner.childForFieldName("value") : null;
        } else if (recv.type === "field_expression") recv = recv.childForFieldName("value");
        else break;
      }
      if (server && args(call).some((x) => exposes(x, extra()))) ctx.report({ node: call, message: MESSAGE });
    }
  }
}
