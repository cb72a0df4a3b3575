// Helpers shared by the input-validation rules (unbounded-pagination, missing-input-validation,
// sql-injection): page-size names, SQL text recognition, import-edit helpers and the `route-input`
// fact. Syntax only; nothing here does I/O.
import type { FileContext } from "../../engine/rule";
import type { LanguageFamily, Node, Range, TextEdit } from "../../engine/types";
import { FUNCTION_TYPES, identifierWords } from "../../languages/common";

/** Page-size parameter names of RULES.md, compared word-wise (`page_size`, `pageSize`, `PageSize`). */
const PAGE_SIZE_KEYS = new Set(["limit", "pagesize", "size", "perpage", "take", "top", "maxresults", "count", "pagelimit"]);

export function isPageSizeName(name: string | undefined): boolean {
  if (!name) return false;
  const key = identifierWords(name.replace(/^\$/, "")).join("");
  return PAGE_SIZE_KEYS.has(key);
}

/** The configured maximum page size (`maxPageSize`, default 100). */
export function maxPageSize(ctx: FileContext): number {
  const v = ctx.options.maxPageSize;
  return typeof v === "number" && Number.isFinite(v) && v >= 1 ? Math.floor(v) : 100;
}

/** Does this text read as SQL (not merely a sentence that contains "from" or "set")? */
export function looksLikeSql(text: string): boolean {
  return /\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bupdate\s+[\w".`\[\]%{}$]+\s+set\b|\bdelete\s+from\b|\b(create|drop|alter|truncate)\s+(table|index|view|schema|database)\b|\bwhere\b[\s\S]*(=|\blike\b|\bilike\b|\bin\b)|\bselect\s+[\w*]|\bmerge\s+into\b/i.test(
    text,
  );
}

/** A SQL condition fragment (`name = '…'`, `id IN (…)`), for APIs that take one (`Where`, `whereRaw`). */
export function looksLikeSqlCondition(text: string): boolean {
  return looksLikeSql(text) || /[=<>]|\b(like|ilike|in|is|between|and|or)\b/i.test(text);
}

/** Names of SQL identifiers chosen by code, not by the client (`table`, `tableName`, `self.schema`). */
export function isSqlIdentifierName(name: string): boolean {
  const w = identifierWords(name);
  const last = w[w.length - 1] ?? "";
  const prev = w[w.length - 2] ?? "";
  return /^(table|tbl|schema|tablename|tables)$/.test(last) || (last === "name" && /^(table|schema)$/.test(prev)) || (w.includes("table") && /^(ident|identifier|quoted|escaped|name)$/.test(last));
}

/** Names that read as constants by convention (`ORDERS_TABLE`, `kTable`). */
export function isConstantName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name) && /[A-Z]/.test(name);
}

export function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: { start: { line, character }, end: { line, character } }, newText };
}

export function replaceNode(ctx: FileContext, node: Node, newText: string): TextEdit {
  return { range: ctx.range(node), newText };
}

/**
 * An edit that adds a line after `anchor` by rewriting the anchor line itself: two fixes that add the
 * same import then overlap, so `--fix` applies one per pass and the re-analysis sees the import.
 */
export function appendAfterLine(ctx: FileContext, anchorLine: number, addition: string): TextEdit {
  const lines = ctx.file.text.split("\n");
  const text = lines[anchorLine] ?? "";
  const range: Range = { start: { line: anchorLine, character: 0 }, end: { line: anchorLine, character: text.length } };
  return { range, newText: `${text}\n${addition}` };
}

/** An edit that puts `addition` as a new line before `line` by rewriting that line. */
export function prependBeforeLine(ctx: FileContext, line: number, addition: string): TextEdit {
  const lines = ctx.file.text.split("\n");
  const text = lines[line] ?? "";
  const range: Range = { start: { line, character: 0 }, end: { line, character: text.length } };
  return { range, newText: `${addition}\n${text}` };
}

export function lineIndent(ctx: FileContext, line: number): string {
  const text = ctx.file.text.split("\n")[line] ?? "";
  return /^[ \t]*/.exec(text)![0];
}

