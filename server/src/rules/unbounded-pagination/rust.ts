// Rust: Axum/Actix query structs (`Query<ListParams>`, `web::Query<Page>`) whose page-size field some
// handler uses without `.min(…)`/`.clamp(…)`: one finding on the field; the fix clamps the reads.
import type { FileContext, ProjectContext } from "../../engine/rule";
import type { Node, TextEdit } from "../../engine/types";
import { descendants, isAmbiguousPageName, isPageSizeName, maxPageSize, namedChildren } from "../_shared/input-common";
import { FIX_TITLE, message, type PaginationState } from "./shared";

const QUERY_TYPE = /^(?:(?:web|axum::extract|actix_web::web|extract)::)?Query<\s*(\w+)\s*>$/;

function derivesDeserialize(item: Node): boolean {
  for (let p = item.previousNamedSibling; p && p.type === "attribute_item"; p = p.previousNamedSibling) if (/Deserialize/.test(p.text)) return true;
  return false;
}

/** Is this read bounded where it is used: `.min(…)`/`.clamp(…)` in its chain, or its `let` binding clamped later? */
function readBounded(read: Node, fn: Node): { bounded: boolean; chainEnd: Node } {
  let n: Node = read;
  let chainEnd: Node = read;
  for (;;) {
    const p = n.parent;
    if (p?.type === "field_expression" && p.childForFieldName("value")?.id === n.id) {
      const call = p.parent;
      const method = p.childForFieldName("field")?.text ?? "";
      if (call?.type !== "call_expression") break;
      if (/^(min|clamp)$/.test(method)) return { bounded: true, chainEnd: call };
      if (/^(unwrap_or|unwrap_or_default|unwrap_or_else|copied|cloned)$/.test(method)) chainEnd = call;
      n = call;
      continue;
    }
    break;
  }
  // `std::cmp::min(x, 100)` around the read.
  for (let p = n.parent; p && p.type !== "block"; p = p.parent) {
    if (p.type === "call_expression" && /(^|::)(min|clamp)$/.test(p.childForFieldName("function")?.text ?? "")) return { bounded: true, chainEnd };
  }
  // `let limit = …; … limit.min(100)` / `if limit > 100`.
  let stmt: Node | null = n.parent;
  while (stmt && stmt.type !== "let_declaration" && stmt.type !== "block") stmt = stmt.parent;
  if (stmt?.type === "let_declaration" && stmt.childForFieldName("value") && n.startIndex >= stmt.childForFieldName("value")!.startIndex) {
    const name = stmt.childForFieldName("pattern")?.text ?? "";
    if (/^\w+$/.test(name)) {
      const after = read.tree.rootNode.text.slice(stmt.endIndex, fn.endIndex);
      const re = new RegExp(`\\b${name}\\s*\\.\\s*(min|clamp)\\(|\\b${name}\\s*>=?\\s*(?!0\\b|1\\b)[\\w.]+|(min|clamp)\\([^)]*\\b${name}\\b`);
      if (re.test(after)) return { bounded: true, chainEnd };
    }
  }
  return { bounded: false, chainEnd };
}

/**
 * Can `fn` hold a read `<binding>.<field>` with a field `wanted` accepts? From its text (comments may
 * sit around the dot): the field expressions of a handler are walked only when it can.
 */
function readsField(fn: Node, binding: string, wanted: (field: string) => boolean): boolean {
  const gap = String.raw`(?:\s|//[^\n]*|/\*[\s\S]*?\*/)*`;
  const re = new RegExp(String.raw`(?<![\w$])${binding.replace(/\W/g, "\\$&")}${gap}\.${gap}((?:r#)?\w+)`, "g");
  for (const m of fn.text.matchAll(re)) if (wanted(m[1]!)) return true;
  return false;
}

/**
 * The field expressions inside `fn` that can read `binding` (the text at their start is the binding and
 * a dot), in document order: from the file's list, not a walk of each handler.
 */
function fieldReads(ctx: FileContext, fn: Node, binding: string): Node[] {
  const all = ctx.nodes("field_expression");
  const start = fn.startIndex;
  const end = fn.endIndex;
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.startIndex < start) lo = mid + 1;
    else hi = mid;
  }
  const text = ctx.file.text;
  const gap = String.raw`(?:\s|//[^\n]*|/\*[\s\S]*?\*/)*`;
  const re = new RegExp(String.raw`${binding.replace(/\W/g, "\\$&")}${gap}\.`, "y");
  const out: Node[] = [];
  for (let i = lo; i < all.length && all[i]!.startIndex < end; i++) {
    re.lastIndex = all[i]!.startIndex;
    if (re.test(text)) out.push(all[i]!);
  }
  return out;
}

