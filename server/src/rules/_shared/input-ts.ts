// TS/JS helpers for the input rules: Express/Fastify route registrations with their handler,
// middleware and options, and NestJS parameter decorators.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { FUNCTION_TYPES, stringValue } from "../../languages/common";
import { descendants, namedChildren, perTree } from "./input-common";

export interface TsRoute {
  call: Node;
  method: string;
  handler: Node;
  /** Arguments between the path and the handler (middleware), and the options object (Fastify). */
  middleware: Node[];
  options: Node | null;
  /** Fastify: options come from `app.route({...})` or a route options object. */
  fastify: boolean;
}

const METHODS = /^(get|post|put|patch|delete|all|head|options)$/;

function isFunction(n: Node | null | undefined): boolean {
  return !!n && FUNCTION_TYPES.ts.includes(n.type);
}

/** Resolve an identifier to a function declared in the file (`function h(req, res)` / `const h = (req, res) => …`). */
export function resolveFunction(ctx: FileContext, id: Node): Node | null {
  if (isFunction(id)) return id;
  if (id.type !== "identifier") return null;
  return functionsByName(ctx).get(id.text) ?? null;
}

/** Name → the first function declaration of that name, else the first `const name = <function>` (once per file). */
function functionsByName(ctx: FileContext): Map<string, Node> {
  return perTree(ctx, "ts-functions-by-name", () => {
    const out = new Map<string, Node>();
    for (const f of ctx.nodes("function_declaration")) {
      const name = f.childForFieldName("name")?.text;
      if (name !== undefined && !out.has(name)) out.set(name, f);
    }
    const decls = new Map<string, Node>();
    for (const d of ctx.nodes("variable_declarator")) {
      const name = d.childForFieldName("name")?.text;
      if (name === undefined || out.has(name) || decls.has(name)) continue;
      const v = d.childForFieldName("value");
      if (v && isFunction(v)) decls.set(name, v);
    }
    for (const [k, v] of decls) out.set(k, v);
    return out;
  });
}

/** Name → the first variable declarator of that name (once per file). */
function declaratorsByName(ctx: FileContext): Map<string, Node> {
  return perTree(ctx, "ts-declarators-by-name", () => {
    const out = new Map<string, Node>();
    for (const d of ctx.nodes("variable_declarator")) {
      const name = d.childForFieldName("name")?.text;
      if (name !== undefined && !out.has(name)) out.set(name, d);
    }
    return out;
  });
}

/** Resolve an identifier to an object literal declared in the file. */
export function resolveObject(ctx: FileContext, n: Node | null | undefined): Node | null {
  if (!n) return null;
  if (n.type === "object") return n;
  if (n.type === "as_expression" || n.type === "satisfies_expression" || n.type === "parenthesized_expression") return resolveObject(ctx, n.namedChildren[0]);
  if (n.type !== "identifier") return null;
  const d = declaratorsByName(ctx).get(n.text);
  return d ? resolveObject(ctx, d.childForFieldName("value")) : null;
}

/** The value node of `key` in an object literal. */
export function objectProp(obj: Node | null, key: string): Node | null {
  if (!obj) return null;
  for (const p of namedChildren(obj)) {
    if (p.type === "pair") {
      const k = p.childForFieldName("key");
      const name = k ? (stringValue(k, "ts") ?? k.text) : "";
      if (name === key) return p.childForFieldName("value");
    } else if (p.type === "shorthand_property_identifier" && p.text === key) return p;
  }
  return null;
}

