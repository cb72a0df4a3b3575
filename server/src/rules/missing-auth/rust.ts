// Route-inventory facts for Axum, Actix-web and Rocket.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, stringValue } from "../../languages/common";
import { PAGE_SIZE_RE, RouteFacts } from "../_shared/routes-emit";
import { middlewareNames, readsAuth } from "../_shared/routes-model";
import { chainCalls, methodNameNode } from "../_shared/syntax";

const ATTR_METHODS: Record<string, string> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE", head: "HEAD", options: "OPTIONS" };
/** Extractors that carry request input, never auth (their inner type is not looked at). */
const INPUT_EXTRACTORS = /^(web::)?(Json|Form|Query|Path|State|Data|Bytes|String|Payload|HttpRequest|Request|Multipart|Host|ConnectInfo|Extension<\s*(PgPool|Pool|AppState)|&State|&\s*State|MatchedPath|OriginalUri|Method|HeaderMap|Uri|Version)\b/;

function lastSeg(t: string): string {
  return t.replace(/\s+/g, "").split("::").pop()!;
}

/** Types of a function's parameters that may be auth extractors/guards (wrappers unwrapped). */
function guardTypes(fn: Node): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName("parameters")?.namedChildren ?? []) {
    if (p?.type !== "parameter") continue;
    let t = p.childForFieldName("type")?.text.replace(/\s+/g, "") ?? "";
    t = t.replace(/^&('\w+)?/, "");
    if (!t || INPUT_EXTRACTORS.test(t) || /^Option</.test(t)) continue;
    const m = /^(?:[\w:]*::)?(Extension|TypedHeader|ReqData|web::ReqData|Auth|Authenticated)<(.+)>$/.exec(t);
    out.push(m ? m[2]!.replace(/<.*$/, "") : t.replace(/<.*$/, ""));
    if (/Authorization|Bearer/.test(t)) out.push("TypedHeader<Authorization>");
  }
  return out.map(lastSeg);
}

/** The module path of a file (`src/routes/users.rs` → `routes::users`; main.rs/lib.rs → ""). */
function modulePath(rel: string): string {
  const p = rel.replace(/^(.*\/)?src\//, "").replace(/\.rs$/, "").replace(/(^|\/)mod$/, "").replace(/^(main|lib)$/, "");
  return p.split("/").filter(Boolean).join("::");
}

/** The key of a function referenced by a path (`users::routes`, `crate::a::b`, `super::x`, `f`) from module `mod`. */
function fnKey(kind: "f" | "p", mod: string, path: string): string {
  const segs = path.replace(/\s+/g, "").replace(/<.*$/, "").split("::").filter(Boolean);
  const name = segs.pop() ?? "";
  let base = mod ? mod.split("::") : [];
  if (segs[0] === "crate") {
    base = [];
    segs.shift();
  }
  while (segs[0] === "super") {
    base = base.slice(0, -1);
    segs.shift();
  }
  if (segs[0] === "self") segs.shift();
  return `${kind}:${[...base, ...segs].join("::")}#${name}`;
}

export function rust(ctx: FileContext): void {
  const facts = new RouteFacts(ctx);
  const mod = modulePath(facts.rel);
  const fns = new Map<string, Node>();
  const text = ctx.file.text;
  const structs = new Map<string, RegExpExecArray | null>();
  for (const f of ctx.nodes("function_item")) {
    const name = f.childForFieldName("name")?.text;
    if (!name) continue;
    fns.set(name, f);
    const body = f.childForFieldName("body");
    if (body && readsAuth(body.text)) facts.authCode(f, name);
    facts.dep(f, fnKey("f", mod, name), guardTypes(f));
    const flags = inputFlags(f, ctx.file.text, structs);
    if (flags.validated !== null || flags.paginationBounded !== null) facts.input(f, name, flags.validated, flags.paginationBounded);
  }
  // impl FromRequest(Parts) for X whose code authenticates: X is an auth guard/extractor
  for (const impl of ctx.nodes("impl_item")) {
    const trait = impl.childForFieldName("trait")?.text ?? "";
    if (!/FromRequest(Parts)?\b/.test(trait)) continue;
    const type = impl.childForFieldName("type")?.text;
    if (type && readsAuth(impl.childForFieldName("body")?.text ?? "")) facts.authCode(impl, lastSeg(type.replace(/<.*$/, "")));
  }

  // attribute routes (Actix, Rocket): #[post("/x")] async fn f(...)
  for (const attr of ctx.nodes("attribute_item")) {
    const a = attr.namedChildren.find((c) => c?.type === "attribute");
    const name = a?.namedChildren[0]?.text.replace(/^(actix_web|rocket)::/, "") ?? "";
    const method = ATTR_METHODS[name];
    if (!method && name !== "route") continue;
    const tt = a?.childForFieldName("arguments");
    const path = stringValue(tt?.namedChildren.find((c) => c?.type === "string_literal"), "rust");
    if (path === undefined) continue;
    let fn: Node | null = attr.nextNamedSibling;
    while (fn && (fn.type === "attribute_item" || fn.type === "line_comment" || fn.type === "block_comment")) fn = fn.nextNamedSibling;
    if (fn?.type !== "function_item") continue;
    const fname = fn.childForFieldName("name")?.text ?? "";
    const methods = method ? [method] : [...(tt?.text.matchAll(/method\s*=\s*"(\w+)"/g) ?? [])].map((m) => m[1]!.toUpperCase());
    for (const m of methods) {
      facts.route(attr, { fw: /rocket/.test(ctx.file.text) && !/actix/.test(ctx.file.text) ? "rocket" : "actix-web", method: m, path: path.replace(/\?.*$/, ""), handler: fname, owner: fnKey("f", mod, fname), mw: [`annot:${fnKey("f", mod, fname)}`], order: attr.startIndex });
    }
  }

  // fn routes() -> Vec<Route> { routes![a, b] }: a list of Rocket routes mounted elsewhere
  for (const m of text.includes("routes") ? ctx.nodes("macro_invocation") : []) {
    if (m.childForFieldName("macro")?.text !== "routes") continue;
    const fn = ancestorFn(m);
    const fname = fn?.childForFieldName("name")?.text;
    if (!fn || !fname || !/Vec\s*<\s*(rocket::)?Route\s*>/.test(fn.childForFieldName("return_type")?.text ?? "")) continue;
    for (const x of m.text.replace(/^routes!\s*[[(]/, "").matchAll(/([\w:]+)/g)) {
      facts.mount(m, { parent: fnKey("f", mod, fname), childKey: fnKey("f", mod, x[1]!), prefix: "", mw: [], order: m.startIndex });
    }
  }

  // builder chains: Router::new()... (Axum), App::new()/web::scope(..)... (Actix), rocket::build()... (Rocket)
  // A chain's root callee is one of these (its text, less whitespace, is the file's), or the chain
  // hangs off a ServiceConfig parameter: otherwise no call is looked at (each needs parent walks).
  const builders = /Router\s*::\s*new|App\s*::\s*new|\bscope\b|\bresource\b|rocket\s*::\s*(build|custom)|ServiceConfig/.test(text);
  for (const call of builders ? ctx.nodes("call_expression") : []) {
    const p = call.parent;
    // only chain tops
    if (p?.type === "field_expression" && p.parent?.type === "call_expression") continue;
    const chain = chainCalls(call, "rust").reverse();
    const root = chain[0];
    if (!root) continue;
    const rootCallee = calleeText(root, "rust");
    let kind: "axum" | "actix" | "rocket" | undefined;
    if (/(^|::)Router::new$/.test(rootCallee)) kind = "axum";
    else if (/(^|::)App::new$/.test(rootCallee) || /(^|::)web::scope$|^scope$/.test(rootCallee) || /(^|::)web::resource$/.test(rootCallee)) kind = "actix";
    else if (/(^|::)rocket::(build|custom)$/.test(rootCallee)) kind = "rocket";
    let owner: string | undefined;
    if (!kind) {
      // fn config(cfg: &mut web::ServiceConfig) { cfg.service(...).route(...) }
      const recv = root.childForFieldName("function")?.childForFieldName("value");
      const fn = recv?.type === "identifier" ? ancestorFn(root) : undefined;
      const param = fn?.childForFieldName("parameters")?.namedChildren.find((p) => p?.type === "parameter" && p.childForFieldName("pattern")?.text === recv!.text);
      if (!fn || !param || !/ServiceConfig/.test(param.childForFieldName("type")?.text ?? "")) continue;
      kind = "actix";
      owner = fnKey("p", mod, fn.childForFieldName("name")?.text ?? "");
      chain.unshift(root);
    }
    owner = owner ?? chainOwner(call);
    let prefix = "";
    if (/scope$|resource$/.test(rootCallee)) prefix = stringValue(callArguments(root, "rust")[0], "rust") ?? "";
    if (prefix) facts.router(root, { key: owner, prefix: /resource$/.test(rootCallee) ? "" : prefix, mw: [] });
    for (const c of chain.slice(1)) {
      const nameNode = methodNameNode(c, "rust");
      const meth = nameNode?.text ?? "";
      const args = callArguments(c, "rust");
      if (kind === "axum" && (meth === "route" || meth === "route_service")) {
        const path = stringValue(args[0], "rust");
        if (path === undefined || !args[1]) continue;
        for (const r of methodRouter(args[1])) facts.route(nameNode ?? c, { fw: "axum", method: r.method, path, handler: r.handler, owner, mw: [...r.mw, `annot:${fnKey("f", mod, r.handler)}`], order: c.endIndex });
      } else if (kind === "axum" && (meth === "layer" || meth === "route_layer")) {
        facts.use(c, { target: owner, mw: args.flatMap((x) => middlewareNames(x.text)), order: c.endIndex, scope: "before" });
      } else if (kind === "axum" && (meth === "nest" || meth === "merge" || meth === "nest_service")) {
        const child = meth === "merge" ? args[0] : args[1];
        const prefixArg = meth === "merge" ? "" : (stringValue(args[0], "rust") ?? "");
        if (child) mountChild(c, owner, child, prefixArg);
      } else if (kind === "actix" && meth === "wrap") {
        facts.use(c, { target: owner, mw: args.flatMap((x) => middlewareNames(x.text)), order: c.endIndex, scope: "all" });
      } else if (kind === "actix" && meth === "service" && args[0]) {
        mountChild(c, owner, args[0], "");
      } else if (kind === "actix" && meth === "configure" && args[0]) {
        facts.mount(c, { parent: owner, childKey: fnKey("p", mod, args[0].text), prefix: "", mw: [], order: c.endIndex });
      } else if (kind === "actix" && meth === "route") {
        // .route("/x", web::post().to(h)) on App/scope; .route(web::post().to(h)) on a resource
        const path = args.length >= 2 ? (stringValue(args[0], "rust") ?? "") : "";
        const target = args[args.length - 1];
        if (!target) continue;
        const r = actixRoute(target);
        if (r) facts.route(nameNode ?? c, { fw: "actix-web", method: r.method, path: /resource$/.test(rootCallee) ? joinResource(stringValue(callArguments(root, "rust")[0], "rust") ?? "", path) : path, handler: r.handler, owner, mw: [...r.mw, `annot:${fnKey("f", mod, r.handler)}`], order: c.endIndex });
      } else if (kind === "rocket" && meth === "mount") {
        const base = stringValue(args[0], "rust") ?? "";
        const list = args[1];
        if (!list) continue;
        if (list.type === "call_expression") {
          // .mount("/api", api::routes()) where fn routes() -> Vec<Route> { routes![...] }
          facts.mount(c, { parent: owner, childKey: fnKey("f", mod, calleeText(list, "rust")), prefix: base, mw: [], order: c.endIndex });
          continue;
        }
        for (const m of list.text.matchAll(/([\w:]+)/g)) {
          if (m[1] === "routes") continue;
          facts.mount(c, { parent: owner, childKey: fnKey("f", mod, m[1]!), prefix: base, mw: [], order: c.endIndex });
        }
      }
    }
  }

  /** Owner key of a builder chain: the function it is the tail of, or the variable it is bound to. */
  function chainOwner(top: Node): string {
    let n: Node = top;
    while (n.parent && (n.parent.type === "try_expression" || n.parent.type === "await_expression" || n.parent.type === "parenthesized_expression")) n = n.parent;
    const p = n.parent;
    if (p?.type === "let_declaration") return facts.varKey(p.childForFieldName("pattern")?.text.replace(/^mut\s+/, "") ?? `chain@${top.startIndex}`);
    if (p?.type === "block" || p?.type === "return_expression" || p?.type === "expression_statement") {
      const fn = p.type === "return_expression" ? ancestorFn(p) : p.type === "block" && p.parent?.type === "function_item" ? p.parent : undefined;
      const name = fn?.childForFieldName("name")?.text;
      if (name) return fnKey("f", mod, name);
    }
    return `v:${facts.rel}:chain@${top.startIndex}`;
  }

  function mountChild(at: Node, parent: string, child: Node, prefix: string): void {
    if (child.type === "call_expression") {
      const callee = calleeText(child, "rust");
      const inner = chainCalls(child, "rust");
      const root = inner[inner.length - 1];
      const rc = root ? calleeText(root, "rust") : "";
      if (/(^|::)(Router::new|web::scope|web::resource|scope|resource)$/.test(rc)) {
        facts.mount(at, { parent, childKey: chainOwner(child), prefix, mw: [], order: at.endIndex });
        return;
      }
      facts.mount(at, { parent, childKey: fnKey("f", mod, callee), prefix, mw: [], order: at.endIndex });
      return;
    }
    facts.mount(at, { parent, childKey: fnKey("f", mod, child.text), prefix, mw: [], order: at.endIndex });
  }
}

function ancestorFn(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === "function_item" || p.type === "closure_expression") return p.type === "function_item" ? p : undefined;
  return undefined;
}

function joinResource(a: string, b: string): string {
  return (a + (b ? "/" + b.replace(/^\//, "") : "")).replace(/\/+/g, "/");
}

/** `post(h)`, `get(a).post(b)`, `post(h).layer(x)`, `on(MethodFilter::POST, h)` → routes. */
function methodRouter(n: Node): Array<{ method: string; handler: string; mw: string[] }> {
  const out: Array<{ method: string; handler: string; mw: string[] }> = [];
  const mw: string[] = [];
  const calls = n.type === "call_expression" ? chainCalls(n, "rust") : [];
  for (const c of calls) {
    const name = methodNameNode(c, "rust")?.text ?? "";
    const args = callArguments(c, "rust");
    if (name === "layer" || name === "route_layer") mw.push(...args.flatMap((a) => middlewareNames(a.text)));
    else if (ATTR_METHODS[name] && args[0]) out.push({ method: ATTR_METHODS[name]!, handler: args[0].text.replace(/\s+/g, ""), mw });
    else if (name === "any" && args[0]) out.push({ method: "ANY", handler: args[0].text.replace(/\s+/g, ""), mw });
    else if (name === "on" && args[1]) {
      const m = /MethodFilter::(\w+)/.exec(args[0]?.text ?? "");
      if (m) out.push({ method: m[1]!, handler: args[1].text.replace(/\s+/g, ""), mw });
    }
  }
  return out;
}

/** `web::post().to(h)` (optionally `.wrap(x)`) → route. */
function actixRoute(n: Node): { method: string; handler: string; mw: string[] } | undefined {
  if (n.type !== "call_expression") return undefined;
  const calls = chainCalls(n, "rust");
  let method: string | undefined;
  let handler: string | undefined;
  const mw: string[] = [];
  for (const c of calls) {
    const callee = calleeText(c, "rust");
    const name = methodNameNode(c, "rust")?.text ?? "";
    const args = callArguments(c, "rust");
    if (name === "to" && args[0]) handler = args[0].text.replace(/\s+/g, "");
    else if (name === "wrap") mw.push(...args.flatMap((a) => middlewareNames(a.text)));
    else if (/(^|::)web::(get|post|put|patch|delete|head)$/.test(callee)) method = callee.split("::").pop()!.toUpperCase();
    else if (/(^|::)web::method$/.test(callee)) method = /Method::(\w+)/.exec(args[0]?.text ?? "")?.[1];
  }
  return method && handler ? { method, handler, mw } : undefined;
}

function inputFlags(fn: Node, file: string, structs: Map<string, RegExpExecArray | null>): { validated: boolean | null; paginationBounded: boolean | null } {
  const params = fn.childForFieldName("parameters")?.text ?? "";
  let validated: boolean | null = null;
  const json = /(?:web::)?(Json|Form)<\s*([\w:]+)/.exec(params);
  if (json) validated = !/^(serde_json::)?Value$|^HashMap$|^BTreeMap$/.test(json[2]!);
  let paginationBounded: boolean | null = null;
  const q = /(?:web::)?Query<\s*(\w+)\s*>/.exec(params);
  if (q) {
    let decl = structs.get(q[1]!);
    if (decl === undefined) structs.set(q[1]!, (decl = new RegExp(`struct\\s+${q[1]}\\s*\\{([^}]*)\\}`).exec(file)));
    const field = decl ? [...decl[1]!.matchAll(/(\w+)\s*:/g)].map((m) => m[1]!).find((f) => PAGE_SIZE_RE.test(f)) : undefined;
    if (field) {
      const body = fn.childForFieldName("body")?.text ?? "";
      paginationBounded = new RegExp(`\\.${field}[\\s\\S]{0,80}?\\.(min|clamp)\\(`).test(body);
    }
  }
  for (const p of fn.childForFieldName("parameters")?.namedChildren ?? []) {
    const name = p?.childForFieldName("pattern")?.text;
    if (p?.type === "parameter" && name && PAGE_SIZE_RE.test(name) && /^Option<\s*(i|u)\d+/.test(p.childForFieldName("type")?.text ?? "")) {
      paginationBounded = new RegExp(`\\b${name}\\b[\\s\\S]{0,80}?\\.(min|clamp)\\(`).test(fn.childForFieldName("body")?.text ?? "");
    }
  }
  return { validated, paginationBounded };
}
