// Go import edits that keep a file gofmt-clean: add an import in sorted position in the standard
// library group, or remove one that a fix leaves unused.
import type { FileContext } from "../../engine/rule";
import type { Node, TextEdit } from "../../engine/types";

export interface GoImport {
  spec: Node;
  path: string;
  /** Explicit name (`f "fmt"`), if any. */
  name?: string;
}

export function goImports(ctx: FileContext): GoImport[] {
  return ctx.nodes("import_spec").map((spec) => {
    const p = spec.childForFieldName("path");
    const name = spec.childForFieldName("name")?.text;
    return { spec, path: p ? p.text.slice(1, -1) : "", ...(name ? { name } : {}) };
  });
}

/** The identifier a package is referred to by in this file, or undefined when not imported (or `_`/`.`). */
export function goPackageName(ctx: FileContext, path: string): string | undefined {
  const imp = goImports(ctx).find((i) => i.path === path);
  if (!imp) return undefined;
  if (imp.name === "_" || imp.name === ".") return undefined;
  return imp.name ?? path.split("/").pop();
}

const isStd = (path: string) => !path.split("/")[0]!.includes(".");

/** Edits adding `import "<path>"` (standard library) in gofmt order; [] when already imported. */
export function addGoImport(ctx: FileContext, path: string): TextEdit[] | undefined {
  const imports = goImports(ctx);
  if (imports.some((i) => i.path === path && !i.name)) return [];
  if (imports.some((i) => i.path === path)) return undefined; // imported under another name: leave it
  const decls = ctx.nodes("import_declaration");
  const text = ctx.file.text;
  const line = (n: Node) => n.startPosition.row;
  const lineStart = (row: number) => ({ line: row, character: 0 });
  const first = decls[0];
  if (!first) {
    const pkg = ctx.nodes("package_clause")[0];
    if (!pkg) return undefined;
    return [{ range: ctx.range(pkg), newText: `${pkg.text}\n\nimport "${path}"` }];
  }
  const list = first.namedChildren.find((c) => c?.type === "import_spec_list");
  if (!list) {
    // `import "x"` → a parenthesised block with both, sorted.
    const spec = first.namedChildren.find((c) => c?.type === "import_spec");
    if (!spec) return undefined;
    const lines = [spec.text, `"${path}"`].sort((a, b) => specPath(a).localeCompare(specPath(b)));
    return [{ range: ctx.range(first), newText: `import (\n\t${lines.join("\n\t")}\n)` }];
  }
  const specs = list.namedChildren.filter((c): c is Node => c?.type === "import_spec");
  // Groups: runs of specs on consecutive lines.
  const groups: Node[][] = [];
  for (const s of specs) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (g && prev && line(s) - line(prev) <= 1 && !/\n\s*\n/.test(text.slice(prev.endIndex, s.startIndex))) g.push(s);
    else groups.push([s]);
  }
  const stdGroup = groups.find((g) => g.every((s) => isStd(specPath(s.text))));
  const indent = (s: Node) => /[ \t]*$/.exec(text.slice(0, s.startIndex))![0];
  if (!stdGroup) {
    const s0 = specs[0];
    if (!s0) return [{ range: { start: ctx.range(list).start, end: ctx.range(list).end }, newText: `(\n\t"${path}"\n)` }];
    return [{ range: { start: lineStart(line(s0)), end: ctx.range(s0).end }, newText: `${indent(s0)}"${path}"\n\n${indent(s0)}${s0.text}` }];
  }
  const after = stdGroup.find((s) => specPath(s.text) > path);
  // Edits cover the neighbouring spec (a non-empty range), so that two fixes adding the same import
  // in one pass are seen to overlap and the second waits for the next pass.
  if (after) return [{ range: { start: lineStart(line(after)), end: ctx.range(after).end }, newText: `${indent(after)}"${path}"\n${indent(after)}${after.text}` }];
  const last = stdGroup[stdGroup.length - 1]!;
  return [{ range: ctx.range(last), newText: `${last.text}\n${indent(last)}"${path}"` }];
}

function specPath(specText: string): string {
  const m = /"([^"]*)"|`([^`]*)`/.exec(specText);
  return m ? (m[1] ?? m[2] ?? "") : specText;
}

/** Edits removing the import of `path` (its whole line); undefined when that is not a clean edit. */
export function removeGoImport(ctx: FileContext, path: string): TextEdit[] | undefined {
  const imp = goImports(ctx).find((i) => i.path === path);
  if (!imp) return [];
  const decl = imp.spec.parent?.type === "import_spec_list" ? imp.spec.parent.parent : imp.spec.parent;
  if (!decl) return undefined;
  const row = imp.spec.startPosition.row;
  if (imp.spec.parent?.type !== "import_spec_list") {
    // A single `import "errors"` declaration: drop the line.
    return [{ range: { start: { line: decl.startPosition.row, character: 0 }, end: { line: decl.endPosition.row + 1, character: 0 } }, newText: "" }];
  }
  const sameLine = imp.spec.parent.namedChildren.filter((c) => c && c.type === "import_spec" && c.startPosition.row === row);
  if (sameLine.length > 1 || imp.spec.endPosition.row !== row) return undefined;
  return [{ range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, newText: "" }];
}

/** Uses of a package identifier (`errors.X`) other than inside `except`. */
export function goPackageUses(ctx: FileContext, pkg: string, except?: Node): number {
  let n = 0;
  for (const sel of ctx.nodes("selector_expression", "qualified_type")) {
    const operand = sel.childForFieldName("operand") ?? sel.childForFieldName("package");
    if (operand?.text !== pkg) continue;
    if (except && sel.startIndex >= except.startIndex && sel.endIndex <= except.endIndex) continue;
    n++;
  }
  return n;
}