export function fileUsesFastify(ctx: FileContext): boolean {
  return /from\s+["']fastify["']|require\(["']fastify["']\)|FastifyInstance|FastifyRequest/.test(ctx.file.text);
}

/** Route registrations of the file (computed once per parse: both input rules ask for them). */
export function tsRoutes(ctx: FileContext): TsRoute[] {
  return perTree(ctx, "ts-routes", () => computeTsRoutes(ctx));
}

/**
 * Calls `x.<prop>(…)` whose property `props` (a sticky regex) matches, in document order: `x.get(` /
 * `x.route(`… The property name is read from the file text at the property's start (free), so other
 * calls are never touched.
 */
export function routeLikeCalls(ctx: FileContext, props: RegExp): Node[] {
  const text = ctx.file.text;
  const calls: Node[] = [];
  for (const p of ctx.nodes("property_identifier")) {
    props.lastIndex = p.startIndex;
    if (!props.test(text)) continue;
    const member = p.parent;
    if (member?.type !== "member_expression") continue;
    const call = member.parent;
    if (call?.type !== "call_expression" || call.childForFieldName("function")?.id !== member.id) continue;
    calls.push(call);
  }
  // Document order, as ctx.nodes("call_expression") gives it: a call before the calls it contains.
  if (calls.length > 1) {
    const end = new Map(calls.map((c) => [c.id, c.endIndex]));
    calls.sort((a, b) => a.startIndex - b.startIndex || end.get(b.id)! - end.get(a.id)!);
  }
  return calls;
}

const ROUTE_PROPS = /(?:get|post|put|patch|delete|all|head|options|route)(?![\w$])/y;
const METHOD_PROPS = /(?:get|post|put|patch|delete|all|head|options)(?![\w$])/y;

function computeTsRoutes(ctx: FileContext): TsRoute[] {
  const out: TsRoute[] = [];
  const fastifyFile = fileUsesFastify(ctx);
  for (const call of routeLikeCalls(ctx, ROUTE_PROPS)) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "member_expression") continue;
    const prop = fn.childForFieldName("property")?.text ?? "";
    if (prop !== "route" && !METHODS.test(prop)) continue;
    const args = namedChildren(call.childForFieldName("arguments")).filter((a) => a.type !== "comment");
    if (prop === "route" && fastifyFile && args.length === 1 && args[0]!.type === "object") {
      const opts = args[0]!;
      const h = objectProp(opts, "handler");
      const handler = h ? resolveFunction(ctx, h) : null;
      const m = objectProp(opts, "method");
      if (handler) out.push({ call, method: (m ? (stringValue(m, "ts") ?? m.text) : "GET").toUpperCase(), handler, middleware: [], options: opts, fastify: true });
      continue;
    }
    if (!METHODS.test(prop)) continue;
    // `router.route("/x").post(h)` has no path argument; otherwise the first argument is the path.
    const chained = fn.childForFieldName("object")?.type === "call_expression" && /\.route$/.test(fn.childForFieldName("object")?.childForFieldName("function")?.text ?? "");
    const rest = chained ? args : args.slice(1);
    if (!chained && (!args[0] || !(args[0].type === "string" || args[0].type === "template_string" || args[0].type === "regex" || args[0].type === "array"))) continue;
    if (!rest.length) continue;
    const last = rest[rest.length - 1]!;
    const handler = resolveFunction(ctx, last);
    if (!handler) continue;
    const middle = rest.slice(0, -1);
    const options = middle.find((m) => m.type === "object") ?? null;
    const fastify = fastifyFile || !!options || firstParamName(handler) === "request";
    out.push({ call, method: prop.toUpperCase(), handler, middleware: middle.filter((m) => m.type !== "object"), options, fastify });
  }
  return out;
}

export function firstParamName(fn: Node): string | undefined {
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  if (!params) return undefined;
  if (params.type === "identifier") return params.text;
  const p = namedChildren(params)[0];
  const pat = p?.childForFieldName("pattern") ?? p;
  return pat?.type === "identifier" ? pat.text : undefined;
}

/** The handler's name for facts: the declared name, or `<method> <path>` for inline handlers. */
export function handlerName(route: TsRoute): string {
  const h = route.handler;
  const own = h.childForFieldName("name")?.text;
  if (own) return own;
  if (h.parent?.type === "variable_declarator") return h.parent.childForFieldName("name")?.text ?? "";
  const path = namedChildren(route.call.childForFieldName("arguments"))[0];
  return `${route.method} ${path ? (stringValue(path, "ts") ?? path.text) : ""}`;
}

