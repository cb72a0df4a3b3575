// TS/JS: Express/Fastify `res.status(500).json({ error: err.message })`, `res.send(err)`, `err.stack`;
// NestJS `new InternalServerErrorException(err.message)` / `new HttpException(err.message, 500)`;
// `Response.json(body, { status: 500 })`. A 4xx or unknown status is not a finding.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, FUNCTION_TYPES } from "../../languages/common";
import { handlerBinding, statusClass, unwrapTs, isMinified } from "../_shared/errors";
import { routeLikeCalls } from "../_shared/input-ts";
import { MESSAGE } from "./messages";

const ERR_PARAM = /^(e|err|error|ex|exc|exception|reason)$|(Error|Err)$/;
const BODY_METHODS = new Set(["json", "send", "jsonp", "end", "write"]);
const STATUS_METHODS = new Set(["status", "code", "sendStatus"]);
const NEST_5XX = /^(InternalServerErrorException|BadGatewayException|ServiceUnavailableException|GatewayTimeoutException|NotImplementedException|HttpVersionNotSupportedException)$/;
const RESPONSE_PROPS = /(?:code|json|send|jsonp|end|write)(?![\w$])/y;
const RECEIVERS = /^(res|response|reply|resp|ctx\.res|ctx\.response)$/;

/** Names bound to errors in scope: catch parameters and error-like function parameters. */
function errorNames(node: Node): Set<string> {
  const names = new Set<string>();
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "catch_clause") {
      const b = handlerBinding(n, "ts");
      if (b) names.add(b.text);
    }
    if (FUNCTION_TYPES.ts.includes(n.type)) {
      const params = n.childForFieldName("parameters") ?? n.childForFieldName("parameter");
      const list = params ? (params.type === "identifier" ? [params] : params.namedChildren) : [];
      for (const p of list) {
        const id = p?.type === "identifier" ? p : p?.childForFieldName("pattern");
        if (id?.type === "identifier" && ERR_PARAM.test(id.text)) names.add(id.text);
      }
    }
  }
  return names;
}

/** Does the expression carry an error's message, string form or stack? */
export function exposes(node: Node, names: Set<string>): boolean {
  const v = unwrapTs(node);
  if (v.type === "identifier") return names.has(v.text);
  const isErr = (n: Node | null | undefined) => !!n && unwrapTs(n).type === "identifier" && names.has(unwrapTs(n).text);
  // `guarded` walks up to `v`: asked only of a node that would expose.
  const exposed = (d: Node) => !guarded(d, v);
  for (const d of [v, ...v.descendantsOfType(["member_expression", "call_expression", "template_substitution", "pair", "binary_expression"])]) {
    if (!d) continue;
    if (d.type === "member_expression") {
      const prop = d.childForFieldName("property")?.text;
      if ((prop === "message" || prop === "stack") && isErr(d.childForFieldName("object")) && exposed(d)) return true;
    } else if (d.type === "call_expression") {
      const fn = d.childForFieldName("function");
      const args = callArguments(d, "ts");
      if (fn?.text === "String" && args.some(isErr) && exposed(d)) return true;
      if (fn?.type === "member_expression" && fn.childForFieldName("property")?.text === "toString" && isErr(fn.childForFieldName("object")) && exposed(d)) return true;
    } else if (d.type === "template_substitution") {
      if (d.namedChildren.some((c) => isErr(c)) && exposed(d)) return true;
    } else if (d.type === "pair") {
      if (isErr(d.childForFieldName("value")) && exposed(d)) return true;
    } else if (d.type === "binary_expression" && d.childForFieldName("operator")?.text === "+") {
      if ((isErr(d.childForFieldName("left")) || isErr(d.childForFieldName("right"))) && exposed(d)) return true;
    }
  }
  return false;
}

/** Exposure decided at run time: `err.expose ? err.message : "Internal error"`, `status < 500 ? … : …`, dev-only. */
const GUARD = /\bexpose\b|\bisOperational\b|status(Code)?\s*[<>]=?\s*500|NODE_ENV|isProduction|isDev|\bdebug\b/i;

function guarded(node: Node, top: Node): boolean {
  for (let n: Node | null = node; n && n.id !== top.id; n = n.parent) {
    const p = n.parent;
    if (p?.type === "ternary_expression" && p.childForFieldName("condition")?.id !== n.id && GUARD.test(p.childForFieldName("condition")?.text ?? "")) return true;
  }
  return false;
}

/** Walk a call chain `res.status(500).json(x)` from the outer call inwards: the status call and the root. */
function chain(call: Node): { status?: Node; root?: Node } {
  let n: Node | null = call.childForFieldName("function");
  let status: Node | undefined;
  while (n) {
    if (n.type === "member_expression") n = n.childForFieldName("object");
    else if (n.type === "call_expression") {
      const fn = n.childForFieldName("function");
      const prop = fn?.type === "member_expression" ? fn.childForFieldName("property")?.text : undefined;
      if (prop && STATUS_METHODS.has(prop) && !status) status = callArguments(n, "ts")[0];
      n = fn;
    } else return { status, root: n };
  }
  return { status };
}

/**
 * Text-only necessary condition for `exposes`: the body must name an error binding, and every such
 * binding is a catch parameter of this file or an error-like parameter name. Spares the walk up the
 * scopes (`errorNames`) for the many response bodies that cannot expose anything.
 */
function mayName(ctx: FileContext, body: Node, catchNames: Set<string>): boolean {
  for (const m of ctx.file.text.slice(body.startIndex, body.endIndex).matchAll(/[A-Za-z_$][\w$]*/g)) {
    if (catchNames.has(m[0]) || ERR_PARAM.test(m[0])) return true;
  }
  return false;
}

