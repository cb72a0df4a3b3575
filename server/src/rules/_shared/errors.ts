// Helpers shared by the error-handling rules (error-without-cause, swallowed-exception,
// broad-exception-handler, internal-error-exposure, debug-mode-enabled): handlers, their bindings,
// comments that make an empty handler deliberate, and HTTP status recognition.
import type { Detector } from "../../engine/rule";
import type { LanguageFamily, Node } from "../../engine/types";
import { FUNCTION_TYPES, isComment } from "../../languages/common";

/** Handler node types per family (Python `except`, TS/Java `catch`). */
export const HANDLER_TYPES: Partial<Record<LanguageFamily, string[]>> = {
  python: ["except_clause"],
  ts: ["catch_clause"],
  java: ["catch_clause"],
};

/** Nodes that start a new scope of control flow: a raise inside them does not leave the handler. */
const BOUNDARY: Record<LanguageFamily, string[]> = {
  python: [...FUNCTION_TYPES.python, "class_definition"],
  ts: [...FUNCTION_TYPES.ts, "class_declaration", "class"],
  go: [...FUNCTION_TYPES.go],
  rust: [...FUNCTION_TYPES.rust, "impl_item"],
  java: [...FUNCTION_TYPES.java, "class_body"],
};

/**
 * The nearest handler (except/catch clause) whose body holds `node`, without crossing a function or
 * class boundary. The node must sit in the handler's body, not in its parameter or type.
 */
export function enclosingHandler(node: Node, family: LanguageFamily): Node | null {
  const types = HANDLER_TYPES[family] ?? [];
  let child: Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (BOUNDARY[family].includes(n.type)) return null;
    if (types.includes(n.type)) {
      const body = handlerBody(n, family);
      return body && body.id === child.id ? n : null;
    }
  }
  return null;
}

export function handlerBody(handler: Node, family: LanguageFamily): Node | null {
  if (family === "python") return handler.namedChildren.find((c) => c?.type === "block") ?? null;
  return handler.childForFieldName("body");
}

/** The name a handler binds the caught error to (`except E as e`, `catch (e)`, `catch (E e)`). */
export function handlerBinding(handler: Node, family: LanguageFamily): Node | null {
  if (family === "python") {
    const value = handler.childForFieldName("value");
    if (value?.type === "as_pattern") {
      const alias = value.childForFieldName("alias");
      const id = alias?.namedChildren.find((c) => c?.type === "identifier") ?? (alias?.type === "identifier" ? alias : null);
      return id ?? null;
    }
    // Older grammar shape: `except E, e` is Python 2 only; nothing else binds.
    return null;
  }
  if (family === "ts") {
    const p = handler.childForFieldName("parameter");
    return p?.type === "identifier" ? p : null;
  }
  if (family === "java") {
    const param = handler.namedChildren.find((c) => c?.type === "catch_formal_parameter");
    return param?.childForFieldName("name") ?? null;
  }
  return null;
}

/** Type names a handler catches: `except (A, b.B)` → A, b.B; `catch (A | B e)` → A, B. Empty = catch-all. */
export function handlerTypes(handler: Node, family: LanguageFamily): string[] {
  if (family === "python") {
    let value = handler.childForFieldName("value");
    if (!value) return [];
    if (value.type === "as_pattern") value = value.namedChildren[0] ?? null;
    if (!value) return [];
    if (value.type === "tuple" || value.type === "parenthesized_expression") {
      return value.namedChildren.filter((c): c is Node => !!c && !isComment(c)).flatMap((c) => (c.type === "tuple" ? c.namedChildren.filter((x): x is Node => !!x).map((x) => x.text) : [c.text]));
    }
    return [value.text];
  }
  if (family === "java") {
    const param = handler.namedChildren.find((c) => c?.type === "catch_formal_parameter");
    const ct = param?.namedChildren.find((c) => c?.type === "catch_type");
    return (ct?.namedChildren ?? []).filter((c): c is Node => !!c).map((c) => c.text);
  }
  return [];
}