/** Member reads `<obj>.<prop>` inside `scope` (`req.body`, `request.query`). */
export function memberReads(scope: Node, obj: string, prop: string): Node[] {
  // From the scope's text first: the object's name must appear, and the property's (or an escape).
  const text = scope.text;
  if (!text.includes(obj) || (!text.includes(prop) && !text.includes("\\"))) return [];
  const base = scope.startIndex;
  return descendants(scope, "member_expression", "subscript_expression").filter((m) => {
    // The object starts the read: `obj` must be at the read's start, not followed by a name character.
    const at = m.startIndex - base;
    if (!text.startsWith(obj, at) || /[\w$]/.test(text[at + obj.length] ?? "")) return false;
    const o = m.childForFieldName("object");
    if (o?.text !== obj) return false;
    if (m.type === "member_expression") return m.childForFieldName("property")?.text === prop;
    const idx = m.childForFieldName("index");
    return !!idx && stringValue(idx, "ts") === prop;
  });
}

/** Decorator name of a NestJS parameter / field decorator (`@Body()`, `@Query("take")`). */
export function decoratorName(d: Node): string {
  const e = d.namedChildren[0];
  if (e?.type === "call_expression") return e.childForFieldName("function")?.text ?? "";
  return e?.text ?? "";
}

export function decorators(n: Node): Node[] {
  return namedChildren(n).filter((c) => c.type === "decorator");
}

export interface TsRouteRef {
  call: Node;
  /** The last name of the handler expression: `create` of `usersController.create`, `asyncHandler(createUser)`. */
  name: string;
  middleware: Node[];
  options: Node | null;
  fastify: boolean;
}

/** Route registrations whose handler is declared in another file (`router.post("/", validate(s), users.create)`). */
export function tsRouteRefs(ctx: FileContext): TsRouteRef[] {
  const out: TsRouteRef[] = [];
  const fastifyFile = fileUsesFastify(ctx);
  for (const call of routeLikeCalls(ctx, METHOD_PROPS)) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "member_expression" || !METHODS.test(fn.childForFieldName("property")?.text ?? "")) continue;
    const args = namedChildren(call.childForFieldName("arguments")).filter((a) => a.type !== "comment");
    const chained = fn.childForFieldName("object")?.type === "call_expression" && /\.route$/.test(fn.childForFieldName("object")?.childForFieldName("function")?.text ?? "");
    if (!chained && (!args[0] || !(args[0].type === "string" || args[0].type === "template_string"))) continue;
    const rest = chained ? args : args.slice(1);
    const last = rest[rest.length - 1];
    if (!last || resolveFunction(ctx, last) || isFunction(last)) continue;
    // Unwrap `asyncHandler(x)` / `catchAsync(ctrl.create)`.
    let h: Node = last;
    while (h.type === "call_expression") {
      const inner = namedChildren(h.childForFieldName("arguments"))[0];
      if (!inner) break;
      h = inner;
    }
    const m = /([A-Za-z_$][\w$]*)$/.exec(h.type === "member_expression" ? (h.childForFieldName("property")?.text ?? "") : h.type === "identifier" ? h.text : "");
    if (!m) continue;
    const middle = rest.slice(0, -1);
    const options = middle.find((x) => x.type === "object") ?? null;
    out.push({ call, name: m[1]!, middleware: middle.filter((x) => x.type !== "object"), options, fastify: fastifyFile || !!options });
  }
  return out;
}

/** Functions shaped like request handlers (`(req: Request, res: Response)`, `(request, reply)`), with their names. */
export function handlerLikeFunctions(ctx: FileContext): Array<{ fn: Node; name: string; req: string }> {
  const out: Array<{ fn: Node; name: string; req: string }> = [];
  for (const fn of ctx.nodes(...FUNCTION_TYPES.ts)) {
    const params = namedChildren(fn.childForFieldName("parameters"));
    if (params.length < 2) continue;
    const first = params[0]!;
    const second = params[1]!;
    const p1 = (first.childForFieldName("pattern") ?? first).text;
    const p2 = (second.childForFieldName("pattern") ?? second).text;
    const t1 = first.childForFieldName("type")?.text ?? "";
    if (!(/^(req|request)$/.test(p1) || /\bRequest\b/.test(t1)) || !/^(res|response|reply)$/.test(p2)) continue;
    let name = fn.childForFieldName("name")?.text;
    if (!name && fn.parent?.type === "variable_declarator") name = fn.parent.childForFieldName("name")?.text;
    if (!name && fn.parent?.type === "pair") name = fn.parent.childForFieldName("key")?.text;
    if (name) out.push({ fn, name, req: p1 });
  }
  return out;
}
