// Route-inventory facts for Spring Boot (MVC/WebFlux annotations + Spring Security rules),
// Micronaut (@Controller/@Post + @Secured) and Quarkus/JAX-RS (@Path/@POST + @RolesAllowed).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { stringValue } from "../../languages/common";
import { PAGE_SIZE_RE, RouteFacts } from "../_shared/routes-emit";
import { joinPath, looksLikeRegistration, readsAuth } from "../_shared/routes-model";
import { listStrings } from "../_shared/syntax";

const SPRING_MAPPINGS: Record<string, string> = { GetMapping: "GET", PostMapping: "POST", PutMapping: "PUT", PatchMapping: "PATCH", DeleteMapping: "DELETE" };
const MICRONAUT_METHODS: Record<string, string> = { Get: "GET", Post: "POST", Put: "PUT", Patch: "PATCH", Delete: "DELETE" };
const JAXRS_METHODS: Record<string, string> = { GET: "GET", POST: "POST", PUT: "PUT", PATCH: "PATCH", DELETE: "DELETE", HEAD: "HEAD" };
const AUTH_ANNOTATIONS = /^(PreAuthorize|PostAuthorize|Secured|RolesAllowed|Authenticated|DenyAll|RequiresAuthentication|RequiresRoles|RequiresPermissions)$/;

interface Ann {
  name: string;
  node: Node;
  /** Positional value(s) and `value`/`path` element values, as strings. */
  values: string[];
  pairs: Map<string, Node>;
  text: string;
}

function annotations(modifiers: Node | null | undefined): Ann[] {
  const out: Ann[] = [];
  for (const c of modifiers?.namedChildren ?? []) {
    if (!c || (c.type !== "annotation" && c.type !== "marker_annotation")) continue;
    const name = (c.childForFieldName("name")?.text ?? "").split(".").pop()!;
    const pairs = new Map<string, Node>();
    const values: string[] = [];
    for (const a of c.childForFieldName("arguments")?.namedChildren ?? []) {
      if (!a) continue;
      if (a.type === "element_value_pair") {
        const k = a.childForFieldName("key")?.text ?? "";
        const v = a.childForFieldName("value");
        if (v) pairs.set(k, v);
        if (v && (k === "value" || k === "path" || k === "uri")) values.push(...listStrings(v, "java"));
      } else values.push(...listStrings(a, "java"));
    }
    out.push({ name, node: c, values, pairs, text: c.text });
  }
  return out;
}

function modifiersOf(n: Node): Node | null {
  return n.namedChildren.find((c) => c?.type === "modifiers") ?? null;
}

export function java(ctx: FileContext): void {
  const facts = new RouteFacts(ctx);
  const text = ctx.file.text;
  const isMicronaut = /\bio\.micronaut\.http\.annotation\b/.test(text);
  const isJaxrs = /\b(jakarta|javax)\.ws\.rs\b/.test(text);
  const isSpring = /\borg\.springframework\.web\.bind\.annotation\b/.test(text);

  springSecurity(ctx, facts);
  // filters / interceptors whose code authenticates
  for (const cls of ctx.nodes("class_declaration")) {
    const name = cls.childForFieldName("name")?.text;
    const body = cls.childForFieldName("body")?.text ?? "";
    if (name && /(Filter|Interceptor|Guard)$/.test(name) && readsAuth(body)) facts.authCode(cls, name);
  }

  for (const cls of ctx.nodes("class_declaration")) {
    const cAnns = annotations(modifiersOf(cls));
    const cNames = new Set(cAnns.map((a) => a.name));
    let prefix = "";
    let fw: "spring" | "micronaut" | "quarkus" | undefined;
    if (isSpring && (cNames.has("RestController") || cNames.has("Controller") || cNames.has("RequestMapping"))) {
      fw = "spring";
      prefix = cAnns.find((a) => a.name === "RequestMapping")?.values[0] ?? "";
    } else if (isMicronaut && cNames.has("Controller")) {
      fw = "micronaut";
      prefix = cAnns.find((a) => a.name === "Controller")?.values[0] ?? "/";
    } else if (isJaxrs && cNames.has("Path")) {
      fw = "quarkus";
      prefix = cAnns.find((a) => a.name === "Path")?.values[0] ?? "";
    }
    if (!fw) continue;
    const classAuth = cAnns.some((a) => AUTH_ANNOTATIONS.test(a.name) && !isAnonymous(a));
    const classPublic = cAnns.some((a) => a.name === "PermitAll" || a.name === "AnonymousAllowed" || (a.name === "Secured" && isAnonymous(a)));
    const clsName = cls.childForFieldName("name")?.text ?? "";
    for (const m of cls.childForFieldName("body")?.namedChildren ?? []) {
      if (m?.type !== "method_declaration") continue;
      const anns = annotations(modifiersOf(m));
      const routes: Array<{ method: string; path: string; at: Node }> = [];
      for (const a of anns) {
        if (fw === "spring" && SPRING_MAPPINGS[a.name]) routes.push({ method: SPRING_MAPPINGS[a.name]!, path: a.values[0] ?? "", at: a.node });
        else if (fw === "spring" && a.name === "RequestMapping") {
          const ms = [...(a.pairs.get("method")?.text.matchAll(/RequestMethod\.(\w+)/g) ?? [])].map((x) => x[1]!);
          for (const mm of ms.length ? ms : ["ANY"]) routes.push({ method: mm, path: a.values[0] ?? "", at: a.node });
        } else if (fw === "micronaut" && MICRONAUT_METHODS[a.name]) routes.push({ method: MICRONAUT_METHODS[a.name]!, path: a.values[0] ?? "", at: a.node });
        else if (fw === "quarkus" && JAXRS_METHODS[a.name]) routes.push({ method: JAXRS_METHODS[a.name]!, path: anns.find((x) => x.name === "Path")?.values[0] ?? "", at: a.node });
      }
      if (!routes.length) continue;
      const auth = classAuth || anns.some((a) => AUTH_ANNOTATIONS.test(a.name) && !isAnonymous(a)) || readsAuth(m.childForFieldName("body")?.text ?? "");
      const methodPublic = anns.some((a) => a.name === "PermitAll" || a.name === "AnonymousAllowed" || (a.name === "Secured" && isAnonymous(a)) || (a.name === "PreAuthorize" && /permitAll\(\)/.test(a.text)));
      const flags = inputFlags(m, fw);
      for (const r of routes) {
        facts.route(r.at, {
          fw: fw === "spring" ? "spring-boot" : fw,
          method: r.method,
          path: joinPath(prefix, r.path),
          handler: `${clsName}.${m.childForFieldName("name")?.text ?? ""}`,
          owner: null,
          mw: [],
          auth: auth && !methodPublic,
          public: methodPublic || (classPublic && !anns.some((a) => AUTH_ANNOTATIONS.test(a.name))),
          javaSecurity: fw,
          entryPoint: looksLikeRegistration(r.method, joinPath(prefix, r.path), m.text),
          order: r.at.startIndex,
          ...flags,
        });
      }
    }
  }
}

