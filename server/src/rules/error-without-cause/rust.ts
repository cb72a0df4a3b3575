// Rust: `.map_err(|_| ...)` that discards the source error. Fix, where anyhow is used and the closure
// builds an `anyhow!` error: `.context("…")` / `.with_context(|| format!(…))`, importing the trait.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { hasDependency } from "../../project/model";
import { FIX_TITLE, MESSAGE } from "./messages";

export function rust(ctx: FileContext): void {
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "field_expression") continue;
    const field = fn.childForFieldName("field");
    if (field?.text !== "map_err") continue;
    const args = call.childForFieldName("arguments")?.namedChildren.filter((c): c is Node => !!c && !/comment/.test(c.type)) ?? [];
    const closure = args[0];
    if (args.length !== 1 || closure?.type !== "closure_expression") continue;
    const params = closure.childForFieldName("parameters")?.namedChildren.filter((c): c is Node => !!c) ?? [];
    const body = closure.childForFieldName("body");
    if (!body) continue;
    const pattern = closure.childForFieldName("parameters");
    if (!pattern) continue;
    let discards = false;
    if (params.length === 0) discards = /\|\s*_\s*(:[^|]*)?\|/.test(pattern.text);
    else if (params.length === 1) {
      const p = params[0]!;
      const ident = p.type === "identifier" ? p : p.type === "parameter" ? p.childForFieldName("pattern") : null;
      if (p.type === "_" || ident?.type === "_" || ident?.text === "_") discards = true;
      else if (ident?.type === "identifier") discards = ident.text.startsWith("_") || !usesIdent(body, ident.text);
    }
    if (!discards) continue;
    ctx.report({ node: field, message: MESSAGE.rust, fixes: fixFor(ctx, field, call, body) });
  }
}

function usesIdent(node: Node, name: string): boolean {
  if (node.type === "identifier" && node.text === name) return true;
  if (node.descendantsOfType("identifier").some((c) => c?.text === name)) return true;
  // Inline format captures: `format!("{e}")`, `anyhow!("failed: {e:?}")`.
  const re = new RegExp(`\\{${name}(?::[^}]*)?\\}`);
  return node.descendantsOfType(["string_literal", "string_content"]).some((s) => !!s && re.test(s.text)) || (node.type === "token_tree" && re.test(node.text));
}

function anyhowInUse(ctx: FileContext): boolean {
  return hasDependency(ctx.project, "anyhow") || ctx.nodes("use_declaration").some((u) => /\banyhow\b/.test(u.text));
}

function fixFor(ctx: FileContext, field: Node, call: Node, body: Node): Fix[] {
  if (!anyhowInUse(ctx)) return [];
  let macro = body;
  if (macro.type === "block") {
    const inner = macro.namedChildren.filter((c): c is Node => !!c);
    if (inner.length !== 1 || inner[0]!.type !== "macro_invocation") return [];
    macro = inner[0]!;
  }
  if (macro.type !== "macro_invocation") return [];
  const name = macro.childForFieldName("macro")?.text.replace(/\s+/g, "");
  if (name !== "anyhow" && name !== "anyhow::anyhow") return [];
  const tt = macro.namedChildren.find((c) => c?.type === "token_tree");
  if (!tt || /\/\/|\/\*/.test(tt.text)) return [];
  const inner = tt.text.slice(1, -1).trim();
  const lit = tt.namedChildren.filter((c): c is Node => !!c);
  const onlyLiteral = lit.length === 1 && lit[0]!.type === "string_literal";
  const replacement = onlyLiteral && !/\{[^{]/.test(inner.replace(/\{\{/g, "")) ? `context(${inner})` : `with_context(|| format!(${inner}))`;
  const edits: TextEdit[] = [{ range: { start: ctx.range(field).start, end: ctx.range(call).end }, newText: replacement }];
  const imported = ctx.nodes("use_declaration").some((u) => /\banyhow\s*::\s*(?:Context\b|\{[^}]*\bContext\b|prelude)/.test(u.text));
  if (!imported) {
    const uses = ctx.nodes("use_declaration").filter((u) => u.parent?.type === "source_file");
    const last = uses[uses.length - 1];
    // Edits shared by several findings cover a non-empty range, so that the fix loop sees them overlap.
    if (last) edits.push({ range: ctx.range(last), newText: `${last.text}\nuse anyhow::Context;` });
    else edits.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "use anyhow::Context;\n\n" });
  }
  // Unsafe: `.context` needs the error type to implement std::error::Error + Send + Sync + 'static,
  // which the syntax cannot confirm.
  return [{ title: FIX_TITLE, applicability: "unsafe", edits }];
}