export function ts(ctx: FileContext): void {
  if (isMinified(ctx.file)) return;
  koa(ctx);
  const catchNames = new Set<string>();
  for (const c of ctx.nodes("catch_clause")) {
    const b = handlerBinding(c, "ts");
    if (b) catchNames.add(b.text);
  }
  const exposesHere = (body: Node | undefined, at: Node) => !!body && mayName(ctx, body, catchNames) && exposes(body, errorNames(at));
  // Every call case below is `x.<method>(…)` with one of these methods, or a `new`: candidates come from
  // the property names (read on the file text), not from every call of the file.
  const candidates = [...routeLikeCalls(ctx, RESPONSE_PROPS), ...ctx.nodes("new_expression")];
  if (candidates.length > 1) {
    const end = new Map(candidates.map((c) => [c.id, c.endIndex]));
    candidates.sort((a, b) => a.startIndex - b.startIndex || end.get(b.id)! - end.get(a.id)!);
  }
  for (const call of candidates) {
    if (call.type === "new_expression") {
      const ctor = call.childForFieldName("constructor")?.text ?? "";
      if (!NEST_5XX.test(ctor) && ctor !== "HttpException" && ctor !== "Response") continue;
      const args = callArguments(call, "ts");
      let body: Node | undefined;
      if (NEST_5XX.test(ctor)) body = args[0];
      else if (ctor === "HttpException" && statusClass(args[1]) === "5xx") body = args[0];
      else if (ctor === "Response" && statusInOptions(args[1]) === "5xx") body = args[0];
      if (exposesHere(body, call)) ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    const fn = call.childForFieldName("function");
    if (fn?.type !== "member_expression") continue;
    const method = fn.childForFieldName("property")?.text ?? "";
    // Every case below is one of these methods: arguments are read only then.
    if (method !== "code" && method !== "json" && !BODY_METHODS.has(method)) continue;
    const args = callArguments(call, "ts");
    // hapi: h.response(body).code(500)
    if (method === "code" && args.length === 1) {
      const inner = fn.childForFieldName("object");
      const innerFn = inner?.type === "call_expression" ? inner.childForFieldName("function") : null;
      if (innerFn?.type === "member_expression" && innerFn.childForFieldName("property")?.text === "response" && inner) {
        const body = callArguments(inner, "ts")[0];
        if (statusClass(args[0]) === "5xx" && exposesHere(body, call)) ctx.report({ node: call, message: MESSAGE });
        continue;
      }
    }
    // `NextResponse.json(body, { status: 500 })`, `Response.json(...)`, Hono `c.json(body, 500)`.
    if (method === "json" && args.length >= 2) {
      const cls = statusInOptions(args[1]) ?? statusClass(args[1]);
      if (cls === "5xx" && exposesHere(args[0], call)) ctx.report({ node: call, message: MESSAGE });
      if (cls) continue;
    }
    if (!BODY_METHODS.has(method) || args.length !== 1) continue;
    // Only the outermost body call of a chain.
    const { status, root } = chain(call);
    if (status) {
      if (statusClass(status) !== "5xx") continue;
    } else {
      // Default status: only on a response object.
      const receiver = fn.childForFieldName("object")?.text.replace(/\s+/g, "") ?? "";
      if (!RECEIVERS.test(receiver)) continue;
      if (method === "end" || method === "write") continue;
    }
    void root;
    if (exposesHere(args[0], call)) ctx.report({ node: call, message: MESSAGE });
  }
}

const KOA_BODY = /(?:ctx|context|c)\s*\.\s*body(?![\w$])/y;

/** Koa: `ctx.body = { error: err.message }` after `ctx.status = 500` (or with the default status) in the same block. */
function koa(ctx: FileContext): void {
  const text = ctx.file.text;
  for (const asg of ctx.nodes("assignment_expression")) {
    // `ctx.body =` / `context.body =` / `c.body =` starts the assignment: checked on the text first.
    KOA_BODY.lastIndex = asg.startIndex;
    if (!KOA_BODY.test(text)) continue;
    const left = asg.childForFieldName("left");
    if (left?.type !== "member_expression" || left.childForFieldName("property")?.text !== "body") continue;
    const owner = left.childForFieldName("object")?.text ?? "";
    if (!/^(ctx|context|c)$/.test(owner)) continue;
    const right = asg.childForFieldName("right");
    const names = errorNames(asg);
    if (!right || names.size === 0 || !exposes(right, names)) continue;
    let status: Node | null | undefined;
    const stmt = asg.parent;
    for (let s = stmt?.previousNamedSibling ?? null; s; s = s.previousNamedSibling) {
      const a = s.type === "expression_statement" ? s.namedChildren[0] : null;
      const l = a?.type === "assignment_expression" ? a.childForFieldName("left") : null;
      if (l?.type === "member_expression" && l.childForFieldName("object")?.text === owner && l.childForFieldName("property")?.text === "status") {
        status = a!.childForFieldName("right");
        break;
      }
    }
    const cls = status ? statusClass(status) : "5xx";
    if (cls === "5xx") ctx.report({ node: asg, message: MESSAGE });
  }
}

function statusInOptions(node: Node | undefined): ReturnType<typeof statusClass> {
  if (!node || unwrapTs(node).type !== "object") return undefined;
  for (const p of unwrapTs(node).namedChildren) {
    if (p?.type === "pair" && p.childForFieldName("key")?.text === "status") return statusClass(p.childForFieldName("value"));
  }
  return undefined;
}
