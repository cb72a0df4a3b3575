// Route-inventory facts for FastAPI, Flask and Django (function and class-based views, DRF).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeName, calleeText, stringValue } from "../../languages/common";
import { within } from "../_shared/app-nodes";
import { INLINE_AUTH, PAGE_SIZE_RE, RouteFacts } from "../_shared/routes-emit";
import { looksLikeRegistration, middlewareNames, readsAuth } from "../_shared/routes-model";
import { kwValue, listStrings, pyKwargs, pyPositional } from "../_shared/syntax";

const ROUTER_FACTORIES = new Set(["APIRouter", "FastAPI", "Blueprint", "Flask", "Starlette"]);
const FASTAPI_METHODS = new Set(["get", "post", "put", "patch", "delete", "options", "head"]);
const SECURITY_SCHEMES = /^(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|OAuth2|HTTPBearer|HTTPBasic|HTTPDigest|APIKeyHeader|APIKeyQuery|APIKeyCookie|OpenIdConnect)$/;
const DJANGO_AUTH_DECORATORS = /^(login_required|permission_required|user_passes_test|staff_member_required|superuser_required|api_key_required|token_required)$/;
const PRIMITIVES = /^(int|str|float|bool|bytes|list|dict|set|tuple|Any|None|Optional|Request|HttpRequest|WSGIRequest|ASGIRequest|Response|Session|AsyncSession|BackgroundTasks|UploadFile|WebSocket|HTTPConnection|Decimal|UUID|datetime|date)\b/;

/** `Depends(x)` / `Security(x)` → x (names of FastAPI dependencies in an expression). */
function dependsNames(n: Node | null | undefined, calls: readonly Node[] | null): string[] {
  // Only a Depends/Security call names a dependency, and its callee's name is in the file's text.
  if (!n || !calls) return [];
  const out: string[] = [];
  for (const c of within(calls, n)) {
    if (!c) continue;
    const name = calleeName(c, "python");
    if (name !== "Depends" && name !== "Security") continue;
    const a = callArguments(c, "python").find((x) => x.type !== "keyword_argument") ?? kwValue(pyKwargs(c).get("dependency")) ?? undefined;
    if (a) out.push(...middlewareNames(a.text));
  }
  if (n.type === "call" && (calleeName(n, "python") === "Depends" || calleeName(n, "python") === "Security") && !out.length) {
    const a = callArguments(n, "python")[0];
    if (a) out.push(...middlewareNames(a.text));
  }
  return out;
}

/** Names in a list/dict of decorators (`[login_required, jwt_required()]`, `{"post": [auth.login_required]}`). */
function listNames(n: Node): string[] {
  const out: string[] = [];
  for (const c of n.descendantsOfType(["identifier", "attribute", "call"])) {
    if (!c || c.parent?.type === "attribute" || c.parent?.type === "call") continue;
    out.push(...middlewareNames(c.text));
  }
  return out;
}

function fnParams(fn: Node): Node[] {
  return (fn.childForFieldName("parameters")?.namedChildren ?? []).filter((p): p is Node => !!p);
}

function paramName(p: Node): string {
  if (p.type === "identifier") return p.text;
  return p.childForFieldName("name")?.text ?? p.namedChildren[0]?.text ?? "";
}

