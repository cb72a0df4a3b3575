// Java: Spring `@RequestParam`, Micronaut `@QueryValue`, JAX-RS/Quarkus `@QueryParam` page sizes without
// `@Max` (or a clamp in the method). Fix: `@Min(1) @Max(MAX)` with the jakarta/javax import in use.
import type { FileContext } from "../../engine/rule";
import type { Node, TextEdit } from "../../engine/types";
import { stringValue } from "../../languages/common";
import { hasDependency } from "../../project/model";
import { appendAfterLine, flowsToQuery, isAmbiguousPageName, isPageSizeName, maxPageSize, namedChildren, prependBeforeLine } from "../_shared/input-common";
import { FIX_TITLE, message, type PaginationState } from "./shared";

function annotations(p: Node): Node[] {
  const mods = namedChildren(p).find((c) => c.type === "modifiers");
  return namedChildren(mods).filter((a) => a.type === "marker_annotation" || a.type === "annotation");
}

function annName(a: Node): string {
  return (a.childForFieldName("name")?.text ?? "").replace(/^.*\./, "");
}

/** The request key of `@RequestParam("per_page")`, `@RequestParam(name = "per_page")`, `@QueryParam("limit")`. */
function annotationKey(a: Node): string | undefined {
  for (const arg of namedChildren(a.childForFieldName("arguments"))) {
    if (arg.type === "string_literal") return stringValue(arg, "java");
    if (arg.type === "element_value_pair" && /^(name|value)$/.test(arg.childForFieldName("key")?.text ?? "")) return stringValue(arg.childForFieldName("value"), "java");
  }
  return undefined;
}

function validationPackage(ctx: FileContext): string {
  const t = ctx.file.text;
  if (/import\s+javax\.validation\b/.test(t)) return "javax";
  if (/import\s+jakarta\.validation\b/.test(t)) return "jakarta";
  if (/import\s+javax\.(ws\.rs|persistence|inject|servlet)\b/.test(t)) return "javax";
  if (/import\s+jakarta\./.test(t)) return "jakarta";
  if (hasDependency(ctx.project, "validation-api") || hasDependency(ctx.project, "javax.validation:validation-api")) return "javax";
  return "jakarta";
}

function importEdits(ctx: FileContext, names: string[]): TextEdit | undefined {
  const pkg = `${validationPackage(ctx)}.validation.constraints`;
  const t = ctx.file.text;
  if (new RegExp(`import\\s+${pkg.replace(/\./g, "\\.")}\\.\\*;`).test(t)) return undefined;
  const missing = names.filter((n) => !new RegExp(`import\\s+${pkg.replace(/\./g, "\\.")}\\.${n};`).test(t));
  if (!missing.length) return undefined;
  const lines = missing.map((n) => `import ${pkg}.${n};`).join("\n");
  const imports = ctx.nodes("import_declaration");
  if (imports.length) return appendAfterLine(ctx, imports[imports.length - 1]!.endPosition.row, lines);
  const pkgDecl = ctx.nodes("package_declaration")[0];
  if (pkgDecl) return appendAfterLine(ctx, pkgDecl.endPosition.row, `\n${lines}`);
  return prependBeforeLine(ctx, 0, lines);
}

export function clampedJava(scopeText: string, name: string): boolean {
  return (
    new RegExp(`Math\\.min\\([^;]*\\b${name}\\b`).test(scopeText) ||
    new RegExp(`\\b${name}\\s*>=?\\s*(?!0\\b|1\\b)[\\w.]+`).test(scopeText) ||
    new RegExp(`(?<![\\w.])(?!0\\b|1\\b)[\\w.]+\\s*<=?\\s*${name}\\b`).test(scopeText) ||
    new RegExp(`\\bclamp\\w*\\([^)]*\\b${name}\\b`).test(scopeText)
  );
}

const NUMERIC = /^(int|Integer|long|Long|short|Short|Optional<Integer>|Optional<Long>|OptionalInt)$/;

