// Python: FastAPI page-size parameters and query-model fields without `le`/`lt`; Flask/Django
// `int(request.args.get("limit", …))` / `int(request.GET.get(…))` without a clamp.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { callArguments, calleeName, calleeText, enclosingFunction, stringValue } from "../../languages/common";
import { appendAfterLine, descendants, flowsToQuery, isAmbiguousPageName, isPageSizeName, maxPageSize, namedChildren, prependBeforeLine } from "../_shared/input-common";
import { assignedName, functionParams, isRouteHandler, usesDjango, usesFastapi, usesFlaskRequest } from "../_shared/input-python";
import { FIX_TITLE, message, type PaginationState } from "./shared";

/** An import of `name` from `module`, or an edit adding it (undefined: already imported). */
export function pyImport(ctx: FileContext, module: string, name: string): TextEdit | undefined {
  const stmts = ctx.nodes("import_from_statement");
  for (const s of stmts) {
    if (s.childForFieldName("module_name")?.text !== module) continue;
    const names = s.childrenForFieldName("name").filter((n): n is Node => !!n);
    if (names.some((n) => (n.type === "aliased_import" ? n.childForFieldName("alias")?.text : n.text) === name)) return undefined;
    if (s.text.includes("*")) return undefined;
    const last = names[names.length - 1];
    if (last) return { range: ctx.range(last), newText: `${last.text}, ${name}` };
  }
  const imports = [...ctx.nodes("import_statement"), ...stmts].filter((s) => s.parent?.type === "module");
  const line = `from ${module} import ${name}`;
  if (imports.length) {
    const last = imports.reduce((a, b) => (a.endIndex > b.endIndex ? a : b));
    return appendAfterLine(ctx, last.endPosition.row, line);
  }
  return prependBeforeLine(ctx, 0, line);
}

/** Does `fn` bound the local `name` (`min(name, …)`, `if name > MAX`, `name = min(…)`)? */
export function clampedInScope(scopeText: string, name: string): boolean {
  const n = name.replace(/[.$]/g, "\\$&");
  return (
    new RegExp(`\\bmin\\([^)]*\\b${n}\\b`).test(scopeText) ||
    new RegExp(`\\b${n}\\s*=\\s*min\\(`).test(scopeText) ||
    new RegExp(`\\b${n}\\s*>=?\\s*(?!0\\b|1\\b)[\\w.]+`).test(scopeText) ||
    new RegExp(`(?<![\\w.])(?!0\\b|1\\b)[\\w.]+\\s*<=?\\s*${n}\\b`).test(scopeText) ||
    new RegExp(`\\bclamp\\w*\\([^)]*\\b${n}\\b`).test(scopeText) ||
    // Flask-SQLAlchemy: `paginate(per_page=per_page, max_per_page=100)`
    new RegExp(`paginate\\((?=[^)]*\\b${n}\\b)[^)]*\\bmax_per_page\\s*=`).test(scopeText)
  );
}

function keywordNames(call: Node): string[] {
  return callArguments(call, "python")
    .filter((a) => a.type === "keyword_argument")
    .map((a) => a.childForFieldName("name")?.text ?? "");
}

function hasUpperBound(call: Node): boolean {
  return keywordNames(call).some((k) => k === "le" || k === "lt");
}

/** Edit adding `ge=1, le=MAX` to a `Query(...)`/`Field(...)` call. */
function addBoundsToCall(call: Node, max: number): TextEdit {
  const args = call.childForFieldName("arguments")!;
  const kws = keywordNames(call);
  const add = kws.includes("ge") || kws.includes("gt") ? `le=${max}` : `ge=1, le=${max}`;
  const close = args.endPosition;
  const hasArgs = callArguments(call, "python").length > 0;
  const trailingComma = /,\s*\)$/.test(args.text);
  return {
    range: { start: { line: close.row, character: close.column - 1 }, end: { line: close.row, character: close.column - 1 } },
    newText: hasArgs ? (trailingComma ? `${add}, ` : `, ${add}`) : add,
  };
}

