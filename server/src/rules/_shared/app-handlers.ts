// Request handlers per framework, and the functions that only handlers call (same file): the
// "per request" context of connection-per-request and unstructured-logging.
import type { FileContext } from "../../engine/rule";
import type { LanguageFamily, Node } from "../../engine/types";
import { FUNCTION_TYPES, calleeName, callArguments } from "../../languages/common";

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "all", "head", "options", "route", "api_route", "websocket"]);
const cache = new WeakMap<object, Set<Node>>();

function key(n: Node): string {
  return `${n.startIndex}:${n.endIndex}`;
}

function functionName(fn: Node, family: LanguageFamily): string | undefined {
  const name = fn.childForFieldName("name")?.text;
  if (name) return name;
  if (family === "ts") {
    const p = fn.parent;
    if (p?.type === "variable_declarator") return p.childForFieldName("name")?.text;
  }
  return undefined;
}

function decoratorsOf(fn: Node): string[] {
  const out: string[] = [];
  const p = fn.parent;
  if (p?.type === "decorated_definition") for (const c of p.namedChildren) if (c?.type === "decorator") out.push(c.text.replace(/\s+/g, ""));
  // TS/Java keep decorators/annotations as children or preceding siblings.
  for (const c of fn.namedChildren) if (c?.type === "decorator") out.push(c.text.replace(/\s+/g, ""));
  let s = fn.previousNamedSibling;
  while (s && (s.type === "decorator" || s.type === "attribute_item")) {
    out.push(s.text.replace(/\s+/g, ""));
    s = s.previousNamedSibling;
  }
  const mods = fn.namedChildren.find((c) => c?.type === "modifiers");
  if (mods) for (const c of mods.namedChildren) if (c && /annotation/.test(c.type)) out.push(c.text.replace(/\s+/g, ""));
  return out;
}

function isTsRouteCallback(fn: Node, ctx: FileContext): boolean {
  const p = fn.parent;
  if (p?.type === "pair" && /^(handler|preHandler)$/.test(p.childForFieldName("key")?.text ?? "")) return true;
  if (p?.type !== "arguments") return false;
  const call = p.parent;
  const callee = call?.childForFieldName("function");
  if (callee?.type !== "member_expression") return false;
  const method = callee.childForFieldName("property")?.text ?? "";
  if (!HTTP_METHODS.has(method) && method !== "use") return false;
  // The receiver must look like an app or router (`cache.get("k", () => …)` is not a route).
  const owner = callee.childForFieldName("object");
  const ownerName = owner?.type === "member_expression" ? owner.childForFieldName("property")?.text ?? "" : owner?.type === "call_expression" ? "route" : owner?.text ?? "";
  if (!/^(app|router|server|api|fastify|instance|r|route|routes|express|koa|hapi|v\d+|\w*[Rr]outer|\w*[Aa]pp|\w*[Rr]outes|\w*[Aa]pi)$/.test(ownerName)) return false;
  const args = callArguments(call!, "ts");
  const first = args[0];
  const params = fn.childForFieldName("parameters")?.namedChildren.filter(Boolean) ?? [];
  const p0 = params[0]?.text.split(/[:=]/)[0]?.trim() ?? "";
  if (method === "use") return /^(req|request|ctx|context)$/.test(p0);
  void ctx;
  return (!!first && (first.type === "string" || first.type === "template_string")) || /^(req|request|ctx|c)$/.test(p0);
}