/** Last segment of a dotted name (`builtins.Exception` → Exception, `java.lang.Exception` → Exception). */
export function simpleName(name: string): string {
  const parts = name.split(".");
  return parts[parts.length - 1] ?? name;
}

/** Tool directives are not explanations: `# noqa`, `// eslint-disable…`, `# type: ignore`, `// NOSONAR`… */
const DIRECTIVE = /^(?:#|\/\/|\/\*)\s*(?:noqa|type:\s*ignore|pragma|pylint|nosec|fmt:|eslint|istanbul|c8|@ts-|prettier-ignore|nolint|NOSONAR|CHECKSTYLE|\$FALL-THROUGH\$)/i;

export function isExplanatoryComment(node: Node): boolean {
  if (!isComment(node)) return false;
  const text = node.text.trim();
  if (DIRECTIVE.test(text)) return false;
  const body = text.replace(/^(?:#|\/\/|\/\*+)|\*+\/$/g, "").trim();
  // A to-do is the opposite of a decision (`// TODO Auto-generated catch block`, `# FIXME`).
  if (/^(TODO|FIXME|XXX|HACK)\b/i.test(body) || /auto-generated catch block/i.test(body)) return false;
  // A comment with no words is not an explanation.
  return /[A-Za-z]{2,}/.test(body);
}

/** Any explanatory comment among the descendants of `node`. */
export function hasExplanatoryComment(node: Node): boolean {
  for (const c of node.descendantsOfType(["comment", "line_comment", "block_comment"])) {
    if (c && isExplanatoryComment(c)) return true;
  }
  return false;
}

/** Comments that sit between `from` and `to` offsets as children of `parent` (handler headers). */
export function commentsWithin(parent: Node, startIndex: number, endIndex: number): Node[] {
  return parent.descendantsOfType(["comment", "line_comment", "block_comment"]).filter((c): c is Node => !!c && c.startIndex >= startIndex && c.endIndex <= endIndex);
}

/** Strip wrappers that do not change the value: parentheses, `as` casts, non-null `!`, `satisfies`. */
export function unwrapTs(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === "parenthesized_expression" || n.type === "as_expression" || n.type === "non_null_expression" || n.type === "satisfies_expression" || n.type === "type_assertion") {
      const inner = n.namedChildren.find((c) => c && !isComment(c) && !/type|predefined_type/.test(c.type) && c.type !== "type_arguments");
      if (!inner || inner.id === n.id) return n;
      n = inner;
      continue;
    }
    return n;
  }
}

/** Identifiers in a subtree (named `identifier` nodes and shorthand property identifiers). */
export function identifiersIn(node: Node): Node[] {
  const out: Node[] = [];
  if (node.type === "identifier" || node.type === "shorthand_property_identifier") out.push(node);
  for (const c of node.descendantsOfType(["identifier", "shorthand_property_identifier"])) if (c) out.push(c);
  return out;
}

export function mentions(node: Node, name: string): boolean {
  return identifiersIn(node).some((n) => n.text === name);
}

/**
 * An HTTP status expression classified: a number, "5xx" for a name meaning a server error, "4xx"…,
 * or undefined when unknown. `err.status || 500` → 500 (the fallback is what clients see by default).
 */
export function statusClass(node: Node | null | undefined): "5xx" | "4xx" | "2xx" | "other" | undefined {
  if (!node) return undefined;
  const t = node.text.replace(/\s+/g, "");
  const num = /^\d{3}$/.exec(t);
  if (num) return classOf(Number(t));
  // Names: http.StatusInternalServerError, HttpStatus.INTERNAL_SERVER_ERROR, status.HTTP_500_…,
  // StatusCode::BAD_GATEWAY, Status::InternalServerError, Response.Status.SERVICE_UNAVAILABLE, HTTPStatus.INTERNAL_SERVER_ERROR
  const m = /HTTP_(\d{3})/.exec(t);
  if (m) return classOf(Number(m[1]));
  const last = (/([A-Za-z_]+)(?:\(\))?$/.exec(t)?.[1] ?? "").replace(/_/g, "").toLowerCase();
  if (SERVER_ERROR_NAMES.has(last)) return "5xx";
  if (CLIENT_ERROR_NAMES.has(last)) return "4xx";
  if (/^(ok|created|accepted|nocontent)$/.test(last)) return "2xx";
  // A fallback of a dynamic status: `err.status || 500`, `err.statusCode ?? 500`, `getattr(e, "code", 500)`.
  const fallback = /(?:\|\||\?\?|\bor\b|,)\s*(5\d\d)\b/.exec(node.text);
  if (fallback) return "5xx";
  return undefined;
}

function classOf(n: number): "5xx" | "4xx" | "2xx" | "other" {
  if (n >= 500 && n < 600) return "5xx";
  if (n >= 400 && n < 500) return "4xx";
  if (n >= 200 && n < 300) return "2xx";
  return "other";
}

const SERVER_ERROR_NAMES = new Set(
  [
    "statusinternalservererror",
    "internalservererror",
    "statusbadgateway",
    "badgateway",
    "statusserviceunavailable",
    "serviceunavailable",
    "statusgatewaytimeout",
    "gatewaytimeout",
    "statusnotimplemented",
    "notimplemented",
    "servererror",
    "statusinsufficientstorage",
  ].map((s) => s.toLowerCase()),
);
const CLIENT_ERROR_NAMES = new Set([
  "statusbadrequest",
  "badrequest",
  "statusunauthorized",
  "unauthorized",
  "statusforbidden",
  "forbidden",
  "statusnotfound",
  "notfound",
  "statusconflict",
  "conflict",
  "statusunprocessableentity",
  "unprocessableentity",
  "statustoomanyrequests",
  "toomanyrequests",
  "statusgone",
  "gone",
  "statusmethodnotallowed",
  "methodnotallowed",
  "statusnotacceptable",
  "notacceptable",
  "statuspreconditionfailed",
  "preconditionfailed",
  "statusrequestentitytoolarge",
  "payloadtoolarge",
  "unsupportedmediatype",
  "statusunsupportedmediatype",
]);

/** Pick a fresh identifier not used anywhere in `scope` (for binding a caught error). */
export function freshName(scope: Node, candidates: string[] = ["err", "exc", "error", "cause"]): string {
  const used = new Set(identifiersIn(scope).map((n) => n.text));
  for (const c of candidates) if (!used.has(c)) return c;
  for (let i = 2; ; i++) if (!used.has(`err${i}`)) return `err${i}`;
}

/** Minified or bundled JavaScript (`*.min.js`, very long lines): not code anyone reviews by hand. */
export function isMinified(file: { relPath: string; text: string; lineStarts: number[] }): boolean {
  if (/\.min\.[cm]?js$|[.-]bundle\.[cm]?js$/.test(file.relPath)) return true;
  const lines = Math.max(1, file.lineStarts.length);
  return file.text.length / lines > 300 && file.text.length > 5000;
}

/**
 * Wrap per-family detectors so the node types each one reads are fetched in one request: every first
 * request of a type walks the whole tree, a request of several types walks it once for all.
 */
export function withNodes(detectors: Partial<Record<LanguageFamily, Detector>>, types: Partial<Record<LanguageFamily, string[]>>): Partial<Record<LanguageFamily, Detector>> {
  const out: Partial<Record<LanguageFamily, Detector>> = {};
  for (const [family, detect] of Object.entries(detectors) as Array<[LanguageFamily, Detector]>) {
    const list = types[family];
    out[family] = list && list.length > 1 ? (ctx) => (ctx.prefetch(...list), detect(ctx)) : detect;
  }
  return out;
}
