// The resolved route inventory of a project: routes from every file's facts, with routers mounted in
// other files followed to the app, prefixes joined, and auth decided from the route, its routers,
// the app and framework-wide configuration. Used by missing-auth's project phase and by
// `collectRoutes` (CLI `routes`, server `backendChecklist/routes`), so both see the same inventory.
import { posix } from "node:path";
import type { Fact, Range } from "../../engine/types";
import type { ProjectInfo } from "../../project/model";
import { hasDependencyMatching } from "../../project/model";
import {
  isAuthName,
  isStrongAuthName,
  isExemptRoute,
  isNeverAuth,
  joinPath,
  STATE_CHANGING,
  type GlobalAuthData,
  type ImportData,
  type MountData,
  type RouteData,
  type RouterData,
  type UseData,
} from "./routes-model";

export interface ResolvedRoute {
  method: string;
  path: string;
  handler: string;
  /** Absolute path of the file holding the registration. */
  file: string;
  range: Range;
  framework: string;
  auth: boolean;
  /** Explicitly public (a decision, not a finding). */
  public: boolean;
  /** Auth entry point, health probe or webhook. */
  exempt: boolean;
  /** On a sub-router we cannot see mounted, in a project whose app applies auth globally. */
  unresolvedMount: boolean;
  validated: boolean | null;
  paginationBounded: boolean | null;
}

type FactsOf = (kind: string) => Fact[];

function relOf(project: ProjectInfo, file: string): string {
  const root = project.root.replace(/\\/g, "/").replace(/\/+$/, "");
  const f = file.replace(/\\/g, "/");
  return f.startsWith(root + "/") ? f.slice(root.length + 1) : f;
}

function stripExt(p: string): string {
  return p.replace(/\.(d\.)?(tsx?|jsx?|mjs|cjs|mts|cts|py)$/, "");
}

