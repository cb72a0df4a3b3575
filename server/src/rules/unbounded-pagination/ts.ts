// TS/JS: Express/Fastify `req.query.limit` without a clamp or schema `maximum`; NestJS `@Query("take")`
// parameters and query-DTO fields without `@Max`.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { FUNCTION_TYPES, stringValue } from "../../languages/common";
import { appendAfterLine, descendants, enclosingFunctionByRange, flowsToQuery, isAmbiguousPageName, isPageSizeName, lineIndent, maxPageSize, namedChildren, prependBeforeLine } from "../_shared/input-common";
import { decoratorName, decorators, objectProp, resolveObject, tsRoutes } from "../_shared/input-ts";
import { FIX_TITLE, message, type PaginationState } from "./shared";

/** Does the text after the value bound `name` (`Math.min(name, …)`, `if (name > MAX)`, `clamp(name …)`)? */
export function clampedTs(scopeText: string, name: string): boolean {
  const n = name.replace(/[.$]/g, "\\$&");
  return (
    new RegExp(`Math\\.min\\([^;]*\\b${n}\\b`).test(scopeText) ||
    new RegExp(`\\b${n}\\s*>=?\\s*(?!0\\b|1\\b)[\\w.]+`).test(scopeText) ||
    new RegExp(`(?<![\\w.])(?!0\\b|1\\b)[\\w.]+\\s*<=?\\s*${n}\\b`).test(scopeText) ||
    new RegExp(`\\bclamp\\w*\\([^)]*\\b${n}\\b`).test(scopeText)
  );
}

/** `import { a } from "mod"` gains `name`, or a new import line is added. */
export function tsImport(ctx: FileContext, module: string, name: string): TextEdit | undefined {
  const imports = ctx.nodes("import_statement");
  for (const imp of imports) {
    const src = imp.childForFieldName("source");
    if (!src || stringValue(src, "ts") !== module) continue;
    const specs = descendants(imp, "import_specifier");
    if (specs.some((s) => (s.childForFieldName("alias") ?? s.childForFieldName("name"))?.text === name)) return undefined;
    const last = specs[specs.length - 1];
    if (last) return { range: ctx.range(last), newText: `${last.text}, ${name}` };
  }
  const quote = /from\s+'/.test(ctx.file.text) ? "'" : '"';
  const semi = /from\s+["'][^"']+["'];/.test(ctx.file.text) || imports.length === 0 ? ";" : "";
  const line = `import { ${name} } from ${quote}${module}${quote}${semi}`;
  const top = imports.filter((i) => i.parent?.type === "program");
  if (top.length) return appendAfterLine(ctx, top[top.length - 1]!.endPosition.row, line);
  return prependBeforeLine(ctx, 0, line);
}

function importedNames(ctx: FileContext, module: string): Set<string> {
  const out = new Set<string>();
  for (const imp of ctx.nodes("import_statement")) {
    const src = imp.childForFieldName("source");
    if (!src || stringValue(src, "ts") !== module) continue;
    for (const s of descendants(imp, "import_specifier")) out.add((s.childForFieldName("alias") ?? s.childForFieldName("name"))?.text ?? "");
  }
  return out;
}

/** Fastify: does the route's schema give `querystring.properties.<name>.maximum`? (true when unknowable) */
function schemaBounds(ctx: FileContext, options: Node | null, name: string): boolean | undefined {
  const schemaNode = objectProp(options, "schema");
  if (!schemaNode) return undefined;
  const schema = resolveObject(ctx, schemaNode);
  if (!schema) return true;
  const qsNode = objectProp(schema, "querystring") ?? objectProp(schema, "query");
  if (!qsNode) return undefined;
  const qs = resolveObject(ctx, qsNode);
  if (!qs) return true; // a TypeBox/zod schema object we cannot read
  const props = resolveObject(ctx, objectProp(qs, "properties"));
  if (!props) return true;
  const prop = resolveObject(ctx, objectProp(props, name));
  if (!prop) return objectProp(props, name) ? true : undefined;
  return !!(objectProp(prop, "maximum") ?? objectProp(prop, "exclusiveMaximum"));
}

