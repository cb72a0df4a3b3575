// Go: Gin/Echo/net/http page sizes parsed with `strconv.Atoi`/`ParseInt` without a bound check, and
// query-binding struct fields (`form:"limit"`, `query:"limit"`) without `binding:"max=…"`/`validate:"max=…"`.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { callArguments, calleeText, enclosingFunction, stringValue } from "../../languages/common";
import { appendAfterLine, flowsToQuery, isAmbiguousPageName, isPageSizeName, lineIndent, maxPageSize } from "../_shared/input-common";
import { resolveLocal } from "../sql-injection/shared";
import { FIX_TITLE, message, type PaginationState } from "./shared";

const READ = /^(\w+)\.(Query|DefaultQuery|QueryParam|FormValue|PostForm|DefaultPostForm|GetQuery)$|\.URL\.Query\(\)\.Get$|^(q|query|qs|params|values|v)\.Get$/;

export function clampedGo(scopeText: string, name: string): boolean {
  const n = name.replace(/[.]/g, "\\.");
  return (
    new RegExp(`\\b${n}\\s*>=?\\s*(?!0\\b|1\\b)[\\w.]+`).test(scopeText) ||
    new RegExp(`(?<![\\w.])(?!0\\b|1\\b)[\\w.]+\\s*<=?\\s*${n}\\b`).test(scopeText) ||
    new RegExp(`\\bmin\\([^)]*\\b${n}\\b`).test(scopeText) ||
    new RegExp(`\\b[Cc]lamp\\w*\\([^)]*\\b${n}\\b`).test(scopeText)
  );
}

/** The raw read (`c.Query("limit")`) behind a value, with its page-size key. */
function readOf(n: Node | undefined, depth = 0): { key: string; read: Node } | undefined {
  // `limitStr := c.Query("limit")` … `strconv.Atoi(limitStr)`
  if (n?.type === "identifier" && depth === 0) {
    const def = resolveLocal(n, enclosingFunction(n, "go"), "go");
    return def ? readOf(def, 1) : undefined;
  }
  if (!n || n.type !== "call_expression") return undefined;
  if (!READ.test(calleeText(n, "go"))) return undefined;
  const k = stringValue(callArguments(n, "go")[0], "go");
  return k && isPageSizeName(k) ? { key: k, read: n } : undefined;
}

function parsedReads(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  for (const call of ctx.nodes("call_expression")) {
    if (!/^strconv\.(Atoi|ParseInt|ParseUint)$/.test(calleeText(call, "go"))) continue;
    const found = readOf(callArguments(call, "go")[0]);
    if (!found) continue;
    const { key, read } = found;
    const fn = enclosingFunction(call, "go");
    // The statement assigning the parsed value: `limit, err := strconv.Atoi(...)`.
    const stmt = call.parent?.parent;
    let local: string | undefined;
    if (stmt && (stmt.type === "short_var_declaration" || stmt.type === "assignment_statement") && call.parent?.type === "expression_list") {
      const left = stmt.childForFieldName("left")?.namedChildren[0];
      if (left?.type === "identifier" && left.text !== "_") local = left.text;
    }
    const after = fn && stmt ? ctx.file.text.slice(stmt.endIndex, fn.endIndex) : "";
    if (isAmbiguousPageName(key) && !(local && (flowsToQuery(after, local) || /pag/i.test(fn?.childForFieldName("name")?.text ?? "")))) continue;
    // The value may move to another variable first (`limit = n`).
    const aliases = local ? [local, ...[...after.matchAll(new RegExp(`\\b(\\w+)\\s*:?=\\s*${local}\\b\\s*(?:$|[;\\n}])`, "gm"))].map((m) => m[1]!)] : [];
    const bounded = aliases.some((a) => clampedGo(after, a));
    if (fn) (bounded ? state.bounded(fn) : state.unbounded(fn));
    if (bounded) continue;
    const fixes: Fix[] = [];
    if (local && stmt) {
      // After the statement, or after the `if err != nil { … }` right below it.
      let anchor: Node = stmt;
      let next = stmt.nextNamedSibling;
      while (next?.type === "comment") next = next.nextNamedSibling;
      if (next?.type === "if_statement" && /\berr\s*!=\s*nil\b/.test(next.childForFieldName("condition")?.text ?? "")) anchor = next;
      const indent = lineIndent(ctx, stmt.startPosition.row);
      const inner = indent.includes("\t") ? `${indent}\t` : `${indent}    `;
      const clamp = [`${indent}if ${local} < 1 {`, `${inner}${local} = 1`, `${indent}} else if ${local} > ${max} {`, `${inner}${local} = ${max}`, `${indent}}`].join("\n");
      fixes.push({ title: FIX_TITLE(max), applicability: "unsafe", edits: [appendAfterLine(ctx, anchor.endPosition.row, clamp)] });
    }
    // On the read of the raw value (the same line as the parse unless it went through a local).
    const at = read.startIndex >= call.startIndex && read.endIndex <= call.endIndex ? call : read;
    ctx.report({ node: at, message: message(key), fixes });
  }
}