/** Glob-ish matcher for Spring Security patterns (`/api/**`, `/x/*`, `/a/{id}`). */
function antMatch(pattern: string, path: string): boolean {
  const re = pattern
    .replace(/[.+^$()|[\]\\]/g, "\\$&")
    .replace(/\/\*\*$/, "(/.*)?")
    .replace(/\*\*/g, ".*")
    .replace(/\*/g, "[^/]*")
    .replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${re}/?$`).test(path);
}

export function resolveRoutes(project: ProjectInfo, facts: FactsOf, extraAuthNames: readonly string[] = []): ResolvedRoute[] {
  const authCode = new Set(facts("auth-code").map((f) => String(f.data.name)));
  const deps = new Map<string, string[]>();
  for (const f of facts("dep")) {
    const name = String(f.data.name);
    deps.set(name, [...(deps.get(name) ?? []), ...((f.data.deps as string[]) ?? [])]);
  }
  /** Dependencies of a function/alias named by a (possibly loosely scoped) key. */
  const annotDeps = (key: string): string[] => {
    const exact = deps.get(key);
    if (exact) return exact;
    const m = /^(?:[pf]:)?(.*)#([^#]*)$/.exec(key);
    if (!m) return [];
    const cands = [...deps.keys()].filter((k) => k.endsWith("#" + m[2]));
    const scoped = cands.filter((k) => {
      const sc = k.slice(k.indexOf(":") + 1, k.lastIndexOf("#"));
      return !!m[1] && (sc === m[1] || sc.endsWith("::" + m[1]) || m[1].endsWith("::" + sc));
    });
    const pick = scoped.length === 1 ? scoped : cands.length === 1 ? cands : [];
    return pick.flatMap((k) => deps.get(k) ?? []);
  };
  // functions a wrapper/middleware calls (judged strictly: a wrapper that calls an auth-like function)
  const calls = new Map<string, string[]>();
  for (const f of facts("calls")) {
    const name = String(f.data.name);
    calls.set(name, [...(calls.get(name) ?? []), ...((f.data.calls as string[]) ?? [])]);
  }
  const authMemo = new Map<string, boolean>();
  /** Types that name the authenticated caller (`CurrentUser`, `AuthenticatedUser`, `Principal`): not a form or payload. */
  const CALLER_TYPE = /^(Current|Authenticated|Auth|LoggedIn|Verified)[A-Z]\w*$|(Principal|Claims)$/;
  const isAuth = (raw: string, seen = new Set<string>()): boolean => {
    const name = raw.replace(/\(.*$/s, "").trim();
    const hit = authMemo.get(name);
    if (hit !== undefined) return hit;
    if (seen.has(name)) return false;
    seen.add(name);
    let result = false;
    if (name.startsWith("annot:")) {
      // An annotation alias defined in the project is judged by its dependencies; one defined
      // elsewhere (a shared package) by its own name: `current_user: CurrentUser`.
      const key = name.slice(6);
      const ds = annotDeps(key);
      const type = key.slice(key.lastIndexOf("#") + 1).split(/[.:]+/).pop() ?? "";
      result = ds.length ? ds.some((d) => isAuth(d, seen)) : CALLER_TYPE.test(type) || extraAuthNames.includes(type);
    }
    else if (!name || isNeverAuth(name)) result = false;
    else if (isAuthName(name, extraAuthNames)) result = true;
    else {
      const last = name.split(/[.:]+/).pop() ?? name;
      if (authCode.has(name) || authCode.has(last)) result = true;
      else
        result =
          (deps.get(name) ?? deps.get(last) ?? []).some((d) => isAuth(d, seen)) ||
          (calls.get(last) ?? []).some((c) => authCode.has(c) || isStrongAuthName(c, extraAuthNames));
    }
    authMemo.set(name, result);
    return result;
  };

  // Routers, uses, mounts, imports
  const routers = new Map<string, RouterData>();
  for (const f of facts("router")) {
    const d = f.data as unknown as RouterData;
    const prev = routers.get(d.key);
    routers.set(d.key, prev ? { key: d.key, prefix: prev.prefix || d.prefix, mw: [...prev.mw, ...d.mw], app: prev.app || d.app, sub: prev.sub || d.sub } : d);
  }
  const imports = new Map<string, Map<string, ImportData>>();
  for (const f of facts("import")) {
    const rel = relOf(project, f.file);
    let m = imports.get(rel);
    if (!m) imports.set(rel, (m = new Map()));
    const d = f.data as unknown as ImportData;
    m.set(d.local, d);
  }
  const routeFacts = facts("route");
  const owners = new Set<string>([...routers.keys(), ...facts("use").map((f) => String(f.data.target))]);
  for (const f of routeFacts) if (f.data.owner) owners.add(String(f.data.owner));
  for (const f of facts("mount")) owners.add(String(f.data.parent));
  const relFiles = new Map<string, string>();
  for (const k of owners) {
    const m = /^[vc]:(.*):[^:]+$/.exec(k);
    if (m) relFiles.set(stripExt(m[1]!), m[1]!);
  }
  const byLast = new Map<string, string[]>();
  for (const k of owners) {
    const last = k.slice(k.lastIndexOf(":") + 1);
    byLast.set(last, [...(byLast.get(last) ?? []), k]);
  }

  // function-scoped owners `p:<scope>#<name>` / `f:<scope>#<name>`, looked up loosely by name
  const fnKeys = new Map<string, string[]>();
  for (const k of owners) {
    const m = /^[pf]:.*#([^#]*)$/.exec(k);
    if (m) fnKeys.set(m[1]!, [...(fnKeys.get(m[1]!) ?? []), k]);
  }
  const scopeMatches = (have: string, want: string): boolean =>
    !!want && (have === want || have.endsWith("::" + want) || have.endsWith("/" + want) || want.endsWith("::" + have) || want.endsWith("/" + have));
  const looseKey = (key: string): string | undefined => {
    if (owners.has(key)) return key;
    const m = /^([pf]):(.*)#([^#]*)$/.exec(key);
    if (!m) return undefined;
    const cands = (fnKeys.get(m[3]!) ?? []).filter((k) => k.startsWith(m[1]! + ":") || m[2] === "*");
    const scoped = cands.filter((k) => scopeMatches(k.slice(2, k.lastIndexOf("#")), m[2]!));
    if (scoped.length === 1) return scoped[0];
    return cands.length === 1 ? cands[0] : undefined;
  };

  const moduleFile = (fromRel: string, module: string): string | undefined => {
    let base: string;
    if (module.startsWith("./") || module.startsWith("../")) base = stripExt(posix.normalize(posix.join(posix.dirname(fromRel), module)));
    else if (/^\.+/.test(module)) {
      const dots = /^\.+/.exec(module)![0].length;
      let dir = posix.dirname(fromRel);
      for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
      base = posix.join(dir, module.slice(dots).replace(/\./g, "/"));
    } else base = module.replace(/\./g, "/");
    for (const cand of [base, `${base}/index`, `${base}/__init__`]) {
      const hit = relFiles.get(cand);
      if (hit) return hit;
    }
    for (const [noExt, rel] of relFiles) if (noExt.endsWith("/" + base) || noExt.endsWith("/" + base + "/__init__")) return rel;
    return undefined;
  };

  const resolveName = (rel: string, name: string, skipLocal = false): string | undefined => {
    const local = `v:${rel}:${name}`;
    if (!skipLocal && owners.has(local)) return local;
    const [head, ...rest] = name.split(".");
    const imp = imports.get(rel)?.get(head!);
    if (imp) {
      const module = rest.length && imp.imported !== "*" && imp.imported !== "default" ? `${imp.module}.${imp.imported}` : imp.module;
      const imported = rest.length ? rest.join(".") : imp.imported;
      const target = moduleFile(rel, module) ?? (rest.length ? moduleFile(rel, imp.module) : undefined);
      if (target) {
        for (const k of [`v:${target}:${imported}`, `p:${target}#${imported}`]) if (owners.has(k)) return k;
      }
    }
    const last = name.split(/[.:]+/).pop()!;
    if (owners.has(`p:${rel}#${last}`)) return `p:${rel}#${last}`;
    const fn = looseKey(`p:*#${last}`);
    if (fn) return fn;
    const cands = (byLast.get(last) ?? []).filter((k) => k.startsWith("v:") && k !== local);
    if (cands.length === 1) return cands[0];
    return undefined;
  };

  // middleware lists of `app.use("/x", router)` name routers too: those are mounts, not middleware
  const uses = new Map<string, UseData[]>();
  for (const f of facts("use")) {
    const d = f.data as unknown as UseData;
    const rel = relOf(project, f.file);
    const mw = d.mw.filter((m) => !/^[A-Za-z_$][\w$.]*$/.test(m) || !resolveName(rel, m));
    uses.set(d.target, [...(uses.get(d.target) ?? []), { ...d, mw }]);
  }
  const parentsOf = new Map<string, Array<MountData & { file: string }>>();
  for (const f of facts("mount")) {
    const d = f.data as unknown as MountData;
    const rel = relOf(project, f.file);
    const parent = d.parentName ? resolveName(rel, d.parentName, true) : d.parent;
    if (!parent) continue;
    let child = d.childKey ? looseKey(d.childKey) : undefined;
    if (!child && d.childName) child = resolveName(rel, d.childName);
    if (!child || child === parent) continue;
    parentsOf.set(child, [...(parentsOf.get(child) ?? []), { ...d, parent, file: f.file }]);
  }

  const usesApply = (key: string, order: number, innerPath: string): boolean =>
    (uses.get(key) ?? []).some((u) => {
      if (u.scope === "after" && !(u.order < order)) return false;
      if (u.scope === "before" && !(u.order > order)) return false;
      if (u.path && !innerPath.startsWith(u.path.replace(/\/$/, ""))) return false;
      return u.mw.some((m) => isAuth(m));
    });

  interface Ctx {
    prefix: string;
    auth: boolean;
    /** The chain ends at a sub-router that nothing we can see mounts. */
    orphan?: boolean;
  }
  const contexts = (key: string, order: number, innerPath: string, depth: number, seen: Set<string>): Ctx[] => {
    const router = routers.get(key);
    const prefix = router?.prefix ?? "";
    const local = usesApply(key, order, innerPath) || (router?.mw.some((m) => isAuth(m)) ?? false);
    const parents = depth < 8 && !seen.has(key) ? (parentsOf.get(key) ?? []) : [];
    if (!parents.length) return [{ prefix, auth: local, orphan: router?.sub === true }];
    const out: Ctx[] = [];
    const nextSeen = new Set(seen).add(key);
    for (const m of parents) {
      const inner = joinPath(m.prefix, prefix, innerPath);
      for (const c of contexts(m.parent, m.order, inner, depth + 1, nextSeen)) {
        out.push({ prefix: joinPath(c.prefix, m.prefix, prefix), auth: c.auth || local || m.mw.some((x) => isAuth(x)), orphan: c.orphan });
      }
    }
    return out;
  };

  // An app with auth applied to everything it serves: a sub-router whose mount we cannot see (loaded
  // dynamically, mounted through a loop) is probably behind it, so its routes are not reported.
  const appAuth = [...routers.values()].some((r) => r.app && (r.mw.some((m) => isAuth(m)) || (uses.get(r.key) ?? []).some((u) => !u.path && u.mw.some((m) => isAuth(m)))));

  // Framework-wide configuration
  const globals = facts("global-auth").map((f) => f.data as unknown as GlobalAuthData);
  const nestGlobalGuard = globals.some((g) => g.kind === "nest-guard" && g.names.some((n) => isAuth(n)));
  const nestPrefix = globals.find((g): g is Extract<GlobalAuthData, { kind: "nest-prefix" }> => g.kind === "nest-prefix")?.prefix ?? "";
  const spring = globals.filter((g): g is Extract<GlobalAuthData, { kind: "spring-security" }> => g.kind === "spring-security");
  const springSecurityDep = hasDependencyMatching(project, /(^|:)spring-boot-starter-(security|oauth2-resource-server)$|^spring-security-(web|config)$/);
  const micronautSecurity = hasDependencyMatching(project, /^micronaut-security|:micronaut-security/);
  const drfDefaultAuth = globals.some((g) => g.kind === "drf-default" && g.auth);
  // Django: url patterns, with the prefixes of the include() that pulls their urls module in
  const includes = facts("global-auth").filter((f) => f.data.kind === "django-include");
  const includePrefix = (file: string, depth = 0): string => {
    const mod = stripExt(relOf(project, file)).replace(/\//g, ".");
    const inc = includes.find((f) => mod === String(f.data.module) || mod.endsWith("." + String(f.data.module)));
    if (!inc || depth > 4) return "";
    return joinPath(includePrefix(inc.file, depth + 1), String(inc.data.prefix)).replace(/^\//, "");
  };
  const djangoUrls = facts("global-auth")
    .filter((f) => f.data.kind === "django-url")
    .map((f) => {
      const d = f.data as unknown as Extract<GlobalAuthData, { kind: "django-url" }>;
      const pre = includePrefix(f.file);
      return { kind: "django-url" as const, view: d.view, path: pre ? pre.replace(/\/?$/, "/") + d.path.replace(/^\//, "") : d.path };
    });

  const springDecision = (path: string, method: string): boolean | "public" => {
    if (!spring.length) return springSecurityDep;
    for (const cfg of spring) {
      for (const r of cfg.rules) {
        if (r.methods.length && !r.methods.includes(method)) continue;
        if (!r.patterns.some((p) => antMatch(p, path))) continue;
        return r.access === "permit" ? "public" : true;
      }
      if (cfg.any) return cfg.any === "auth";
    }
    return false;
  };

  // Input facts: `route-input` from the input-validation rules (preferred), then this rule's own
  // simple cases (`route-input-local`). Keyed by handler name; an inline handler is matched by position.
  interface Input {
    validated: boolean | null;
    paginationBounded: boolean | null;
  }
  const inputIndex = (kind: string) => {
    const byHandler = new Map<string, Input>();
    const byFile = new Map<string, Array<{ line: number; input: Input }>>();
    for (const f of facts(kind)) {
      const input: Input = {
        validated: typeof f.data.validated === "boolean" ? f.data.validated : null,
        paginationBounded: typeof f.data.paginationBounded === "boolean" ? f.data.paginationBounded : null,
      };
      const h = String(f.data.handler ?? "");
      if (h) {
        const prev = byHandler.get(h);
        byHandler.set(h, { validated: input.validated ?? prev?.validated ?? null, paginationBounded: input.paginationBounded ?? prev?.paginationBounded ?? null });
      }
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), { line: f.range.start.line, input }]);
    }
    return (handler: string, last: string, file: string, range: Range): Input | undefined => {
      const named = byHandler.get(handler) ?? (handler !== "(inline)" ? byHandler.get(last) : undefined);
      if (named) return named;
      const inside = (byFile.get(file) ?? []).filter((x) => x.line >= range.start.line && x.line <= range.end.line);
      if (!inside.length) return undefined;
      return {
        validated: inside.some((x) => x.input.validated === false) ? false : inside.some((x) => x.input.validated === true) ? true : null,
        paginationBounded: inside.some((x) => x.input.paginationBounded === false) ? false : inside.some((x) => x.input.paginationBounded === true) ? true : null,
      };
    };
  };
  const sharedInput = inputIndex("route-input");
  const localInput = inputIndex("route-input-local");

  const out: ResolvedRoute[] = [];
  for (const f of routeFacts) {
    const d = f.data as unknown as RouteData;
    const handlerLast = d.handler.split(/[.:]+/).pop() ?? d.handler;
    const localAuth = d.auth === true || d.mw.some((m) => isAuth(m)) || authCode.has(d.handler) || authCode.has(handlerLast);
    const shared = sharedInput(d.handler, handlerLast, f.file, f.range);
    const local = localInput(d.handler, handlerLast, f.file, f.range);
    const pick = (k: keyof Input): boolean | null => {
      const own = d[k];
      return shared?.[k] ?? (typeof own === "boolean" ? own : null) ?? local?.[k] ?? null;
    };
    const validated = pick("validated");
    const paginationBounded = pick("paginationBounded");
    let ctxs: Ctx[];
    if (d.owner) ctxs = contexts(d.owner, d.order, d.path, 0, new Set());
    else ctxs = [{ prefix: "", auth: false }];
    if (d.fw === "flask-resource") {
      const cls = d.handler.split(".")[0];
      const urls = facts("global-auth").filter((u) => u.data.kind === "resource-url" && String(u.data.view).split(".").pop() === cls);
      ctxs = urls.flatMap((u) => contexts(String(u.data.owner), Number.MAX_SAFE_INTEGER, String(u.data.path), 0, new Set()).map((c) => ({ ...c, prefix: joinPath(c.prefix, String(u.data.path)) })));
      if (!ctxs.length) ctxs = [{ prefix: "", auth: false }];
    }
    if (d.fw === "django") {
      const first = d.handler.split(".")[0];
      const urls = djangoUrls.filter((u) => u.view === d.handler || u.view.split(".").pop() === handlerLast || u.view.split(".").pop() === first);
      ctxs = urls.length ? urls.map((u) => ({ prefix: u.path, auth: false })) : ctxs;
    }
    const seenPaths = new Set<string>();
    for (const c of ctxs) {
      let path = d.fw === "django" ? (c.prefix ? "/" + c.prefix.replace(/^\//, "") : d.path || "") : joinPath(c.prefix, d.path);
      if (d.fw === "nestjs" && nestPrefix) path = joinPath(nestPrefix, path);
      if (seenPaths.has(path)) continue;
      seenPaths.add(path);
      let auth = localAuth || c.auth;
      let isPublic = d.public === true;
      if (d.fw === "nestjs" && nestGlobalGuard && !isPublic) auth = true;
      if (d.javaSecurity === "spring" && !auth && !isPublic) {
        const s = springDecision(path, d.method);
        if (s === "public") isPublic = true;
        else if (s) auth = true;
      }
      if (d.javaSecurity === "micronaut" && micronautSecurity && !isPublic) auth = true;
      if (d.drf && drfDefaultAuth && !isPublic) auth = true;
      if (isPublic) auth = false;
      out.push({
        method: d.method,
        path,
        handler: d.handler,
        file: f.file,
        range: f.range,
        framework: d.fw,
        auth,
        public: isPublic,
        exempt: d.entryPoint === true || isExemptRoute(path, d.handler),
        unresolvedMount: c.orphan === true && appAuth,
        validated,
        paginationBounded,
      });
    }
  }
  out.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.path.localeCompare(b.path));
  return out;
}

/** Whether the route deserves a missing-auth finding. */
export function lacksAuth(r: ResolvedRoute): boolean {
  return STATE_CHANGING.has(r.method) && !r.auth && !r.public && !r.exempt && !r.unresolvedMount;
}

/** The configured auth-like names (`authNames` of the project file or the rule's options). */
export function authNamesOf(options: Readonly<Record<string, unknown>>): string[] {
  const v = options.authNames;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