function intLike(type: Node | null): boolean {
  if (!type) return true;
  const t = type.text.replace(/\s+/g, "");
  return /^(int|Optional\[int\]|int\|None|None\|int|Union\[int,None\]|conint\(.*\)|PositiveInt|NonNegativeInt)$/.test(t) || /^(typing\.)?Annotated\[(int|Optional\[int\]|int\|None),/.test(t);
}

function fastapiParams(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  const annotatedStyle = /\bAnnotated\[/.test(ctx.file.text);
  // Functions used as dependencies (`Depends(pagination)`) declare query parameters too.
  const deps = new Set<string>();
  for (const m of ctx.file.text.matchAll(/\bDepends\(\s*([A-Za-z_]\w*)\s*\)/g)) deps.add(m[1]!);
  for (const fn of ctx.nodes("function_definition")) {
    if (!isRouteHandler(fn) && !deps.has(fn.childForFieldName("name")?.text ?? "")) continue;
    const body = fn.childForFieldName("body")?.text ?? "";
    for (const p of functionParams(fn)) {
      if (!isPageSizeName(p.name) || !intLike(p.type)) continue;
      if (isAmbiguousPageName(p.name) && !flowsToQuery(body, p.name)) continue;
      const typeText = p.type?.text.replace(/\s+/g, "") ?? "";
      if (/^conint\(.*\b(le|lt)=/.test(typeText)) {
        state.bounded(fn);
        continue;
      }
      const def = p.default;
      if (def?.type === "call" && /^(Depends|Security|Path|Header|Cookie|Body|Form)$/.test(calleeName(def, "python"))) continue;
      if (/\b(Depends|Security|Path|Header|Cookie|Body)\(/.test(typeText)) continue;
      // Annotated[int, Query(...)]
      const annQuery = p.type ? descendants(p.type, "call").find((c) => calleeName(c, "python") === "Query") : undefined;
      const defQuery = def?.type === "call" && calleeName(def, "python") === "Query" ? def : undefined;
      const query = defQuery ?? annQuery;
      if ((query && hasUpperBound(query)) || clampedInScope(body, p.name)) {
        state.bounded(fn);
        continue;
      }
      state.unbounded(fn);
      const edits: TextEdit[] = [];
      if (query) edits.push(addBoundsToCall(query, max));
      else if ((annotatedStyle || !def) && !p.type) {
        // An untyped parameter without a default: no safe rewrite.
      } else {
        const queryImport = pyImport(ctx, "fastapi", "Query");
        if ((annotatedStyle || !def) && p.type) {
          edits.push({ range: ctx.range(p.type), newText: `Annotated[${p.type.text}, Query(ge=1, le=${max})]` });
          const ann = pyImport(ctx, "typing", "Annotated");
          if (ann && !/\bimport\b[^\n]*\bAnnotated\b/.test(ctx.file.text)) edits.push(ann);
        } else if (def) {
          edits.push({ range: ctx.range(def), newText: `Query(${def.text}, ge=1, le=${max})` });
        }
        if (queryImport) edits.push(queryImport);
      }
      ctx.report({ node: p.nameNode, message: message(p.name), fixes: edits.length ? [{ title: FIX_TITLE(max), applicability: "unsafe", edits: mergeImports(edits) }] : [] });
    }
  }
}

/** Two import edits on the same statement (typing + fastapi never collide, but keep edits disjoint). */
function mergeImports(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.range.start.line === e.range.start.line && o.range.start.character === e.range.start.character && o.range.end.line === e.range.end.line && o.range.end.character === e.range.end.character);
    if (same && e.newText.startsWith(ctxLineStartText(same))) same.newText = `${same.newText}\n${e.newText.split("\n").slice(1).join("\n")}`;
    else out.push({ ...e });
  }
  return out;
}

function ctxLineStartText(e: TextEdit): string {
  return e.newText.split("\n")[0] ?? "";
}

/** Pydantic query models: `class ListParams(BaseModel): limit: int = 50`. */
function queryModels(ctx: FileContext): void {
  const max = maxPageSize(ctx);
  const text = ctx.file.text;
  for (const cls of ctx.nodes("class_definition")) {
    const supers = cls.childForFieldName("superclasses")?.text ?? "";
    if (!/\b(BaseModel|BaseSettings|Schema)\b/.test(supers)) continue;
    const name = cls.childForFieldName("name")?.text ?? "";
    const usedAsQuery = new RegExp(`Depends\\(\\s*${name}\\s*\\)|Annotated\\[\\s*${name}\\s*,\\s*(Query|Depends)\\(|:\\s*${name}\\s*=\\s*Depends\\(`).test(text);
    if (!usedAsQuery && !/(Query|Params|Pagination|Paging|Page|Filter|Search|Listing)/.test(name)) continue;
    for (const stmt of namedChildren(cls.childForFieldName("body"))) {
      const a = stmt.type === "expression_statement" ? stmt.namedChildren[0] : null;
      if (a?.type !== "assignment") continue;
      const left = a.childForFieldName("left");
      const type = a.childForFieldName("type");
      const right = a.childForFieldName("right");
      if (left?.type !== "identifier" || !isPageSizeName(left.text) || !type || !intLike(type)) continue;
      if (isAmbiguousPageName(left.text) && !usedAsQuery && !/Pag/.test(name)) continue;
      const field = right?.type === "call" && calleeName(right, "python") === "Field" ? right : undefined;
      const annField = descendants(type, "call").find((c) => /^(Field|Query)$/.test(calleeName(c, "python")));
      if ((field && hasUpperBound(field)) || (annField && hasUpperBound(annField)) || /\b(le|lt)=/.test(type.text)) continue;
      if (new RegExp(`\\bmin\\([^)]*\\.${left.text}\\b|\\.${left.text}\\s*>=?\\s*(?!0\\b|1\\b)\\w`).test(text)) continue;
      const edits: TextEdit[] = [];
      if (field) edits.push(addBoundsToCall(field, max));
      else if (annField) edits.push(addBoundsToCall(annField, max));
      else {
        if (right) edits.push({ range: ctx.range(right), newText: `Field(${right.text}, ge=1, le=${max})` });
        else edits.push({ range: { start: ctx.range(type).end, end: ctx.range(type).end }, newText: ` = Field(ge=1, le=${max})` });
        const imp = pyImport(ctx, "pydantic", "Field");
        if (imp) edits.push(imp);
      }
      ctx.report({ node: left, message: message(left.text), fixes: [{ title: FIX_TITLE(max), applicability: "unsafe", edits }] });
    }
  }
}

/** `request.args.get("limit", …)`, `request.GET.get(…)`, `request.args["limit"]`, DRF `request.query_params.get(…)`. */
function pageSizeKeyOfRead(n: Node): string | undefined {
  if (n.type === "call") {
    const callee = calleeText(n, "python");
    if (!/^(request|req|self\.request)\.(args|GET|query_params|values)\.get$/.test(callee)) return undefined;
    const k = stringValue(callArguments(n, "python")[0], "python");
    return isPageSizeName(k) ? k : undefined;
  }
  if (n.type === "subscript") {
    if (!/^(request|req|self\.request)\.(args|GET|query_params|values)$/.test(n.childForFieldName("value")?.text ?? "")) return undefined;
    const k = stringValue(n.childForFieldName("subscript"), "python");
    return isPageSizeName(k) ? k : undefined;
  }
  return undefined;
}

function rawReads(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  for (const read of [...ctx.nodes("call"), ...ctx.nodes("subscript")].sort((a, b) => a.startIndex - b.startIndex)) {
    const key = pageSizeKeyOfRead(read);
    if (!key) continue;
    // The converted value: `int(<read>)`, or the read itself with `type=int`.
    let value: Node | undefined;
    const p = read.parent?.type === "argument_list" ? read.parent.parent : null;
    if (p?.type === "call" && calleeText(p, "python") === "int") value = p;
    else if (read.type === "call" && keywordNames(read).includes("type") && /type\s*=\s*int\b/.test(read.text)) value = read;
    else {
      // Handed straight to a paginator: `Paginator(qs, request.GET.get("per_page", 25))`, `paginate(per_page=…)`.
      const holder = read.parent?.type === "keyword_argument" ? read.parent.parent?.parent : read.parent?.type === "argument_list" ? read.parent.parent : null;
      if (holder?.type === "call" && /^(Paginator|paginate|get_page|limit|fetchmany)$/.test(calleeName(holder, "python"))) value = read;
    }
    if (!value) continue;
    const fn = enclosingFunction(read, "python");
    const assignedTo = assignedName(value);
    if (isAmbiguousPageName(key) && !(fn && assignedTo && flowsToQuery(ctx.file.text.slice(value.endIndex, fn.endIndex), assignedTo))) continue;
    // An enclosing min(...) in the same expression.
    let clamped = false;
    for (let n: Node | null = value.parent; n && n.type !== "expression_statement" && n.type !== "block"; n = n.parent) {
      if (n.type === "call" && /^(min|clamp\w*)$/.test(calleeName(n, "python"))) clamped = true;
    }
    const assigned = assignedName(value);
    if (!clamped && assigned && fn) {
      const after = ctx.file.text.slice(value.endIndex, fn.endIndex);
      clamped = clampedInScope(after, assigned);
    }
    if (fn) (clamped ? state.bounded(fn) : state.unbounded(fn));
    if (clamped) continue;
    const hasDefault = read.type === "call" && (callArguments(read, "python").filter((a) => a.type !== "keyword_argument").length >= 2 || keywordNames(read).includes("default"));
    const fixes: Fix[] =
      value.type === "call" && (calleeText(value, "python") === "int" || hasDefault)
        ? [{ title: FIX_TITLE(max), applicability: "unsafe", edits: [{ range: ctx.range(value), newText: value === read && !/type\s*=\s*int\b/.test(read.text) ? `min(max(int(${value.text}), 1), ${max})` : `min(max(${value.text}, 1), ${max})` }] }]
        : [];
    ctx.report({ node: value, message: message(key), fixes });
  }
}

export function python(ctx: FileContext, state: PaginationState): void {
  if (usesFastapi(ctx)) {
    fastapiParams(ctx, state);
    queryModels(ctx);
  } else if (/^\s*from\s+pydantic\s+import/m.test(ctx.file.text)) queryModels(ctx);
  if (usesFlaskRequest(ctx) || usesDjango(ctx)) rawReads(ctx, state);
}