function tagValue(tag: string, key: string): string | undefined {
  const m = new RegExp(`\\b${key}:\\\\?"([^"\\\\]*)\\\\?"`).exec(tag);
  return m ? m[1] : undefined;
}

function bindingFields(ctx: FileContext): void {
  const max = maxPageSize(ctx);
  const echo = /"github\.com\/labstack\/echo/.test(ctx.file.text);
  const text = ctx.file.text;
  for (const field of ctx.nodes("field_declaration")) {
    const tagNode = field.childForFieldName("tag");
    const nameNode = field.childForFieldName("name");
    if (!tagNode || !nameNode) continue;
    const tag = tagNode.text;
    const key = tagValue(tag, "form") ?? tagValue(tag, "query");
    if (!key || !isPageSizeName(key.split(",")[0])) continue;
    if (!/^(\*?u?int(8|16|32|64)?)$/.test(field.childForFieldName("type")?.text ?? "")) continue;
    if (isAmbiguousPageName(key.split(",")[0]!) && !/(form|query):\\?"(page|offset|cursor|page_?num\w*)\b/i.test(field.parent?.text ?? "")) continue;
    const binding = tagValue(tag, "binding");
    const validate = tagValue(tag, "validate");
    if ([binding, validate].some((v) => v !== undefined && /\b(max|lte|lt|oneof)=/.test(v))) continue;
    // A bound check written in code: `q.Limit > 100`.
    const f = nameNode.text;
    if (new RegExp(`\\.${f}\\s*>=?\\s*(?!0\\b|1\\b)[\\w.]+|\\bmin\\([^)]*\\.${f}\\b|[Cc]lamp\\w*\\([^)]*\\.${f}\\b`).test(text)) continue;
    const tagKey = binding !== undefined ? "binding" : validate !== undefined ? "validate" : echo ? "validate" : "binding";
    const existing = tagKey === "binding" ? binding : validate;
    let edit: TextEdit;
    if (existing !== undefined) {
      const idx = tag.indexOf(`${tagKey}:`);
      const valueStart = tag.indexOf('"', idx) + 1;
      const valueEnd = valueStart + existing.length;
      const hasMin = /\b(min|gte|gt)=/.test(existing);
      const add = `${existing ? "," : ""}${hasMin ? "" : "min=1,"}max=${max}`;
      const start = ctx.range(tagNode).start;
      const pos = { line: start.line, character: start.character + valueEnd };
      void valueStart;
      edit = { range: { start: pos, end: pos }, newText: add };
    } else {
      const end = ctx.range(tagNode).end;
      const pos = { line: end.line, character: end.character - 1 };
      edit = { range: { start: pos, end: pos }, newText: ` ${tagKey}:"omitempty,min=1,max=${max}"` };
    }
    // Echo checks `validate` tags only through `c.Validate`: without it the tag would bound nothing.
    const enforced = tagKey === "binding" || /\.Validate\(|validator\.New\(/.test(text);
    const fixes: Fix[] = tag.startsWith("`") && enforced ? [{ title: FIX_TITLE(max), applicability: "unsafe", edits: [edit] }] : [];
    ctx.report({ node: nameNode, message: message(key), fixes });
  }
}

export function go(ctx: FileContext, state: PaginationState): void {
  parsedReads(ctx, state);
  bindingFields(ctx);
}