const VALIDATING_MIDDLEWARE = /valid|schema|celebrate|zod|joi|yup|\bcheck\w*\(|\bquery\(|sanitiz|dto|ajv|typebox|paginat/i;

/** Is `name` passed to a call after `after` in `fn`, other than echoing it in the response or a log? */
function passedOn(fn: Node, after: Node, name: string): boolean {
  for (const id of descendants(fn, "identifier", "shorthand_property_identifier")) {
    if (id.text !== name || id.startIndex < after.endIndex) continue;
    for (let p: Node | null = id.parent; p && p.id !== fn.id && !/statement/.test(p.type); p = p.parent) {
      if (p.type !== "call_expression" && p.type !== "new_expression") continue;
      const callee = (p.childForFieldName("function") ?? p.childForFieldName("constructor"))?.text ?? "";
      if (!/^(res|reply|response)\.(json|send|status|render|code)$|\.(json|send)$|^console\./.test(callee)) return true;
      break;
    }
  }
  return false;
}

function isFn(n: Node): boolean {
  return FUNCTION_TYPES.ts.includes(n.type);
}

const QUERY_OWNER_START = /[(\s]*(?:req|request|ctx|c)(?![\w$])/y;

/** Reads of `<req>.query.<name>` / `<req>.query["name"]` with a page-size name. */
function queryReads(ctx: FileContext): Array<{ read: Node; key: string }> {
  const out: Array<{ read: Node; key: string }> = [];
  const text = ctx.file.text;
  for (const m of ctx.nodes("member_expression", "subscript_expression")) {
    // The read starts with its owner (`req`, `request`, `ctx`, `c.req`), maybe behind parentheses:
    // checked on the file text (free) before any syntax-tree access.
    QUERY_OWNER_START.lastIndex = m.startIndex;
    if (!QUERY_OWNER_START.test(text)) continue;
    let obj = m.childForFieldName("object");
    // `(request.query as ListQuery).limit`
    while (obj && (obj.type === "parenthesized_expression" || obj.type === "as_expression" || obj.type === "non_null_expression")) obj = obj.namedChildren[0] ?? null;
    if (obj?.type !== "member_expression" || obj.childForFieldName("property")?.text !== "query") continue;
    const owner = obj.childForFieldName("object")?.text ?? "";
    if (!/^(req|request|ctx|ctx\.request|c\.req)$/.test(owner)) continue;
    const key = m.type === "member_expression" ? m.childForFieldName("property")?.text : stringValue(m.childForFieldName("index"), "ts");
    if (!key || !isPageSizeName(key)) continue;
    // Not the object of an assignment (`req.query.limit = …`).
    if (m.parent?.type === "assignment_expression" && m.parent.childForFieldName("left")?.id === m.id) continue;
    out.push({ read: m, key });
  }
  return out;
}

/** The expression that turns the read into the page size: `Number(req.query.limit ?? 25)`, `parseInt(...)`. */
function convertedValue(read: Node): { expr: Node; converted: boolean } {
  // Each `.parent` is a walk from the root: every parent is read once.
  const skip = (p: Node) => (p.type === "binary_expression" && /^(\?\?|\|\|)$/.test(p.childForFieldName("operator")?.text ?? "")) || p.type === "parenthesized_expression" || p.type === "as_expression" || p.type === "non_null_expression";
  let n: Node = read;
  let parent = n.parent;
  while (parent && skip(parent)) {
    n = parent;
    parent = n.parent;
  }
  const args = parent?.type === "arguments" ? parent : null;
  const call = args?.parent;
  if (call?.type === "call_expression" && /^(Number|parseInt|parseFloat|Number\.parseInt)$/.test(call.childForFieldName("function")?.text ?? "")) {
    let c: Node = call;
    // `Number(req.query.limit) || 20`
    for (let cp = c.parent; cp && cp.type === "binary_expression" && /^(\?\?|\|\|)$/.test(cp.childForFieldName("operator")?.text ?? "") && cp.childForFieldName("left")?.id === c.id; cp = c.parent) c = cp;
    return { expr: c, converted: true };
  }
  if (parent?.type === "unary_expression" && parent.text.startsWith("+")) return { expr: parent, converted: true };
  return { expr: n, converted: false };
}

function insideMathMin(n: Node): boolean {
  for (let p: Node | null = n.parent; p && !isFn(p) && p.type !== "statement_block"; p = p.parent) {
    if (p.type === "call_expression" && /^(Math\.min|clamp\w*|_\.clamp)$/.test(p.childForFieldName("function")?.text ?? "")) return true;
    // A schema parse (`z.coerce.number().max(100).parse(req.query.limit)`) bounds it, or is trusted to.
    if (p.type === "call_expression" && /\.(parse|safeParse|validate|validateSync|cast)$/.test(p.childForFieldName("function")?.text ?? "")) return true;
  }
  return false;
}

/** The local the value ends up in: `const limit = …<expr>…`, `limit = …<expr>…`. */
function declaredName(expr: Node): string | undefined {
  for (let p: Node | null = expr.parent; p && !isFn(p) && !/statement|statement_block/.test(p.type); p = p.parent) {
    if (p.type === "variable_declarator") {
      const n = p.childForFieldName("name");
      return n?.type === "identifier" ? n.text : undefined;
    }
    if (p.type === "assignment_expression") {
      const n = p.childForFieldName("left");
      return n?.type === "identifier" ? n.text : undefined;
    }
  }
  return undefined;
}

const OBJECT_PATTERN_START = /\{/y;

function expressFastify(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  const routes = tsRoutes(ctx);
  for (const { read, key } of queryReads(ctx)) {
    const fn = enclosingFunctionByRange(ctx, read);
    const route = routes.find((r) => fn && r.handler.startIndex <= fn.startIndex && r.handler.endIndex >= fn.endIndex);
    if (route?.fastify) {
      const b = schemaBounds(ctx, route.options, key);
      if (b) {
        if (fn) state.bounded(fn);
        continue;
      }
    }
    // A validation middleware on the route (`validate(listSchema)`, `query("limit").isInt({ max: 100 })`) is trusted to bound it.
    if (route?.middleware.some((m) => VALIDATING_MIDDLEWARE.test(m.text))) {
      if (fn) state.bounded(fn);
      continue;
    }
    const { expr, converted } = convertedValue(read);
    let clamped = insideMathMin(expr);
    const name = declaredName(expr);
    if (isAmbiguousPageName(key) && !(fn && flowsToQuery(ctx.file.text.slice(expr.endIndex, fn.endIndex), name ?? key))) continue;
    if (!clamped && name && fn) clamped = clampedTs(ctx.file.text.slice(expr.endIndex, fn.endIndex), name);
    if (fn) (clamped ? state.bounded(fn) : state.unbounded(fn));
    if (clamped) continue;
    const inner = converted ? expr.text : `Number(${expr.text})`;
    const fixes: Fix[] = [{ title: FIX_TITLE(max), applicability: "unsafe", edits: [{ range: ctx.range(expr), newText: `Math.min(Math.max(${inner}, 1), ${max})` }] }];
    ctx.report({ node: read, message: message(key), fixes });
  }
  // `const { limit = 20 } = req.query`
  const text = ctx.file.text;
  for (const d of ctx.nodes("variable_declarator")) {
    // An object pattern starts the declarator (`{ limit = 20 } = req.query`): test the text first.
    OBJECT_PATTERN_START.lastIndex = d.startIndex;
    if (!OBJECT_PATTERN_START.test(text)) continue;
    const v = d.childForFieldName("value");
    const pat = d.childForFieldName("name");
    if (pat?.type !== "object_pattern" || !v || !/^(req|request)\.query$/.test(v.text)) continue;
    const fn = enclosingFunctionByRange(ctx, d);
    for (const prop of namedChildren(pat)) {
      const keyNode = prop.type === "object_assignment_pattern" ? prop.childForFieldName("left") : prop.type === "pair_pattern" ? prop.childForFieldName("key") : prop;
      const local = prop.type === "pair_pattern" ? prop.childForFieldName("value") : keyNode;
      if (!keyNode || !isPageSizeName(keyNode.text)) continue;
      const route = routes.find((r) => fn && r.handler.startIndex <= fn.startIndex && r.handler.endIndex >= fn.endIndex);
      if (route?.fastify && schemaBounds(ctx, route.options, keyNode.text)) continue;
      const rest = fn ? ctx.file.text.slice(d.endIndex, fn.endIndex) : "";
      // Echoed back (`res.json({ limit })`) or only tested: not a page size that reaches a query.
      if (fn && local && !flowsToQuery(rest, local.text) && !passedOn(fn, d, local.text)) continue;
      if (fn && local && clampedTs(rest, local.text)) {
        state.bounded(fn);
        continue;
      }
      if (fn) state.unbounded(fn);
      ctx.report({ node: keyNode, message: message(keyNode.text) });
    }
  }
}

function isNumericField(field: Node): boolean {
  const t = field.childForFieldName("type")?.text ?? "";
  const v = field.childForFieldName("value");
  const decs = decorators(field).map(decoratorName);
  return /number/.test(t) || v?.type === "number" || decs.some((d) => /^(IsInt|IsNumber|IsPositive|Min|IsNumberString)$/.test(d)) || decorators(field).some((d) => /Number/.test(d.text));
}

function nest(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  const text = ctx.file.text;
  // Parameters: @Query("take", ParseIntPipe) take: number
  for (const p of ctx.nodes("required_parameter", "optional_parameter")) {
    const q = decorators(p).find((d) => decoratorName(d) === "Query");
    if (!q) continue;
    const call = q.namedChildren[0];
    const keyNode = call?.type === "call_expression" ? call.childForFieldName("arguments")?.namedChildren[0] : null;
    const key = keyNode ? stringValue(keyNode, "ts") : undefined;
    const local = p.childForFieldName("pattern");
    if (!key || !isPageSizeName(key) || local?.type !== "identifier") continue;
    const method = p.parent?.parent;
    if (method?.type !== "method_definition") continue;
    const body = method.childForFieldName("body");
    if (isAmbiguousPageName(key) && !flowsToQuery(body?.text ?? "", local.text)) continue;
    if (body && clampedTs(body.text, local.text)) {
      state.bounded(method);
      continue;
    }
    state.unbounded(method);
    const fixes: Fix[] = [];
    const first = body?.namedChildren.find((c) => !!c && c.type !== "comment");
    if (body && first) {
      const indent = lineIndent(ctx, first.startPosition.row);
      fixes.push({ title: FIX_TITLE(max), applicability: "unsafe", edits: [prependBeforeLine(ctx, first.startPosition.row, `${indent}${local.text} = Math.min(Math.max(${local.text}, 1), ${max});`)] });
    }
    ctx.report({ node: local, message: message(key), fixes });
  }
  // Query DTO fields without @Max.
  for (const cls of ctx.nodes("class_declaration")) {
    const name = cls.childForFieldName("name")?.text ?? "";
    const usedAsQuery = new RegExp(`@Query\\(\\)\\s*\\w+\\s*:\\s*${name}\\b`).test(text);
    const extendsPagination = /extends\s+\w*(Pagination|Page|Query)\w*/.test(cls.text.split("{")[0] ?? "");
    if (!usedAsQuery && !extendsPagination && !/(Query|Pagination|Paging|Page|Params|Filter|Search|List)\w*$/.test(name)) continue;
    for (const field of namedChildren(cls.childForFieldName("body"))) {
      if (field.type !== "public_field_definition") continue;
      const fname = field.childForFieldName("name");
      if (!fname || !isPageSizeName(fname.text) || !isNumericField(field)) continue;
      if (isAmbiguousPageName(fname.text) && !usedAsQuery && !/Pag/.test(name)) continue;
      const decs = decorators(field);
      if (decs.some((d) => /^(Max|LessThan|IsIn)$/.test(decoratorName(d)))) continue;
      if (decs.some((d) => /maximum\s*:/.test(d.text))) continue; // @ApiProperty({ maximum }) with a pipe
      const edits: TextEdit[] = [];
      const indent = lineIndent(ctx, fname.startPosition.row);
      const hasMin = decs.some((d) => decoratorName(d) === "Min");
      const add = hasMin ? `${indent}@Max(${max})` : `${indent}@Min(1)\n${indent}@Max(${max})`;
      edits.push(prependBeforeLine(ctx, fname.startPosition.row, add));
      const imported = importedNames(ctx, "class-validator");
      const missing = (hasMin ? ["Max"] : ["Min", "Max"]).filter((n) => !imported.has(n));
      if (missing.length) {
        const imp = tsImport(ctx, "class-validator", missing.join(", "));
        if (imp) edits.push(imp);
      }
      ctx.report({ node: fname, message: message(fname.text), fixes: [{ title: FIX_TITLE(max), applicability: "unsafe", edits }] });
    }
  }
}

export function ts(ctx: FileContext, state: PaginationState): void {
  expressFastify(ctx, state);
  if (/@nestjs\/common/.test(ctx.file.text)) nest(ctx, state);
}