export const FIELD_FACT = "input-rust-page-field";
export const USE_FACT = "input-rust-page-use";

const INT_TYPE = /^(Option<)?(u|i)(8|16|32|64|128|size)>?$/;

export function rust(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  // Query structs of this file.
  const structs = new Map<string, Node>();
  for (const s of ctx.nodes("struct_item")) {
    const name = s.childForFieldName("name")?.text;
    if (name && derivesDeserialize(s)) structs.set(name, s);
  }
  // Handlers' bindings of query structs (`Query(params): Query<ListParams>`, `page: web::Query<Page>`).
  const uses = new Map<string, Array<{ fn: Node; binding: string }>>();
  for (const fn of ctx.nodes("function_item")) {
    for (const p of namedChildren(fn.childForFieldName("parameters"))) {
      if (p.type !== "parameter") continue;
      const m = QUERY_TYPE.exec((p.childForFieldName("type")?.text ?? "").replace(/\s+/g, ""));
      if (!m) continue;
      const pat = p.childForFieldName("pattern");
      const binding = pat?.type === "identifier" ? pat.text : pat?.type === "tuple_struct_pattern" ? namedChildren(pat).find((c) => c.type === "identifier" && c.id !== pat.childForFieldName("type")?.id)?.text : undefined;
      if (!binding) continue;
      let list = uses.get(m[1]!);
      if (!list) uses.set(m[1]!, (list = []));
      list.push({ fn, binding });
    }
  }
  // Structs declared elsewhere: record the reads for the project phase.
  for (const [name, handlers] of uses) {
    if (structs.has(name)) continue;
    for (const { fn, binding } of handlers) {
      if (!readsField(fn, binding, isPageSizeName)) continue;
      for (const read of fieldReads(ctx, fn, binding)) {
        const field = read.childForFieldName("field")?.text ?? "";
        if (read.childForFieldName("value")?.text !== binding || !isPageSizeName(field)) continue;
        const { bounded } = readBounded(read, fn);
        if (bounded) state.bounded(fn);
        else state.unbounded(fn);
        ctx.fact(USE_FACT, read, { struct: name, field, bounded });
      }
    }
  }
  for (const [name, item] of structs) {
    const handlers = uses.get(name) ?? [];
    for (const field of namedChildren(item.childForFieldName("body"))) {
      if (field.type !== "field_declaration") continue;
      const fname = field.childForFieldName("name");
      const ftype = field.childForFieldName("type")?.text.replace(/\s+/g, "") ?? "";
      if (!fname || !isPageSizeName(fname.text) || !INT_TYPE.test(ftype)) continue;
      if (isAmbiguousPageName(fname.text) && !/\b(page|offset|cursor)\w*\s*:/.test(item.text) && !/Pag/.test(name)) continue;
      const edits: TextEdit[] = [];
      let anyUnbounded = false;
      for (const { fn, binding } of handlers) {
        if (!readsField(fn, binding, (f) => f === fname.text)) continue;
        const reads = fieldReads(ctx, fn, binding).filter((f) => f.childForFieldName("value")?.text === binding && f.childForFieldName("field")?.text === fname.text);
        for (const read of reads) {
          const { bounded, chainEnd } = readBounded(read, fn);
          if (bounded) {
            state.bounded(fn);
            continue;
          }
          state.unbounded(fn);
          anyUnbounded = true;
          const end = ctx.range(chainEnd).end;
          const optionLeft = ftype.startsWith("Option<") && chainEnd.id === read.id;
          edits.push({ range: { start: end, end }, newText: optionLeft ? `.map(|v| v.clamp(1, ${max}))` : `.clamp(1, ${max})` });
        }
      }
      // Handlers in other files are judged in the project phase.
      ctx.fact(FIELD_FACT, fname, { struct: name, field: fname.text, reported: anyUnbounded });
      if (!anyUnbounded) continue;
      ctx.report({ node: fname, message: message(fname.text), fixes: [{ title: FIX_TITLE(max), applicability: "unsafe", edits }] });
    }
  }
}

/** Project phase: a query-struct field read without a bound by a handler in another file. */
export function rustProject(pctx: ProjectContext): void {
  const uses = pctx.facts(USE_FACT).filter((u) => u.data.bounded === false);
  for (const f of pctx.facts(FIELD_FACT)) {
    if (f.data.reported) continue;
    if (!uses.some((u) => u.data.struct === f.data.struct && u.data.field === f.data.field && u.file !== f.file)) continue;
    pctx.report({ file: f.file, range: f.range, message: message(String(f.data.field)) });
  }
}
