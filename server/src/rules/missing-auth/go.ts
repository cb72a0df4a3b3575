// Route-inventory facts for Gin, Echo, net/http (Go 1.22 patterns), chi and gorilla/mux.
import { posix } from "node:path";
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, stringValue } from "../../languages/common";
import { within } from "../_shared/app-nodes";
import { INLINE_AUTH, PAGE_SIZE_RE, RouteFacts } from "../_shared/routes-emit";
import { middlewareNames, readsAuth } from "../_shared/routes-model";

const FACTORIES = /^(gin\.(Default|New)|echo\.New|http\.NewServeMux|chi\.NewRouter|chi\.NewMux|mux\.NewRouter)$/;
const ROUTER_TYPES = /\b(gin\.(Engine|RouterGroup|IRouter|IRoutes)|echo\.(Echo|Group)|http\.ServeMux|chi\.(Router|Mux)|mux\.Router)\b/;
const GIN_ECHO_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Any"]);
const CHI_METHODS: Record<string, string> = { Get: "GET", Post: "POST", Put: "PUT", Patch: "PATCH", Delete: "DELETE", Head: "HEAD", Options: "OPTIONS" };
/** Methods whose call on a router records something (routes, middleware, groups, mounts). */
const ROUTING_METHODS = new Set([...GIN_ECHO_METHODS, ...Object.keys(CHI_METHODS), "Use", "Pre", "Group", "Route", "Mount", "Handle", "HandleFunc", "Method"]);
const HANDLER_PARAM = /\*gin\.Context|echo\.Context|http\.ResponseWriter/;

/** Middleware names of a handler/middleware expression (wrappers included), innermost handler last. */
function wrapperNames(n: Node): { mw: string[]; handler: string } {
  if (n.type === "call_expression") {
    const callee = calleeText(n, "go");
    const args = callArguments(n, "go");
    if (/^http\.(HandlerFunc|Handler)$/.test(callee) && args[0]) return wrapperNames(args[0]);
    const inner = args.find((a) => a.type === "call_expression" || a.type === "selector_expression" || a.type === "identifier" || a.type === "func_literal");
    if (inner && args.length === 1) {
      const r = wrapperNames(inner);
      return { mw: [callee, ...r.mw], handler: r.handler };
    }
    return { mw: middlewareNames(n.text), handler: callee };
  }
  if (n.type === "func_literal") return { mw: readsAuth(n.text) ? [INLINE_AUTH] : [], handler: "(inline)" };
  return { mw: [], handler: n.text };
}

function mwOf(n: Node): string[] {
  if (n.type === "func_literal") return readsAuth(n.text) ? [INLINE_AUTH] : [];
  return middlewareNames(n.text);
}