/** `@Min(1) @Max(MAX) ` before the type, with the imports. */
function boundsFix(ctx: FileContext, anns: Node[], typeNode: Node, max: number) {
  const hasMin = anns.some((a) => /^(Min|Positive|DecimalMin)$/.test(annName(a)));
  // Before the first keyword modifier (`private`, `final`) so annotations stay together, else before the type.
  const mods = typeNode.parent ? namedChildren(typeNode.parent).find((c) => c.type === "modifiers") : undefined;
  const keyword = mods?.children.find((c) => !!c && c.type !== "annotation" && c.type !== "marker_annotation" && c.type !== "line_comment" && c.type !== "block_comment");
  const start = ctx.range(keyword ?? typeNode).start;
  const edits: TextEdit[] = [{ range: { start, end: start }, newText: `${hasMin ? "" : "@Min(1) "}@Max(${max}) ` }];
  const imp = importEdits(ctx, hasMin ? ["Max"] : ["Max", "Min"]);
  if (imp) edits.push(imp);
  return [{ title: FIX_TITLE(max), applicability: "unsafe" as const, edits }];
}

function hasUpperBound(anns: Node[]): boolean {
  return anns.some((a) => /^(Max|DecimalMax|Range|Size)$/.test(annName(a)));
}

export function java(ctx: FileContext, state: PaginationState): void {
  const max = maxPageSize(ctx);
  for (const m of ctx.nodes("method_declaration")) {
    const body = m.childForFieldName("body");
    for (const p of namedChildren(m.childForFieldName("parameters"))) {
      if (p.type !== "formal_parameter") continue;
      const anns = annotations(p);
      const q = anns.find((a) => /^(RequestParam|QueryValue|QueryParam)$/.test(annName(a)));
      if (!q) continue;
      const nameNode = p.childForFieldName("name");
      const typeNode = p.childForFieldName("type");
      if (!nameNode || !typeNode || !NUMERIC.test(typeNode.text)) continue;
      const key = annotationKey(q) ?? nameNode.text;
      if (!isPageSizeName(key)) continue;
      if (isAmbiguousPageName(key) && !flowsToQuery(body?.text ?? "", nameNode.text)) continue;
      if (hasUpperBound(anns) || (body && clampedJava(body.text, nameNode.text))) {
        state.bounded(m);
        continue;
      }
      state.unbounded(m);
      ctx.report({ node: nameNode, message: message(key), fixes: boundsFix(ctx, anns, typeNode, max) });
    }
  }
  // Parameter objects: `@BeanParam` classes with `@QueryParam` fields, records of `@RequestParam`s.
  const members: Array<{ anns: Node[]; nameNode: Node; typeNode: Node; owner: Node }> = [];
  for (const f of ctx.nodes("field_declaration")) {
    const nameNode = f.childForFieldName("declarator")?.childForFieldName("name");
    const typeNode = f.childForFieldName("type");
    if (nameNode && typeNode && f.parent?.parent) members.push({ anns: annotations(f), nameNode, typeNode, owner: f.parent.parent });
  }
  for (const r of ctx.nodes("record_declaration")) {
    for (const p of namedChildren(r.childForFieldName("parameters"))) {
      const nameNode = p.childForFieldName("name");
      const typeNode = p.childForFieldName("type");
      if (p.type === "formal_parameter" && nameNode && typeNode) members.push({ anns: annotations(p), nameNode, typeNode, owner: r });
    }
  }
  for (const { anns, nameNode, typeNode, owner } of members) {
    const q = anns.find((a) => /^(RequestParam|QueryValue|QueryParam)$/.test(annName(a)));
    if (!q || !NUMERIC.test(typeNode.text)) continue;
    const key = annotationKey(q) ?? nameNode.text;
    if (!isPageSizeName(key)) continue;
    if (isAmbiguousPageName(key) && !/(QueryParam|RequestParam|QueryValue)\(\s*(value\s*=\s*)?"(page|offset|cursor)\w*"/.test(owner.text)) continue;
    if (hasUpperBound(anns) || clampedJava(ctx.file.text, `${nameNode.text}`) ) continue;
    ctx.report({ node: nameNode, message: message(key), fixes: boundsFix(ctx, anns, typeNode, max) });
  }
}