export function python(ctx: FileContext): void {
  const facts = new RouteFacts(ctx);
  const text = ctx.file.text;
  const root = ctx.file.tree.rootNode;
  const isDjango = /^\s*(from|import)\s+(django|rest_framework)\b/m.test(text);
  const depCalls = /Depends|Security/.test(text) ? ctx.nodes("call") : null;

  // imports
  for (const imp of ctx.nodes("import_from_statement")) {
    const module = imp.childForFieldName("module_name")?.text;
    if (!module) continue;
    for (const c of imp.namedChildren) {
      if (!c || c.id === imp.childForFieldName("module_name")?.id) continue;
      if (c.type === "dotted_name") facts.import(c, { local: c.text, module, imported: c.text });
      else if (c.type === "aliased_import") {
        const name = c.childForFieldName("name")?.text;
        const alias = c.childForFieldName("alias")?.text;
        if (name && alias) facts.import(c, { local: alias, module, imported: name });
      }
    }
  }
  for (const imp of ctx.nodes("import_statement")) {
    for (const c of imp.namedChildren) {
      if (c?.type === "aliased_import") {
        const name = c.childForFieldName("name")?.text;
        const alias = c.childForFieldName("alias")?.text;
        if (name && alias) facts.import(c, { local: alias, module: name, imported: "*" });
      }
    }
  }

  const importedLocals = new Set<string>();
  for (const m of text.matchAll(/^\s*from\s+\S+\s+import\s+\(?([^)\n]*)/gm)) for (const part of m[1]!.split(",")) importedLocals.add(part.trim().split(/\s+as\s+/).pop()!);
  // router variables and security schemes
  const routerVars = new Set<string>();
  for (const asg of ctx.nodes("assignment")) {
    const left = asg.childForFieldName("left");
    const right = asg.childForFieldName("right");
    if (left?.type !== "identifier" || right?.type !== "call") continue;
    const name = calleeName(right, "python");
    if (ROUTER_FACTORIES.has(name)) {
      routerVars.add(left.text);
      const kw = pyKwargs(right);
      const prefix = stringValue(kwValue(kw.get("prefix") ?? kw.get("url_prefix")), "python") ?? "";
      const mw = dependsNames(kwValue(kw.get("dependencies")), depCalls);
      const sub = name === "APIRouter" || name === "Blueprint";
      facts.router(asg, { key: facts.varKey(left.text), prefix, mw, app: !sub, sub });
    } else if (name === "Api" && /flask_restful|flask_restx|flask_smorest/.test(text)) {
      routerVars.add(left.text);
      const kw = pyKwargs(right);
      const parent = pyPositional(right)[0] ?? kwValue(kw.get("app"));
      const decorators = kwValue(kw.get("decorators"));
      facts.router(asg, { key: facts.varKey(left.text), prefix: stringValue(kwValue(kw.get("prefix")), "python") ?? "", mw: decorators ? listNames(decorators) : [], sub: !parent });
      if (parent) facts.mount(asg, { parent: facts.varKey(parent.text), childKey: facts.varKey(left.text), prefix: "", mw: [], order: asg.startIndex });
    } else if (SECURITY_SCHEMES.test(name)) facts.authCode(asg, left.text);
  }
  // CurrentUser = Annotated[User, Depends(get_current_user)]
  for (const asg of text.includes("Annotated[") ? ctx.nodes("assignment", "type_alias_statement") : []) {
    const left = asg.childForFieldName("left") ?? asg.namedChildren[0];
    const right = asg.childForFieldName("right") ?? asg.childForFieldName("value") ?? asg.namedChildren[1];
    if (!left || !right || !/^Annotated\[/.test(right.text)) continue;
    facts.dep(asg, left.text.replace(/^type\s+/, ""), dependsNames(right, depCalls));
  }

  const functions = ctx.nodes("function_definition");
  const fnByName = new Map<string, Node>();
  for (const f of functions) {
    const n = f.childForFieldName("name")?.text;
    if (n && !fnByName.has(n)) fnByName.set(n, f);
  }

  // functions: dependency chains and code that authenticates
  for (const f of functions) {
    const name = f.childForFieldName("name")?.text;
    if (!name) continue;
    const deps = fnParams(f).flatMap((p) => {
      const type = p.childForFieldName("type")?.text;
      return [...dependsNames(p, depCalls), ...(type && /^[A-Z]\w*$/.test(type) ? [`annot:${type}`] : [])];
    });
    facts.dep(f, name, deps);
    const body = f.childForFieldName("body");
    if (body && readsAuth(body.text)) facts.authCode(f, name);
  }

  const inputFlags = (fn: Node): { validated: boolean | null; paginationBounded: boolean | null } => {
    const body = fn.childForFieldName("body")?.text ?? "";
    let validated: boolean | null = null;
    let paginationBounded: boolean | null = null;
    for (const p of fnParams(fn)) {
      const name = paramName(p);
      const type = p.childForFieldName("type")?.text ?? "";
      const value = p.childForFieldName("value");
      if (name === "self" || name === "cls" || name === "request") continue;
      const isDep = /\b(Depends|Security)\(/.test(value?.text ?? "") || /Depends\(|Security\(/.test(type);
      if (isDep) continue;
      const isQuery = /\b(Query|Path|Header|Cookie)\(/.test(value?.text ?? "") || /\b(Query|Path|Header|Cookie)\(/.test(type);
      if (PAGE_SIZE_RE.test(name) && /^(int|Optional\[int\]|int \| None)/.test(type.replace(/^Annotated\[/, ""))) {
        paginationBounded = /\b(le|lt)\s*=/.test((value?.text ?? "") + type);
        continue;
      }
      if (isQuery) continue;
      if (/\bBody\(/.test(value?.text ?? "")) validated = !/^(dict|Dict|Any)/.test(type);
      else if (/^(dict|Dict|Any)\b/.test(type)) validated = false;
      else if (type && !PRIMITIVES.test(type) && /^[A-Z]/.test(type) && !value) validated = validated ?? true;
    }
    if (/\brequest\.(json|body|form)\(\)/.test(body)) validated = false;
    if (/\brequest\.(get_json\(|json\b|form\b|data\b)|json\.loads\(\s*request\.body|request\.POST\b/.test(body)) validated = /\.load\(|\.validate\(|is_valid\(\)|model_validate|parse_obj|Schema\(\)\.load/.test(body);
    const reads = [...body.matchAll(/request\.(?:args|GET|query_params)\.get\(\s*["'](\w+)["']/g)].map((m) => m[1]!);
    if (reads.some((r) => PAGE_SIZE_RE.test(r))) paginationBounded = /\bmin\(/.test(body);
    return { validated, paginationBounded };
  };

  // decorated routes (FastAPI, Flask)
  for (const dd of ctx.nodes("decorated_definition")) {
    const def = dd.childForFieldName("definition");
    if (def?.type !== "function_definition") continue;
    const decorators = dd.namedChildren.filter((c): c is Node => c?.type === "decorator");
    const handler = def.childForFieldName("name")?.text ?? "";
    let found = false;
    for (const dec of decorators) {
      const expr = dec.namedChildren[0];
      if (expr?.type !== "call") continue;
      const fn = expr.childForFieldName("function");
      if (fn?.type !== "attribute") continue;
      const recv = fn.childForFieldName("object")?.text ?? "";
      const meth = fn.childForFieldName("attribute")?.text ?? "";
      if (!routerVars.has(recv)) {
        // a router/app imported from another module
        if (!importedLocals.has(recv) || !/^(app|api|router|bp|blueprint|\w+_(router|bp|blueprint|api))$/.test(recv)) continue;
        routerVars.add(recv);
        facts.mount(dec, { parent: "", parentName: recv, childKey: facts.varKey(recv), prefix: "", mw: [], order: 0 });
      }
      let methods: string[] = [];
      if (FASTAPI_METHODS.has(meth)) methods = [meth.toUpperCase()];
      else if (meth === "route" || meth === "api_route" || meth === "api_view") {
        const m = kwValue(pyKwargs(expr).get("methods"));
        methods = m ? listStrings(m, "python").map((x) => x.toUpperCase()) : ["GET"];
      } else continue;
      const path = stringValue(pyPositional(expr)[0] ?? kwValue(pyKwargs(expr).get("path")), "python");
      if (path === undefined) continue;
      found = true;
      const mw = [...dependsNames(kwValue(pyKwargs(expr).get("dependencies")), depCalls)];
      for (const other of decorators) if (other.id !== dec.id) mw.push(...middlewareNames(other.namedChildren[0]?.text ?? ""));
      for (const p of fnParams(def)) {
        mw.push(...dependsNames(p, depCalls));
        const type = p.childForFieldName("type")?.text;
        if (type && /^[A-Z]\w*$/.test(type)) mw.push(`annot:${type}`);
      }
      const body = def.childForFieldName("body");
      if (body && readsAuth(body.text)) mw.push(INLINE_AUTH);
      const flags = inputFlags(def);
      const fw = /^(route)$/.test(meth) || /flask/i.test(text) ? "flask" : "fastapi";
      for (const m of methods) {
        const validated = ["POST", "PUT", "PATCH"].includes(m) || flags.validated === false ? flags.validated : null;
        facts.route(dec, { fw, method: m, path, handler, owner: facts.varKey(recv), mw, order: dec.startIndex, validated, paginationBounded: flags.paginationBounded, entryPoint: looksLikeRegistration(m, path, def.text) });
      }
    }
    // Flask before_request hooks on a blueprint/app; FastAPI/Starlette @app.middleware("http")
    for (const dec of decorators) {
      const t = dec.namedChildren[0]?.text ?? "";
      const mm = /^(\w+)\.middleware\(\s*["']http["']\s*\)$/.exec(t);
      if (mm && routerVars.has(mm[1]!)) {
        const body = def.childForFieldName("body")?.text ?? "";
        facts.use(dec, { target: facts.varKey(mm[1]!), mw: [handler, ...(readsAuth(body) ? [INLINE_AUTH] : [])], order: dec.startIndex, scope: "all" });
        continue;
      }
      const m = /^(\w+)\.(before_request|before_app_request)$/.exec(t);
      if (m && routerVars.has(m[1]!)) {
        const body = def.childForFieldName("body")?.text ?? "";
        facts.use(dec, { target: facts.varKey(m[1]!), mw: [handler, ...(readsAuth(body) ? [INLINE_AUTH] : [])], order: dec.startIndex, scope: "all" });
      }
    }
    if (!found && isDjango) djangoFunctionView(facts, dd, def, decorators, inputFlags);
  }

  // include_router / register_blueprint / add_middleware / before_request(fn)
  for (const call of ctx.nodes("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const recv = fn.childForFieldName("object")?.text ?? "";
    const meth = fn.childForFieldName("attribute")?.text ?? "";
    if (!routerVars.has(recv)) continue;
    const kw = pyKwargs(call);
    const child = pyPositional(call)[0];
    if (meth === "add_resource" && child) {
      // Flask-RESTful / flask-restx: api.add_resource(TodoList, "/todos", "/todos/all")
      for (const a of pyPositional(call).slice(1)) {
        const path = stringValue(a, "python");
        if (path !== undefined) facts.global(call, { kind: "resource-url", path, view: child.text, owner: facts.varKey(recv) });
      }
      continue;
    }
    if (meth === "add_url_rule" && child) {
      const vf = kwValue(kw.get("view_func")) ?? pyPositional(call)[2];
      const path = stringValue(child, "python");
      if (vf?.type === "call" && calleeName(vf, "python") === "as_view" && path !== undefined) {
        facts.global(call, { kind: "resource-url", path, view: calleeText(vf, "python").replace(/\.as_view$/, ""), owner: facts.varKey(recv) });
        continue;
      }
    }
    if ((meth === "add_api_route" || meth === "add_url_rule") && child) {
      // router.add_api_route("/x", handler, methods=["POST"], dependencies=[...]); app.add_url_rule("/x", view_func=fn, methods=["POST"])
      const path = stringValue(child, "python");
      const view = meth === "add_api_route" ? (pyPositional(call)[1] ?? kwValue(kw.get("endpoint"))) : kwValue(kw.get("view_func")) ?? pyPositional(call)[2];
      if (path === undefined || !view) continue;
      const m = kwValue(kw.get("methods"));
      const methods = m ? listStrings(m, "python").map((x) => x.toUpperCase()) : ["GET"];
      const mw = [...dependsNames(kwValue(kw.get("dependencies")), depCalls)];
      let name = view.text;
      if (view.type === "call") {
        // view_func=login_required(fn)
        mw.push(calleeText(view, "python"));
        name = pyPositional(view)[0]?.text ?? name;
      }
      const target = fnByName.get(name.split(".").pop() ?? name);
      if (target?.parent?.type === "decorated_definition") for (const d of target.parent.namedChildren) if (d?.type === "decorator") mw.push(...middlewareNames(d.namedChildren[0]?.text ?? ""));
      if (target) {
        for (const p of fnParams(target)) mw.push(...dependsNames(p, depCalls));
        if (readsAuth(target.childForFieldName("body")?.text ?? "")) mw.push(INLINE_AUTH);
      }
      for (const mm of methods) facts.route(call, { fw: meth === "add_url_rule" ? "flask" : "fastapi", method: mm, path, handler: name, owner: facts.varKey(recv), mw, order: call.startIndex });
    } else if ((meth === "include_router" || meth === "register_blueprint") && child) {
      const prefix = stringValue(kwValue(kw.get("prefix") ?? kw.get("url_prefix")), "python") ?? "";
      facts.mount(call, { parent: facts.varKey(recv), childName: child.text, prefix, mw: dependsNames(kwValue(kw.get("dependencies")), depCalls), order: call.startIndex });
    } else if (meth === "add_middleware" && child) {
      facts.use(call, { target: facts.varKey(recv), mw: [child.text], order: call.startIndex, scope: "all" });
    } else if ((meth === "before_request" || meth === "before_app_request") && child) {
      const target = fnByName.get(child.text);
      const auth = target && readsAuth(target.text) ? [INLINE_AUTH] : [];
      facts.use(call, { target: facts.varKey(recv), mw: [child.text, ...auth], order: call.startIndex, scope: "all" });
    }
  }

  // Flask-RESTful / flask-restx Resource and Flask MethodView classes
  for (const cls of ctx.nodes("class_definition")) {
    const bases = cls.childForFieldName("superclasses")?.text ?? "";
    if (!/\b(Resource|MethodView)\b/.test(bases) || isDjango) continue;
    const clsName = cls.childForFieldName("name")?.text ?? "";
    const body = cls.childForFieldName("body");
    const classMw: string[] = [];
    const perMethod = new Map<string, string[]>();
    for (const st of body?.namedChildren ?? []) {
      const asg = st?.type === "expression_statement" ? st.namedChildren[0] : null;
      if (asg?.type !== "assignment") continue;
      const l = asg.childForFieldName("left")?.text;
      const r = asg.childForFieldName("right");
      if ((l !== "decorators" && l !== "method_decorators") || !r) continue;
      if (r.type === "dictionary") {
        for (const pair of r.namedChildren) {
          const k = stringValue(pair?.childForFieldName("key"), "python");
          const v = pair?.childForFieldName("value");
          if (k && v) perMethod.set(k.toLowerCase(), listNames(v));
        }
      } else classMw.push(...listNames(r));
    }
    if (cls.parent?.type === "decorated_definition") for (const d of cls.parent.namedChildren) if (d?.type === "decorator") classMw.push(...middlewareNames(d.namedChildren[0]?.text ?? ""));
    for (const m of body?.namedChildren ?? []) {
      const def = m?.type === "decorated_definition" ? m.childForFieldName("definition") : m;
      if (def?.type !== "function_definition") continue;
      const name = def.childForFieldName("name")?.text ?? "";
      const method = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE" }[name];
      if (!method) continue;
      const mw = [...classMw, ...(perMethod.get(name) ?? [])];
      if (m!.type === "decorated_definition") for (const d of m!.namedChildren) if (d?.type === "decorator") mw.push(...middlewareNames(d.namedChildren[0]?.text ?? ""));
      if (readsAuth(def.childForFieldName("body")?.text ?? "")) mw.push(INLINE_AUTH);
      const flags = inputFlags(def);
      facts.route(def, { fw: "flask-resource", method, path: "", handler: `${clsName}.${name}`, owner: null, mw, order: def.startIndex, ...flags });
    }
  }

  if (isDjango) django(ctx, facts, inputFlags);
  void root;
}

type Flags = (fn: Node) => { validated: boolean | null; paginationBounded: boolean | null };

function decoratorName(d: Node): string {
  const e = d.namedChildren[0];
  if (!e) return "";
  return (e.type === "call" ? calleeText(e, "python") : e.text).split(".").pop() ?? "";
}

function djangoFunctionView(facts: RouteFacts, dd: Node, def: Node, decorators: Node[], flags: Flags): void {
  const params = fnParams(def);
  if (!params.length || paramName(params[0]!) !== "request") return;
  let methods: string[] | undefined;
  let auth = false;
  let isPublic = false;
  let drf = false;
  for (const d of decorators) {
    const name = decoratorName(d);
    const e = d.namedChildren[0];
    if (name === "require_POST") methods = ["POST"];
    else if (name === "require_GET" || name === "require_safe") methods = ["GET"];
    else if ((name === "require_http_methods" || name === "api_view") && e?.type === "call") {
      methods = listStrings(callArguments(e, "python")[0], "python").map((m) => m.toUpperCase());
      if (name === "api_view") drf = true;
    } else if (DJANGO_AUTH_DECORATORS.test(name) || middlewareNames(e?.text ?? "").some((n) => /login_required|permission_required|auth/i.test(n))) auth = true;
    else if (name === "permission_classes" && e) {
      if (/AllowAny/.test(e.text)) isPublic = true;
      else if (/IsAuthenticated|IsAdminUser|Permission|DjangoModelPermissions/.test(e.text)) auth = true;
      drf = false;
    }
  }
  const body = def.childForFieldName("body")?.text ?? "";
  if (!methods) {
    const seen = [...body.matchAll(/request\.method\s*(?:==|!=)\s*["'](\w+)["']|request\.method\s+in\s+\(([^)]*)\)/g)].flatMap((m) => (m[1] ? [m[1]] : listFromText(m[2]!)));
    methods = seen.length ? [...new Set(seen.map((s) => s.toUpperCase()))] : ["GET"];
    if (seen.length && !methods.includes("GET")) methods.unshift("GET");
  }
  if (readsAuth(body)) auth = true;
  const handler = def.childForFieldName("name")?.text ?? "";
  const f = flags(def);
  for (const m of methods) facts.route(def, { fw: "django", method: m, path: "", handler, owner: null, mw: [], auth, public: isPublic, order: def.startIndex, drf: drf && !auth && !isPublic, ...f });
  void dd;
}

function listFromText(t: string): string[] {
  return [...t.matchAll(/["'](\w+)["']/g)].map((m) => m[1]!);
}

const CBV_BASES = /\b(View|APIView|GenericAPIView|\w+APIView|ViewSet|\w+ViewSet|FormView|CreateView|UpdateView|DeleteView|TemplateView|RedirectView)\b/;
const VIEWSET_METHODS: Record<string, string[]> = {
  ModelViewSet: ["POST", "PUT", "PATCH", "DELETE"],
  CreateModelMixin: ["POST"],
  UpdateModelMixin: ["PUT", "PATCH"],
  DestroyModelMixin: ["DELETE"],
};

function django(ctx: FileContext, facts: RouteFacts, flags: Flags): void {
  const text = ctx.file.text;
  // settings: DRF default permission classes
  const rf = /REST_FRAMEWORK\s*=\s*\{[\s\S]*?["']DEFAULT_PERMISSION_CLASSES["']\s*:\s*[[(]([^\])]*)[\])]/.exec(text);
  if (rf) facts.global(ctx.file.tree.rootNode, { kind: "drf-default", auth: /IsAuthenticated|IsAdminUser|Permission/.test(rf[1]!) && !/AllowAny/.test(rf[1]!) });
  // urls.py: path("x/", views.fn), path("x/", View.as_view())
  for (const call of ctx.nodes("call")) {
    const name = calleeName(call, "python");
    if (name !== "path" && name !== "re_path" && name !== "url") continue;
    const [p, view] = pyPositional(call);
    const route = stringValue(p, "python");
    if (route === undefined || !view) continue;
    const v = view.type === "call" ? calleeText(view, "python").replace(/\.as_view$/, "") : view.text;
    if (v === "include") {
      const mod = stringValue(pyPositional(view)[0], "python");
      if (mod) facts.global(call, { kind: "django-include", prefix: route.replace(/^\^|\$$/g, ""), module: mod });
      continue;
    }
    if (/^admin\.site/.test(v)) continue;
    facts.global(call, { kind: "django-url", path: route.replace(/^\^|\$$/g, ""), view: v });
  }
  // DRF routers: router.register(r"posts", PostViewSet)
  for (const call of ctx.nodes("call")) {
    if (calleeName(call, "python") !== "register") continue;
    const [prefix, view] = pyPositional(call);
    const p = stringValue(prefix, "python");
    if (p === undefined || !view || !/ViewSet$|View$/.test(view.text)) continue;
    facts.global(call, { kind: "django-url", path: p.replace(/^\^|\$$/g, "").replace(/\/?$/, "/"), view: view.text });
  }
  // class-based views
  for (const cls of ctx.nodes("class_definition")) {
    const bases = cls.childForFieldName("superclasses")?.text ?? "";
    if (!CBV_BASES.test(bases) && !/Mixin/.test(bases)) continue;
    const body = cls.childForFieldName("body");
    const clsName = cls.childForFieldName("name")?.text ?? "";
    let auth = /LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|AccessMixin/.test(bases);
    let isPublic = false;
    const drf = /APIView|ViewSet/.test(bases);
    const bodyText = body?.text ?? "";
    const perm = /permission_classes\s*=\s*[[(]([^\])]*)[\])]/.exec(bodyText);
    let explicitPerm = false;
    if (perm) {
      explicitPerm = true;
      if (/AllowAny/.test(perm[1]!)) isPublic = true;
      else if (perm[1]!.trim()) auth = true;
    }
    const parentDecorators = cls.parent?.type === "decorated_definition" ? cls.parent.text.slice(0, cls.startIndex - cls.parent.startIndex) : "";
    if (/login_required|permission_required|staff_member_required/.test(parentDecorators)) auth = true;
    const handled = new Set<string>();
    for (const m of body?.namedChildren ?? []) {
      const def = m?.type === "decorated_definition" ? m.childForFieldName("definition") : m;
      if (def?.type !== "function_definition") continue;
      const name = def.childForFieldName("name")?.text ?? "";
      const method = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE", create: "POST", update: "PUT", partial_update: "PATCH", destroy: "DELETE" }[name];
      if (!method) continue;
      handled.add(method);
      const decText = m!.type === "decorated_definition" ? m!.text.slice(0, def.startIndex - m!.startIndex) : "";
      const mAuth = auth || /login_required|permission_required|IsAuthenticated/.test(decText) || readsAuth(def.childForFieldName("body")?.text ?? "");
      facts.route(def, { fw: "django", method, path: "", handler: `${clsName}.${name}`, owner: null, mw: [], auth: mAuth, public: isPublic, order: def.startIndex, drf: drf && !explicitPerm && !mAuth, ...flags(def) });
    }
    for (const [base, methods] of Object.entries(VIEWSET_METHODS)) {
      if (!new RegExp(`\\b${base}\\b`).test(bases)) continue;
      for (const method of methods) {
        if (handled.has(method)) continue;
        handled.add(method);
        facts.route(cls.childForFieldName("name") ?? cls, { fw: "django", method, path: "", handler: clsName, owner: null, mw: [], auth, public: isPublic, order: cls.startIndex, drf: drf && !explicitPerm && !auth });
      }
    }
  }
}