/** The `route-input` fact, keyed by handler function name (see the rule docs for the shape). */
export interface RouteInputFact {
  handler: string;
  /** null when the handler reads no request body or fields, only a page size. */
  validated: boolean | null;
  paginationBounded: boolean | null;
}

export function namedChildren(node: Node | null | undefined): Node[] {
  return (node?.namedChildren ?? []).filter((c): c is Node => !!c);
}

export function children(node: Node | null | undefined): Node[] {
  return (node?.children ?? []).filter((c): c is Node => !!c);
}

/**
 * The node types the input rules (missing-input-validation with its pagination pass, and
 * unbounded-pagination) read, per family. Each first request of a type is a walk of the whole tree;
 * asking for them together makes it one walk (the engine caches each type's list afterwards).
 */
const INPUT_NODE_TYPES: Record<LanguageFamily, string[]> = {
  ts: ["required_parameter", "optional_parameter", "property_identifier", ...FUNCTION_TYPES.ts, "variable_declarator", "member_expression", "subscript_expression"],
  python: ["function_definition", "call", "class_definition"],
  go: ["call_expression", "type_spec", "field_declaration", "import_spec"],
  rust: ["function_item", "struct_item", "field_expression"],
  java: ["method_declaration", "field_declaration", "record_declaration", "import_declaration", "package_declaration"],
};

export function prefetchInputNodes(ctx: FileContext): void {
  ctx.prefetch(...INPUT_NODE_TYPES[ctx.file.family]);
}

const memo = new WeakMap<object, Map<string, unknown>>();

/**
 * Per-syntax-tree memo for file-level data several detectors (or several handlers) need: computed once
 * per parse, shared by the rules that use these helpers. Keyed by the tree, so an edit recomputes.
 */
export function perTree<T>(ctx: FileContext, key: string, compute: () => T): T {
  let m = memo.get(ctx.file.tree);
  if (!m) memo.set(ctx.file.tree, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

/**
 * The innermost function around `node` (as `enclosingFunction`, which climbs `.parent`, each step a
 * walk down from the root): found by range in the file's function list, computed once per parse.
 */
export function enclosingFunctionByRange(ctx: FileContext, node: Node): Node | null {
  const fns = perTree(ctx, "functions-by-range", () => ctx.nodes(...FUNCTION_TYPES[ctx.file.family]).map((n) => ({ n, start: n.startIndex, end: n.endIndex })));
  const start = node.startIndex;
  let end = -1;
  let lo = 0;
  let hi = fns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fns[mid]!.start <= start) lo = mid + 1;
    else hi = mid;
  }
  let best: { n: Node; start: number; end: number } | undefined;
  for (let i = lo - 1; i >= 0; i--) {
    const f = fns[i]!;
    if (best && f.start < best.start) break;
    if (f.n.id === node.id) continue;
    if (end < 0) end = node.endIndex;
    if (f.end < end) continue;
    if (!best || f.end < best.end) best = f;
  }
  return best?.n ?? null;
}

/** Descendants of a node of the given types (named), in document order. */
export function descendants(node: Node, ...types: string[]): Node[] {
  return node.descendantsOfType(types).filter((n): n is Node => !!n);
}

/** Is `inner` inside (or equal to) `outer`? */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Page-size names that often mean something else (`count` of items to create, `size` of a file). */
export function isAmbiguousPageName(name: string): boolean {
  return /^(count|size|top)$/.test(identifierWords(name).join(""));
}

/** Does `name` visibly reach a query, a paginator or a slice in `text` (used for the ambiguous names)? */
export function flowsToQuery(text: string, name: string): boolean {
  const n = name.replace(/[.$]/g, "\\$&");
  return (
    new RegExp(`\\b(limit|Limit|LIMIT|take|top|first|setMaxResults|PageRequest\\.of|Pageable\\.from|Page\\.of|paginate\\w*|Paginator|page\\w*|slice|fetch\\w*|bind|query\\w*|Query\\w*|find\\w*|select\\w*|Select\\w*|Find\\w*|per_page|max_results)\\b[^;\\n]*\\b${n}\\b`).test(text) ||
    new RegExp(`\\[[^\\]\\n]*:\\s*${n}\\s*\\]`).test(text)
  );
}
