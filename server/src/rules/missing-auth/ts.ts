// Route-inventory facts for Express, Fastify and NestJS (TS/JS).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, FUNCTION_TYPES, stringValue } from "../../languages/common";
import { within } from "../_shared/app-nodes";
import { INLINE_AUTH, PAGE_SIZE_RE, RouteFacts } from "../_shared/routes-emit";
import { looksLikeRegistration, middlewareNames, readsAuth } from "../_shared/routes-model";
import { keyText, pairValue, tsProps } from "../_shared/syntax";

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "all", "options", "head"]);
const ROUTER_FACTORY = /^(express|Fastify|fastify|new Router|KoaRouter|new KoaRouter)$|(^|\.)Router$/;
const ROUTER_PARAM_TYPE = /\b(Router|Express|Application|FastifyInstance|FastifyPluginAsync|FastifyPluginCallback)\b/;
const ROUTER_PARAM_NAME = /^(app|router|fastify|server|instance)$/;
const NEST_METHODS: Record<string, string> = { Get: "GET", Post: "POST", Put: "PUT", Patch: "PATCH", Delete: "DELETE", All: "ALL", Options: "OPTIONS", Head: "HEAD" };
const PUBLIC_DECORATORS = /^(Public|AllowAnonymous|SkipAuth|NoAuth|Anonymous|IsPublic)$/;

function functionName(fn: Node): string | undefined {
  const n = fn.childForFieldName("name");
  if (n) return n.text;
  const p = fn.parent;
  if (p?.type === "variable_declarator") return p.childForFieldName("name")?.text;
  if (p?.type === "export_statement") return "default";
  if (p?.type === "pair") return keyText(p.childForFieldName("key"), "ts");
  return undefined;
}

function functionBody(fn: Node): Node | null {
  return fn.childForFieldName("body");
}

/** Names of a middleware argument (identifier, call, member, array of them, inline function). */
function mwNames(arg: Node): string[] {
  if (arg.type === "array") return arg.namedChildren.flatMap((c) => (c ? mwNames(c) : []));
  if (FUNCTION_TYPES.ts.includes(arg.type)) return readsAuth(arg.text) ? [INLINE_AUTH] : [];
  if (arg.type === "string" || arg.type === "template_string" || arg.type === "object" || arg.type === "regex") return [];
  return middlewareNames(arg.text);
}