function isAnonymous(a: Ann): boolean {
  return /IS_ANONYMOUS|isAnonymous\(\)|permitAll\(\)/.test(a.text);
}

function inputFlags(m: Node, fw: string): { validated: boolean | null; paginationBounded: boolean | null } {
  let validated: boolean | null = null;
  let paginationBounded: boolean | null = null;
  for (const p of m.childForFieldName("parameters")?.namedChildren ?? []) {
    if (p?.type !== "formal_parameter") continue;
    const anns = annotations(modifiersOf(p));
    const names = new Set(anns.map((a) => a.name));
    const type = p.childForFieldName("type")?.text ?? "";
    const pname = p.childForFieldName("name")?.text ?? "";
    const isBody = names.has("RequestBody") || names.has("Body") || (fw === "quarkus" && anns.every((a) => a.name === "Valid" || a.name === "NotNull") && !/^(int|long|String|boolean|double|float|Integer|Long)$/.test(type) && !/^(SecurityContext|UriInfo|HttpHeaders|Request|HttpServletRequest)$/.test(type));
    if (isBody) validated = (names.has("Valid") || names.has("Validated")) && !/^(Map|HashMap|Object|JsonNode|String)\b/.test(type);
    const q = anns.find((a) => a.name === "RequestParam" || a.name === "QueryValue" || a.name === "QueryParam");
    if (q) {
      const qn = stringValue(q.pairs.get("name") ?? q.pairs.get("value"), "java") ?? q.values[0] ?? pname;
      if (PAGE_SIZE_RE.test(qn) || PAGE_SIZE_RE.test(pname)) paginationBounded = names.has("Max") || names.has("Range");
    }
  }
  return { validated, paginationBounded };
}

/** Spring Security: requestMatchers(...).permitAll()/authenticated()…, anyRequest().…, in order. */
function springSecurity(ctx: FileContext, facts: RouteFacts): void {
  const text = ctx.file.text;
  if (!/authorizeHttpRequests|authorizeRequests|authorizeExchange|SecurityFilterChain|SecurityWebFilterChain/.test(text)) return;
  const rules: Array<{ patterns: string[]; methods: string[]; access: "permit" | "auth" | "deny" }> = [];
  let any: "permit" | "auth" | undefined;
  const re = /\.(requestMatchers|antMatchers|mvcMatchers|pathMatchers|regexMatchers|anyRequest|anyExchange)\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*\.(permitAll|authenticated|fullyAuthenticated|hasRole|hasAnyRole|hasAuthority|hasAnyAuthority|denyAll|access|rememberMe|anonymous)\b/g;
  for (const m of text.matchAll(re)) {
    const access = m[3] === "permitAll" || m[3] === "anonymous" ? "permit" : m[3] === "denyAll" ? "deny" : "auth";
    if (m[1] === "anyRequest" || m[1] === "anyExchange") {
      any = access === "permit" ? "permit" : "auth";
      continue;
    }
    const patterns = [...m[2]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!);
    const methods = [...m[2]!.matchAll(/HttpMethod\.(\w+)/g)].map((x) => x[1]!);
    rules.push({ patterns: patterns.length ? patterns : ["/**"], methods, access });
  }
  if (rules.length || any) facts.global(ctx.file.tree.rootNode, { kind: "spring-security", rules, any });
}