/** Is this function a request handler of a known framework? */
export function isHandler(fn: Node, ctx: FileContext): boolean {
  const family = ctx.file.family;
  switch (family) {
    case "ts": {
      if (fn.type === "method_definition") return decoratorsOf(fn).some((d) => /^@(Get|Post|Put|Patch|Delete|All|Head|Options|MessagePattern|EventPattern)\(/.test(d));
      return isTsRouteCallback(fn, ctx);
    }
    case "python": {
      if (fn.type !== "function_definition") return false;
      const decs = decoratorsOf(fn);
      if (decs.some((d) => /^@[\w.]+\.(get|post|put|patch|delete|route|api_route|websocket|head|options)\(/.test(d) || /^@(api_view|action|require_(GET|POST|safe|http_methods)|login_required|permission_required|csrf_exempt)\b/.test(d))) return true;
      const params = fn.childForFieldName("parameters")?.namedChildren ?? [];
      const names = params.map((p) => (p?.type === "identifier" ? p.text : p?.childForFieldName("name")?.text ?? p?.namedChildren[0]?.text ?? ""));
      // Django views: `def view(request, …)` in a views module; class-based view methods.
      if (names[0] === "request" && /(^|\/)views?(\.py$|\/)/.test(ctx.file.relPath)) return true;
      if (names[0] === "self" && names[1] === "request" && /^(get|post|put|patch|delete|list|create|retrieve|update|partial_update|destroy)$/.test(fn.childForFieldName("name")?.text ?? "")) return true;
      return false;
    }
    case "go": {
      const params = fn.childForFieldName("parameters")?.text.replace(/\s+/g, " ") ?? "";
      return /http\.ResponseWriter|\*gin\.Context|echo\.Context|\*fiber\.Ctx|fiber\.Ctx|\*fasthttp\.RequestCtx/.test(params);
    }
    case "rust": {
      if (fn.type !== "function_item") return false;
      if (decoratorsOf(fn).some((d) => /^#\[(actix_web::)?(get|post|put|delete|patch|head|options|route|routes)\(/.test(d))) return true;
      const params = fn.childForFieldName("parameters")?.text.replace(/\s+/g, "") ?? "";
      if (/\b(web::(Data|Json|Path|Query|Form)|HttpRequest)\b/.test(params)) return true;
      if (/\b(State|Json|Query|Form|Extension|Path)\(.*?\):(axum::extract::)?(State|Json|Query|Form|Extension|Path)</.test(params)) return true;
      return referencedAsRoute(fn, ctx);
    }
    case "java":
      return decoratorsOf(fn).some((d) => /^@(Get|Post|Put|Patch|Delete|Request)Mapping\b|^@(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\b/.test(d));
  }
}

function referencedAsRoute(fn: Node, ctx: FileContext): boolean {
  const name = fn.childForFieldName("name")?.text;
  if (!name) return false;
  const re = new RegExp(`\\b(get|post|put|delete|patch|head|options|any|to|route)\\(\\s*(\\w+::)*${name}\\s*\\)|routes!\\[[^\\]]*\\b${name}\\b`);
  return re.test(ctx.file.text);
}

/** Functions that run per request: handlers, and named functions of the file that only they call. */
export function requestFunctions(ctx: FileContext): Set<Node> {
  const hit = cache.get(ctx.file);
  if (hit) return hit;
  const family = ctx.file.family;
  const fns = ctx.nodes(...FUNCTION_TYPES[family]);
  const reached = new Map<string, Node>();
  for (const fn of fns) if (isHandler(fn, ctx)) reached.set(key(fn), fn);
  // FastAPI dependencies (`Depends(get_conn)`) run per request too.
  if (family === "python") {
    const deps = new Set<string>();
    for (const call of ctx.nodes("call")) {
      if (/^(Depends|Security)$/.test(calleeName(call, family))) {
        const a = callArguments(call, family)[0];
        if (a?.type === "identifier") deps.add(a.text);
      }
    }
    for (const fn of fns) if (fn.type === "function_definition" && deps.has(fn.childForFieldName("name")?.text ?? "")) reached.set(key(fn), fn);
  }
  const named = new Map<string, Node[]>();
  for (const fn of fns) {
    const n = functionName(fn, family);
    if (n) named.set(n, [...(named.get(n) ?? []), fn]);
  }
  const calls = ctx.nodes(...(family === "java" ? ["method_invocation"] : family === "rust" ? ["call_expression"] : family === "python" ? ["call"] : ["call_expression"]));
  const sites = new Map<string, Node[]>();
  for (const c of calls) {
    const n = calleeName(c, family);
    if (named.has(n)) sites.set(n, [...(sites.get(n) ?? []), c]);
  }
  const outermost = (n: Node): Node | null => {
    let found: Node | null = null;
    for (let p = n.parent; p; p = p.parent) if (FUNCTION_TYPES[family].includes(p.type) && reached.has(key(p))) return p;
    return found;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, list] of named) {
      const s = sites.get(name);
      if (!s?.length) continue;
      if (list.every((f) => reached.has(key(f)))) continue;
      if (s.every((c) => outermost(c) !== null)) {
        for (const f of list) reached.set(key(f), f);
        changed = true;
      }
    }
  }
  const set = new Set(reached.values());
  cache.set(ctx.file, set);
  return set;
}

/** Is the node inside a handler, or a function that only handlers call (innermost-out)? */
export function inRequestPath(node: Node, ctx: FileContext): boolean {
  const set = requestFunctions(ctx);
  // An ancestor is a request function when one spans the node (a function cannot span a call or
  // statement exactly), compared on offsets rather than by walking .parent (O(depth) per step).
  let spans = spansCache.get(set);
  if (!spans) spansCache.set(set, (spans = [...set].map((f) => [f.startIndex, f.endIndex] as const)));
  const start = node.startIndex;
  const end = node.endIndex;
  for (const [s, e] of spans) if (s <= start && end <= e && (s < start || end < e)) return true;
  return false;
}

const spansCache = new WeakMap<Set<Node>, ReadonlyArray<readonly [number, number]>>();