export function ts(ctx: FileContext): void {
  const facts = new RouteFacts(ctx);
  const text = ctx.file.text;
  const root = ctx.file.tree.rootNode;

  // imports (to follow routers and middleware across files)
  for (const imp of ctx.nodes("import_statement")) {
    const source = stringValue(imp.childForFieldName("source"), "ts");
    if (!source) continue;
    const clause = imp.namedChildren.find((c) => c?.type === "import_clause");
    for (const c of clause?.namedChildren ?? []) {
      if (!c) continue;
      if (c.type === "identifier") facts.import(c, { local: c.text, module: source, imported: "default" });
      else if (c.type === "namespace_import") {
        const id = c.namedChildren.find((x) => x?.type === "identifier");
        if (id) facts.import(c, { local: id.text, module: source, imported: "*" });
      } else if (c.type === "named_imports") {
        for (const s of c.namedChildren) {
          if (s?.type !== "import_specifier") continue;
          const name = s.childForFieldName("name")?.text;
          const alias = s.childForFieldName("alias")?.text;
          if (name) facts.import(s, { local: alias ?? name, module: source, imported: name });
        }
      }
    }
  }
  for (const m of text.matchAll(/(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["']([^"']+)["']\s*\)/g)) {
    facts.import(root, { local: m[1]!, module: m[2]!, imported: "default" });
  }

  // router/app variables and functions that take a router/app parameter
  const routerVars = new Set<string>();
  for (const d of ctx.nodes("variable_declarator")) {
    const v = d.childForFieldName("value");
    const name = d.childForFieldName("name")?.text;
    if (!v || !name) continue;
    let call: Node | null = v;
    if (call.type === "await_expression") call = call.namedChildren[0] ?? null;
    if (!call || (call.type !== "call_expression" && call.type !== "new_expression")) continue;
    const callee = (call.type === "new_expression" ? "new " : "") + calleeText(call, "ts");
    if (ROUTER_FACTORY.test(callee) || /^NestFactory\.create$/.test(callee)) {
      routerVars.add(name);
      const sub = /Router/.test(callee);
      const opts = sub && call.type === "call_expression" ? callArguments(call, "ts")[0] : undefined;
      const prefix = stringValue(pairValue(tsProps(opts).get("prefix")), "ts") ?? "";
      facts.router(d, { key: facts.varKey(name), prefix, mw: [], app: !sub, sub });
    }
  }
  const importedNames = new Set<string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from/g)) for (const part of m[1]!.split(",")) importedNames.add(part.trim().split(/\s+as\s+/).pop()!);
  for (const m of text.matchAll(/import\s+([A-Za-z_$][\w$]*)\s*(?:,|from)/g)) importedNames.add(m[1]!);
  for (const m of text.matchAll(/(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(/g)) importedNames.add(m[1]!);
  const linked = new Set<string>();
  const mayHaveRouterParam = ROUTER_PARAM_TYPE.test(text);
  /** Owner key of a receiver expression at a node, or undefined when it is no router. */
  const ownerOf = (recv: Node): string | undefined => {
    const name = recv.text;
    if (recv.type === "identifier" && routerVars.has(name)) return facts.varKey(name);
    if (recv.type === "identifier" && importedNames.has(name) && ROUTER_PARAM_NAME.test(name.replace(/Router$|App$/, "router"))) {
      // a router/app imported from another module: routes here hang off that router
      if (!linked.has(name)) {
        linked.add(name);
        facts.mount(recv, { parent: "", parentName: name, childKey: facts.varKey(name), prefix: "", mw: [], order: 0 });
      }
      return facts.varKey(name);
    }
    if (recv.type !== "identifier" && recv.type !== "this") return undefined;
    // Only a parameter named like a router or typed as one can be one (and a type's text is part of
    // the file's): otherwise there is nothing to find up the parent chain, which is costly to walk.
    if (!mayHaveRouterParam && !ROUTER_PARAM_NAME.test(name)) return undefined;
    // a parameter of the enclosing function (Fastify plugin, registration function)
    for (let fn = recv.parent; fn; fn = fn.parent) {
      if (!FUNCTION_TYPES.ts.includes(fn.type)) continue;
      const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
      const list = params ? (params.type === "identifier" ? [params] : params.namedChildren) : [];
      const idx = list.findIndex((p) => p && (p.childForFieldName("pattern")?.text ?? p.text) === name);
      if (idx < 0) continue;
      const p = list[idx]!;
      const typed = ROUTER_PARAM_TYPE.test(p.childForFieldName("type")?.text ?? "");
      if (!typed && !ROUTER_PARAM_NAME.test(name)) return undefined;
      // a function passed inline to register(): its own key
      if (fn.parent?.type === "arguments") return `v:${facts.rel}:plugin@${fn.startIndex}`;
      const fname = functionName(fn);
      if (!fname) return undefined;
      return fname === "default" ? facts.varKey("default") : `p:${facts.rel}#${fname}`;
    }
    return undefined;
  };

  // export default router / module.exports = router: the file's default export is that router
  for (const m of text.matchAll(/(?:export\s+default|module\.exports\s*=)\s+([A-Za-z_$][\w$]*)\s*;?\s*$/gm)) {
    if (routerVars.has(m[1]!)) facts.mount(root, { parent: facts.varKey("default"), childKey: facts.varKey(m[1]!), prefix: "", mw: [], order: 0 });
  }

  const handlerInfo = (h: Node | undefined, extraText = ""): { name: string; code: string } => {
    if (h?.type === "array") h = h.namedChildren[h.namedChildren.length - 1] ?? undefined;
    if (!h) return { name: "(inline)", code: "" };
    if (FUNCTION_TYPES.ts.includes(h.type)) return { name: "(inline)", code: h.text + extraText };
    if (h.type === "call_expression") {
      // controller.create.bind(controller)
      const fn = h.childForFieldName("function");
      if (fn?.type === "member_expression" && fn.childForFieldName("property")?.text === "bind" && fn.childForFieldName("object")) return handlerInfo(fn.childForFieldName("object")!, extraText);
      // asyncHandler(async (req, res) => …), catchErrors(controller.create)
      const inner = callArguments(h, "ts")[0];
      if (inner && (FUNCTION_TYPES.ts.includes(inner.type) || inner.type === "identifier" || inner.type === "member_expression")) return handlerInfo(inner, extraText);
      return { name: calleeText(h, "ts"), code: "" };
    }
    const name = h.text.replace(/\s+/g, "");
    const bare = name.split(".").pop()!;
    for (const fn of ctx.nodes("function_declaration", "method_definition", "variable_declarator")) {
      if (fn && (fn.childForFieldName("name")?.text === bare)) return { name, code: fn.text };
    }
    return { name, code: "" };
  };

  const inputFlags = (code: string, mw: string[], schema: Node | null): { validated: boolean | null; paginationBounded: boolean | null } => {
    let validated: boolean | null = null;
    if (/\b(req|request|ctx\.request)\.body\b/.test(code)) {
      validated =
        /\.(parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|assert)\(/.test(code) ||
        mw.some((m) => /validat|celebrate|schema|zod|joi|yup/i.test(m)) ||
        (schema !== null && tsProps(schema).has("body"));
    }
    let paginationBounded: boolean | null = null;
    const q = [...code.matchAll(/\b(?:req|request)\.query\.(\w+)|\b(?:req|request)\.query\[\s*["'](\w+)["']\s*\]/g)].map((m) => m[1] ?? m[2]!);
    if (q.some((n) => PAGE_SIZE_RE.test(n))) {
      const qs = schema ? pairValue(tsProps(schema).get("querystring")) : null;
      paginationBounded = /Math\.min\(|clamp\(/.test(code) || (qs !== null && /maximum/.test(resolveText(qs)));
    }
    return { validated, paginationBounded };
  };
  const resolveText = (n: Node): string => {
    if (n.type !== "identifier") return n.text;
    for (const d of ctx.nodes("variable_declarator")) if (d.childForFieldName("name")?.text === n.text) return d.text;
    return n.text;
  };
  const resolveObject = (n: Node | undefined | null): Node | null => {
    if (!n) return null;
    if (n.type === "object") return n;
    if (n.type === "identifier") {
      for (const d of ctx.nodes("variable_declarator")) if (d.childForFieldName("name")?.text === n.text && d.childForFieldName("value")?.type === "object") return d.childForFieldName("value");
    }
    return null;
  };

  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "member_expression") continue;
    const method = fn.childForFieldName("property")?.text ?? "";
    let recv = fn.childForFieldName("object");
    if (!recv) continue;
    // router.route("/x").post(...).get(...)
    let routePath: string | undefined;
    while (recv.type === "call_expression" && HTTP_METHODS.has(recv.childForFieldName("function")?.childForFieldName("property")?.text ?? "") && recv.childForFieldName("function")?.childForFieldName("object")?.type === "call_expression") {
      const inner: Node | null | undefined = recv.childForFieldName("function")?.childForFieldName("object");
      if (!inner) break;
      recv = inner;
    }
    if (recv.type === "call_expression" && calleeText(recv, "ts").endsWith(".route")) {
      routePath = stringValue(callArguments(recv, "ts")[0], "ts");
      const inner = recv.childForFieldName("function")?.childForFieldName("object");
      if (!inner) continue;
      recv = inner;
    }
    const owner = ownerOf(recv);
    if (!owner) continue;
    const args = callArguments(call, "ts");
    if (HTTP_METHODS.has(method)) {
      const path = routePath ?? stringValue(args[0], "ts") ?? (args[0]?.type === "template_string" ? args[0].text.slice(1, -1) : undefined);
      if (path === undefined || !/^(\/|\*$|$)/.test(path)) continue;
      const rest = routePath !== undefined ? args : args.slice(1);
      if (!rest.length) continue;
      const handler = rest[rest.length - 1]!;
      if (!FUNCTION_TYPES.ts.includes(handler.type) && !["identifier", "member_expression", "call_expression", "array"].includes(handler.type)) continue;
      const mw: string[] = [];
      let schema: Node | null = null;
      for (const a of rest.slice(0, -1)) {
        if (a.type === "object") {
          // Fastify route options
          const props = tsProps(a);
          for (const hook of ["onRequest", "preHandler", "preValidation", "preParsing"]) {
            const v = pairValue(props.get(hook));
            if (v) mw.push(...mwNames(v));
          }
          schema = resolveObject(pairValue(props.get("schema")));
        } else mw.push(...mwNames(a));
      }
      const info = handlerInfo(handler);
      if (info.code && readsAuth(info.code)) mw.push(INLINE_AUTH);
      const flags = inputFlags(info.code, mw, schema);
      const m = method === "all" ? "ALL" : method.toUpperCase();
      facts.route(call, { fw: /fastify/i.test(text) ? "fastify" : "express", method: m, path, handler: info.name, owner, mw, order: call.startIndex, entryPoint: looksLikeRegistration(m, path, info.code), ...flags });
    } else if (method === "route" && args[0]?.type === "object") {
      // fastify.route({ method, url, preHandler, handler })
      const props = tsProps(args[0]);
      const url = stringValue(pairValue(props.get("url") ?? props.get("path")), "ts");
      const m = pairValue(props.get("method"));
      const methods = m ? (m.type === "array" ? m.namedChildren.map((c) => stringValue(c, "ts")) : [stringValue(m, "ts")]) : [];
      if (url === undefined) continue;
      const mw: string[] = [];
      for (const hook of ["onRequest", "preHandler", "preValidation"]) {
        const v = pairValue(props.get(hook));
        if (v) mw.push(...mwNames(v));
      }
      const info = handlerInfo(pairValue(props.get("handler")) ?? undefined);
      if (info.code && readsAuth(info.code)) mw.push(INLINE_AUTH);
      const flags = inputFlags(info.code, mw, resolveObject(pairValue(props.get("schema"))));
      for (const mm of methods) if (mm) facts.route(call, { fw: "fastify", method: mm.toUpperCase(), path: url, handler: info.name, owner, mw, order: call.startIndex, ...flags });
    } else if (method === "use") {
      let path: string | undefined;
      let rest = args;
      const p0 = stringValue(args[0], "ts");
      if (p0 !== undefined) {
        path = p0;
        rest = args.slice(1);
      }
      const names = rest.flatMap(mwNames);
      facts.use(call, { target: owner, mw: names, order: call.startIndex, scope: "after", path });
      for (const a of rest) {
        if (a.type === "call_expression" && calleeText(a, "ts") === "require") {
          const mod = stringValue(callArguments(a, "ts")[0], "ts");
          if (mod) {
            const local = `__require@${a.startIndex}`;
            facts.import(a, { local, module: mod, imported: "default" });
            facts.mount(call, { parent: owner, childName: local, prefix: path ?? "", mw: rest.filter((x) => x.id !== a.id).flatMap(mwNames), order: call.startIndex });
          }
        } else if (a.type === "identifier" || a.type === "member_expression") facts.mount(call, { parent: owner, childName: a.text, prefix: path ?? "", mw: rest.filter((x) => x.id !== a.id).flatMap(mwNames), order: call.startIndex });
      }
    } else if (method === "register") {
      const plugin = args[0];
      if (!plugin) continue;
      const opts = args[1]?.type === "object" ? args[1] : null;
      const prefix = stringValue(pairValue(tsProps(opts).get("prefix")), "ts") ?? "";
      if (FUNCTION_TYPES.ts.includes(plugin.type)) facts.mount(call, { parent: owner, childKey: `v:${facts.rel}:plugin@${plugin.startIndex}`, prefix, mw: [], order: call.startIndex });
      else facts.mount(call, { parent: owner, childName: plugin.text.replace(/^import\(.*$/, ""), prefix, mw: [], order: call.startIndex });
    } else if (method === "addHook") {
      const hook = stringValue(args[0], "ts");
      if (!hook || !/^(onRequest|preHandler|preValidation|preParsing)$/.test(hook) || !args[1]) continue;
      facts.use(call, { target: owner, mw: mwNames(args[1]), order: call.startIndex, scope: "all" });
    } else if (method === "useGlobalGuards") {
      facts.global(call, { kind: "nest-guard", names: args.flatMap((a) => middlewareNames(a.text.replace(/^new\s+/, ""))) });
    } else if (method === "setGlobalPrefix") {
      const p = stringValue(args[0], "ts");
      if (p) facts.global(call, { kind: "nest-prefix", prefix: p });
    }
  }

  // functions whose own code authenticates (middleware, guards, hooks), and what wrappers call
  const calls = ctx.nodes("call_expression");
  for (const fn of ctx.nodes("function_declaration", "method_definition", "arrow_function", "function_expression")) {
    const name = fn.type === "method_definition" ? undefined : functionName(fn);
    const body = functionBody(fn);
    if (body && name && fn.parent?.type !== "arguments") {
      facts.calls(fn, name, within(calls, body).map((c) => (c ? (calleeText(c, "ts").split(".").pop() ?? "") : "")).filter(Boolean));
    }
    if (!body || !readsAuth(body.text)) continue;
    if (name) facts.authCode(fn, name);
    if (fn.type === "method_definition" && fn.childForFieldName("name")?.text === "canActivate") {
      const cls = fn.parent?.parent;
      const cname = cls?.childForFieldName("name")?.text;
      if (cname) facts.authCode(fn, cname);
    }
  }

  nest(ctx, facts);
}

function decoratorsOf(node: Node): Node[] {
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c?.type === "decorator") out.push(c);
  if (node.parent?.type === "export_statement") for (const c of node.parent.namedChildren) if (c?.type === "decorator") out.push(c);
  return out;
}

function precedingDecorators(member: Node): Node[] {
  const out: Node[] = [];
  for (let s = member.previousNamedSibling; s && (s.type === "decorator" || s.type === "comment"); s = s.previousNamedSibling) if (s.type === "decorator") out.unshift(s);
  return out;
}

function decoratorCall(d: Node): { name: string; args: Node[] } {
  const e = d.namedChildren[0];
  if (!e) return { name: "", args: [] };
  if (e.type === "call_expression") return { name: calleeText(e, "ts"), args: callArguments(e, "ts") };
  return { name: e.text, args: [] };
}

function nest(ctx: FileContext, facts: RouteFacts): void {
  if (!/@nestjs\//.test(ctx.file.text)) return;
  // global guards: { provide: APP_GUARD, useClass: X }
  for (const obj of ctx.nodes("object")) {
    const p = tsProps(obj);
    if (pairValue(p.get("provide"))?.text !== "APP_GUARD") continue;
    const cls = pairValue(p.get("useClass") ?? p.get("useExisting"));
    if (cls) facts.global(obj, { kind: "nest-guard", names: [cls.text] });
  }
  const dtoClasses = new Map<string, Node>();
  for (const c of ctx.nodes("class_declaration")) {
    const n = c.childForFieldName("name")?.text;
    if (n) dtoClasses.set(n, c);
  }
  for (const cls of ctx.nodes("class_declaration")) {
    const decs = decoratorsOf(cls).map(decoratorCall);
    const ctrl = decs.find((d) => d.name === "Controller");
    if (!ctrl) continue;
    let prefix = "";
    let version: string | undefined;
    const a0 = ctrl.args[0];
    if (a0) {
      const s = stringValue(a0, "ts");
      if (s !== undefined) prefix = s;
      else if (a0.type === "object") {
        const props = tsProps(a0);
        prefix = stringValue(pairValue(props.get("path")), "ts") ?? "";
        version = stringValue(pairValue(props.get("version")), "ts");
      }
    }
    const classGuards = decs.filter((d) => d.name === "UseGuards").flatMap((d) => d.args.flatMap((a) => middlewareNames(a.text.replace(/^new\s+/, ""))));
    const classPublic = decs.some((d) => PUBLIC_DECORATORS.test(d.name) || (d.name === "SetMetadata" && /public|anonymous/i.test(d.args[0]?.text ?? "")));
    const body = cls.childForFieldName("body");
    for (const m of body?.namedChildren ?? []) {
      if (m?.type !== "method_definition") continue;
      const mdecs = precedingDecorators(m);
      const calls = mdecs.map(decoratorCall);
      const routeDec = mdecs.find((d) => NEST_METHODS[decoratorCall(d).name] !== undefined);
      if (!routeDec) continue;
      const rd = decoratorCall(routeDec);
      const sub = stringValue(rd.args[0], "ts") ?? "";
      const guards = [...classGuards, ...calls.filter((d) => d.name === "UseGuards").flatMap((d) => d.args.flatMap((a) => middlewareNames(a.text.replace(/^new\s+/, ""))))];
      const isPublic = classPublic || calls.some((d) => PUBLIC_DECORATORS.test(d.name) || (d.name === "SetMetadata" && /public|anonymous/i.test(d.args[0]?.text ?? "")));
      const handler = `${cls.childForFieldName("name")?.text ?? ""}.${m.childForFieldName("name")?.text ?? ""}`;
      // input flags from the parameters
      let validated: boolean | null = null;
      let paginationBounded: boolean | null = null;
      for (const p of m.childForFieldName("parameters")?.namedChildren ?? []) {
        if (!p) continue;
        const pd = p.namedChildren.filter((c): c is Node => c?.type === "decorator").map(decoratorCall);
        const type = p.childForFieldName("type")?.text.replace(/^:\s*/, "") ?? "";
        if (pd.some((d) => d.name === "Body")) validated = !/^(any|object|unknown|Record<.*>|\{.*\})$/s.test(type) && type !== "";
        const q = pd.find((d) => d.name === "Query");
        if (q) {
          const qn = stringValue(q.args[0], "ts");
          if (qn !== undefined && PAGE_SIZE_RE.test(qn)) paginationBounded = /Max|max|clamp/.test(p.text);
          else if (qn === undefined) {
            const dto = dtoClasses.get(type);
            if (dto) {
              for (const f of dto.childForFieldName("body")?.namedChildren ?? []) {
                const fname = f?.childForFieldName("name")?.text;
                if (f && fname && PAGE_SIZE_RE.test(fname)) paginationBounded = [...precedingDecorators(f), ...f.namedChildren.filter((c): c is Node => c?.type === "decorator")].some((d) => /^@Max\b/.test(d.text));
              }
            }
          }
        }
      }
      facts.route(routeDec, {
        fw: "nestjs",
        method: NEST_METHODS[rd.name]!,
        path: `/${version ? `v${version}/` : ""}${prefix.replace(/^\/|\/$/g, "")}${sub ? "/" + sub.replace(/^\//, "") : ""}`,
        handler,
        owner: null,
        mw: guards,
        public: isPublic,
        order: routeDec.startIndex,
        validated,
        paginationBounded,
      });
    }
  }
}