export function go(ctx: FileContext): void {
  const facts = new RouteFacts(ctx);
  const text = ctx.file.text;
  const isEcho = /"github\.com\/labstack\/echo/.test(text);
  const isChi = /"github\.com\/go-chi\/chi/.test(text);
  const isGorilla = /"github\.com\/gorilla\/mux"/.test(text);

  const pkgNames = new Set<string>();
  /** Package name → directory in this module (for registration functions of other packages). */
  const pkgDirs = new Map<string, string>();
  const goModule = ctx.project.goModule ?? "";
  for (const spec of ctx.nodes("import_spec")) {
    const alias = spec.childForFieldName("name")?.text;
    const path = stringValue(spec.childForFieldName("path"), "go") ?? "";
    const name = alias ?? path.split("/").filter((x) => !/^v\d+$/.test(x)).pop() ?? "";
    pkgNames.add(name);
    pkgDirs.set(name, goModule && path.startsWith(goModule + "/") ? path.slice(goModule.length + 1) : path);
  }
  const dir = posix.dirname(facts.rel);
  const mayHaveRouterParam = ROUTER_TYPES.test(text);
  const linked = new Set<string>();
  const routerVars = new Map<string, string>();
  const key = (name: string) => routerVars.get(name) ?? facts.varKey(name);
  // r := gin.Default(); g := r.Group("/x", mw...)
  for (const decl of ctx.nodes("short_var_declaration", "assignment_statement", "var_spec")) {
    let left = (decl.childForFieldName("left") ?? decl.childForFieldName("name"))?.namedChildren[0] ?? decl.childForFieldName("name");
    // s.router = gin.New(): the field's name stands for the router
    if (left?.type === "selector_expression") left = left.childForFieldName("field");
    if (left?.type === "field_identifier") {
      const rl = (decl.childForFieldName("right") ?? decl.childForFieldName("value"))?.namedChildren[0];
      if (rl?.type === "call_expression" && FACTORIES.test(calleeText(rl, "go"))) routerVars.set(left.text, facts.varKey(left.text));
      continue;
    }
    const rightList = decl.childForFieldName("right") ?? decl.childForFieldName("value");
    const right = rightList?.namedChildren[0];
    if (!left || left.type !== "identifier" || right?.type !== "call_expression") continue;
    const callee = calleeText(right, "go");
    if (FACTORIES.test(callee)) {
      routerVars.set(left.text, facts.varKey(left.text));
      facts.router(decl, { key: facts.varKey(left.text), prefix: "", mw: [], app: true });
      continue;
    }
    const fn = right.childForFieldName("function");
    if (fn?.type === "selector_expression" && fn.childForFieldName("field")?.text === "Group") {
      const recvNode = fn.childForFieldName("operand");
      const recv = recvNode?.text ?? "";
      const args = callArguments(right, "go");
      const prefix = stringValue(args[0], "go");
      if (prefix === undefined) continue;
      const k = facts.varKey(left.text);
      routerVars.set(left.text, k);
      facts.router(decl, { key: k, prefix: "", mw: args.slice(1).flatMap(mwOf) });
      facts.mount(decl, { parent: (recvNode && ownerOf(recvNode)) ?? key(recv), childKey: k, prefix, mw: [], order: decl.startIndex });
    }
  }

  /** Owner key of a receiver identifier (a router variable or a router parameter of a function). */
  function ownerOf(recv: Node): string | undefined {
    if (recv.type === "selector_expression") {
      const field = recv.childForFieldName("field")?.text ?? "";
      return routerVars.has(field) ? key(field) : undefined;
    }
    if (recv.type !== "identifier") return undefined;
    // No router-typed parameter anywhere in the file (the type's text is part of the file's) and no
    // router variable of that name: nothing to find up the parent chain, which is O(depth²) to walk.
    if (!mayHaveRouterParam && !routerVars.has(recv.text)) return undefined;
    for (let f = recv.parent; f; f = f.parent) {
      if (f.type !== "function_declaration" && f.type !== "method_declaration" && f.type !== "func_literal") continue;
      for (const p of f.childForFieldName("parameters")?.namedChildren ?? []) {
        if (p?.type !== "parameter_declaration") continue;
        const names = p.namedChildren.filter((c) => c?.type === "identifier").map((c) => c!.text);
        if (!names.includes(recv.text)) continue;
        if (!ROUTER_TYPES.test(p.childForFieldName("type")?.text ?? "")) return undefined;
        if (f.type === "func_literal") return `v:${facts.rel}:lit@${f.startIndex}`;
        return `p:${dir}#${f.childForFieldName("name")?.text ?? ""}`;
      }
    }
    return routerVars.has(recv.text) ? key(recv.text) : undefined;
  }

  // An argument can only be a router when a router variable or parameter or a Group call exists.
  const argsMayBeRouters = mayHaveRouterParam || routerVars.size > 0 || /Group/.test(text);
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    const fnType = fn?.type;
    // Cheap exits first: a call that passes no router and calls no routing method records nothing.
    let meth = "";
    let recvNode: Node | null = null;
    if (fnType === "selector_expression") {
      meth = fn!.childForFieldName("field")?.text ?? "";
      recvNode = fn!.childForFieldName("operand");
    }
    const routing = fnType === "selector_expression" && !!recvNode && (ROUTING_METHODS.has(meth) || recvNode.type === "call_expression");
    if (!routing && !(argsMayBeRouters && (fnType === "identifier" || fnType === "selector_expression"))) continue;
    const args = callArguments(call, "go");
    // registration functions: api.RegisterRoutes(v1) — the router goes into another function
    if (argsMayBeRouters && fn && (fn.type === "identifier" || fn.type === "selector_expression")) {
      const fname = fn.type === "identifier" ? fn.text : (fn.childForFieldName("field")?.text ?? "");
      const operand = fn.type === "selector_expression" ? (fn.childForFieldName("operand")?.text ?? "") : "";
      const scope = fn.type === "identifier" ? dir : (pkgDirs.get(operand) ?? "*");
      for (const a of args) {
        let o = a.type === "identifier" ? ownerOf(a) : undefined;
        // users.RegisterRoutes(r.Group("/v1/users", mw...))
        if (!o && a.type === "call_expression" && a.childForFieldName("function")?.childForFieldName("field")?.text === "Group" && !/^(Use|Group|Route|Mount|Handle|HandleFunc|GET|POST|PUT|PATCH|DELETE|Any|With)$/.test(fname)) {
          const inner = a.childForFieldName("function")?.childForFieldName("operand");
          const parentKey = inner ? ownerOf(inner) : undefined;
          const gargs = callArguments(a, "go");
          const prefix = stringValue(gargs[0], "go");
          if (parentKey && prefix !== undefined) {
            o = `v:${facts.rel}:group@${a.startIndex}`;
            facts.router(a, { key: o, prefix: "", mw: gargs.slice(1).flatMap(mwOf) });
            facts.mount(a, { parent: parentKey, childKey: o, prefix, mw: [], order: a.startIndex });
          }
        }
        if (o && !/^(Use|Group|Route|Mount|Handle|HandleFunc|GET|POST|PUT|PATCH|DELETE|Any|With)$/.test(fname)) {
          facts.mount(call, { parent: o, childKey: `p:${scope}#${fname}`, prefix: "", mw: [], order: call.startIndex });
          // a wrapper around the whole mux: handler := auth(mux), http.ListenAndServe(addr, auth(mux))
          let cur: Node = a;
          const wrappers: string[] = [];
          while (cur.parent?.type === "argument_list" && cur.parent.parent?.type === "call_expression") {
            const outer = cur.parent.parent;
            const oc = calleeText(outer, "go");
            if (/^http\.(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/.test(oc)) break;
            wrappers.push(oc);
            cur = outer;
          }
          if (wrappers.length) facts.use(call, { target: o, mw: wrappers, order: 0, scope: "all" });
        }
      }
    }
    if (!routing || !recvNode) continue;
    // chi: r.With(mw).Post(...); r.Group(func(r chi.Router) {...}); r.Route("/x", func(r chi.Router) {...})
    let extraMw: string[] = [];
    let recv: Node = recvNode;
    if (recv.type === "call_expression" && calleeText(recv, "go").endsWith(".With")) {
      extraMw = callArguments(recv, "go").flatMap(mwOf);
      recv = recv.childForFieldName("function")?.childForFieldName("operand") ?? recv;
    }
    if (recv.type === "call_expression" && calleeText(recv, "go").endsWith(".Group") && !isChi) {
      // r.Group("/x").POST(...) inline
      const inner = recv.childForFieldName("function")?.childForFieldName("operand");
      const gargs = callArguments(recv, "go");
      const prefix = stringValue(gargs[0], "go") ?? "";
      const o = inner ? ownerOf(inner) : undefined;
      if (!o) continue;
      const k = `v:${facts.rel}:group@${recv.startIndex}`;
      facts.router(recv, { key: k, prefix: "", mw: gargs.slice(1).flatMap(mwOf) });
      facts.mount(recv, { parent: o, childKey: k, prefix, mw: [], order: recv.startIndex });
      emitRoute(k, meth, args, call);
      continue;
    }
    let owner = ownerOf(recv);
    if (!owner && recv.text === "http" && (meth === "HandleFunc" || meth === "Handle") && /^"[A-Z]+ \//.test(args[0]?.text ?? "")) owner = "g:http.DefaultServeMux";
    const recvName = recv.type === "selector_expression" ? (recv.childForFieldName("field")?.text ?? "") : recv.text;
    if (!owner && recv.type === "selector_expression" && /^(router|engine|app|mux|e|r|echo|server|api)$/i.test(recvName) && (GIN_ECHO_METHODS.has(meth) || meth === "Use" || meth === "HandleFunc") && /^"\/|^"[A-Z]+ \//.test(args[0]?.text ?? (meth === "Use" ? '"/' : ""))) {
      owner = facts.varKey(recvName);
      if (!linked.has(recvName)) {
        linked.add(recvName);
        facts.mount(recv, { parent: "", parentName: recvName, childKey: owner, prefix: "", mw: [], order: 0 });
      }
    }
    if (!owner && recv.type === "identifier" && !pkgNames.has(recv.text) && (GIN_ECHO_METHODS.has(meth) || meth === "Use" || meth === "HandleFunc" || meth === "Handle") && /^"\/|^"[A-Z]+ \//.test(args[0]?.text ?? (meth === "Use" ? '"/' : ""))) {
      // a package-level router declared in another file of the package
      owner = facts.varKey(recv.text);
      if (!linked.has(recv.text)) {
        linked.add(recv.text);
        facts.mount(recv, { parent: "", parentName: recv.text, childKey: owner, prefix: "", mw: [], order: 0 });
      }
    }
    if (!owner) continue;
    if (meth === "Use" || meth === "Pre") {
      facts.use(call, { target: owner, mw: [...extraMw, ...args.flatMap(mwOf)], order: call.startIndex, scope: isEcho || isChi ? "all" : "after" });
      continue;
    }
    if (isChi && (meth === "Group" || meth === "Route" || meth === "Mount")) {
      const lit = args.find((a) => a.type === "func_literal");
      const prefix = meth === "Route" || meth === "Mount" ? (stringValue(args[0], "go") ?? "") : "";
      if (lit) facts.mount(call, { parent: owner, childKey: `v:${facts.rel}:lit@${lit.startIndex}`, prefix, mw: extraMw, order: call.startIndex });
      else if (meth === "Mount" && args[1]) facts.mount(call, { parent: owner, childName: args[1].text.replace(/\(.*$/s, ""), prefix, mw: extraMw, order: call.startIndex });
      continue;
    }
    emitRoute(owner, meth, args, call, extraMw);
  }

  function emitRoute(owner: string, meth: string, args: Node[], call: Node, extraMw: string[] = []): void {
    let method: string | undefined;
    let path: string | undefined;
    let handlerNode: Node | undefined;
    let mw: string[] = [...extraMw];
    if (GIN_ECHO_METHODS.has(meth)) {
      method = meth === "Any" ? "ANY" : meth;
      path = stringValue(args[0], "go");
      if (isEcho) {
        handlerNode = args[1];
        mw.push(...args.slice(2).flatMap(mwOf));
      } else {
        handlerNode = args[args.length - 1];
        mw.push(...args.slice(1, -1).flatMap(mwOf));
      }
    } else if (CHI_METHODS[meth] && isChi) {
      method = CHI_METHODS[meth];
      path = stringValue(args[0], "go");
      handlerNode = args[1];
    } else if (meth === "Handle" && args.length >= 3 && /^[A-Z]+$/.test(stringValue(args[0], "go") ?? "") && stringValue(args[1], "go") !== undefined) {
      // gin r.Handle("POST", "/x", h)
      method = stringValue(args[0], "go")?.toUpperCase();
      path = stringValue(args[1], "go");
      handlerNode = args[args.length - 1];
      mw.push(...args.slice(2, -1).flatMap(mwOf));
    } else if (meth === "HandleFunc" || meth === "Handle" || (isChi && meth === "Method")) {
      let pattern: string | undefined;
      if (meth === "Method") {
        method = stringValue(args[0], "go")?.toUpperCase();
        pattern = stringValue(args[1], "go");
        handlerNode = args[2];
      } else {
        pattern = stringValue(args[0], "go");
        handlerNode = args[1];
      }
      if (pattern === undefined) return;
      const m = /^([A-Z]+)\s+(\S+)$/.exec(pattern);
      if (m) {
        method = m[1];
        path = m[2];
      } else {
        path = pattern.replace(/^[^/]*(?=\/)/, "");
        // gorilla: r.HandleFunc("/x", h).Methods("POST")
        const outer = call.parent?.type === "selector_expression" ? call.parent.parent : null;
        if (outer?.type === "call_expression" && calleeText(outer, "go").endsWith(".Methods")) method = stringValue(callArguments(outer, "go")[0], "go")?.toUpperCase();
        method = method ?? "ANY";
      }
    }
    if (!method || path === undefined || !handlerNode) return;
    const w = wrapperNames(handlerNode);
    mw = [...mw, ...w.mw];
    facts.route(call, { fw: isEcho ? "echo" : isChi ? "chi" : /gin-gonic/.test(text) ? "gin" : "net/http", method, path, handler: w.handler, owner, mw, order: call.startIndex });
  }

  // functions: code that authenticates; handlers' input flags
  const calls = ctx.nodes("call_expression");
  for (const f of ctx.nodes("function_declaration", "method_declaration")) {
    const name = f.childForFieldName("name")?.text;
    const body = f.childForFieldName("body");
    if (!name || !body) continue;
    if (readsAuth(body.text)) facts.authCode(f, name);
    facts.calls(f, name, within(calls, body).map((c) => (c ? calleeText(c, "go").split(".").pop() ?? "" : "")).filter(Boolean));
    if (HANDLER_PARAM.test(f.childForFieldName("parameters")?.text ?? "")) {
      const flags = inputFlags(body.text, text);
      if (flags.validated !== null || flags.paginationBounded !== null) facts.input(f, name, flags.validated, flags.paginationBounded);
    }
  }
}

function inputFlags(body: string, file: string): { validated: boolean | null; paginationBounded: boolean | null } {
  let validated: boolean | null = null;
  const bind = /\.(ShouldBindJSON|ShouldBind|BindJSON|ShouldBindWith|Bind)\(\s*&(\w+)\)|\.Decode\(\s*&(\w+)\)/.exec(body);
  if (bind) {
    const v = bind[2] ?? bind[3]!;
    const decl = new RegExp(`var\\s+${v}\\s+(\\[\\])?(\\*?[\\w.]+)|${v}\\s*:?=\\s*&?([\\w.]+)\\{`).exec(body);
    const type = decl?.[2] ?? decl?.[3];
    const typeDecl = type ? new RegExp(`type\\s+${type.replace(/^\*/, "")}\\s+struct\\s*\\{([\\s\\S]*?)\\n\\}`).exec(file) : null;
    const inlineStruct = /var\s+\w+\s+struct\s*\{([\s\S]*?)\}/.exec(body);
    const fields = typeDecl?.[1] ?? inlineStruct?.[1] ?? "";
    validated = /(binding|validate):"[^"]*\w/.test(fields) && (/binding:"/.test(fields) || /\.Validate\(|validate\.Struct\(|\.Struct\(/.test(body));
    if (decl?.[1] === "[]") validated = /\.Validate\(|validate\.(Struct|Var)\(/.test(body);
  }
  let paginationBounded: boolean | null = null;
  const reads = [...body.matchAll(/(\w+)\s*,\s*\w+\s*:?=\s*strconv\.Atoi\(\s*[\w.()]*?\.(?:Query|DefaultQuery|QueryParam|Get|FormValue|Param)\(\s*"(\w+)"/g)];
  for (const r of reads) {
    if (!PAGE_SIZE_RE.test(r[2]!)) continue;
    paginationBounded = new RegExp(`\\b${r[1]}\\s*>=?\\s*\\w+|min\\(\\s*${r[1]}|${r[1]}\\s*=\\s*min\\(`).test(body);
  }
  const q = /ShouldBindQuery\(\s*&(\w+)\)|\.Bind\(\s*&(\w+)\)/.exec(body);
  if (q && paginationBounded === null) {
    const v = q[1] ?? q[2]!;
    const type = new RegExp(`var\\s+${v}\\s+([\\w.]+)`).exec(body)?.[1];
    const typeDecl = type ? new RegExp(`type\\s+${type}\\s+struct\\s*\\{([\\s\\S]*?)\\n\\}`).exec(file) : null;
    const limitField = typeDecl ? /^\s*(\w+)\s+\*?int\w*\s+`([^`]*)`/gm : null;
    if (limitField && typeDecl) {
      for (const m of typeDecl[1]!.matchAll(limitField)) {
        const tag = m[2]!;
        const formName = /(form|query):"(\w+)/.exec(tag)?.[2] ?? m[1]!;
        if (PAGE_SIZE_RE.test(formName) || PAGE_SIZE_RE.test(m[1]!)) paginationBounded = /max=/.test(tag);
      }
    }
  }
  return { validated, paginationBounded };
}
