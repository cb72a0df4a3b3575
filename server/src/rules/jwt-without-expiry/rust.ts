// jsonwebtoken `encode(&header, &claims, &key)` whose claims struct literal has no `exp` field.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, FUNCTION_TYPES } from "../../languages/common";
import { scopeOf } from "../_shared/syntax";
import { MESSAGE } from "./messages";

/** true: has `exp`; false: a complete literal without it; undefined: unknown. */
function claimsHaveExp(arg: Node, call: Node, structs: Map<string, boolean>): boolean | undefined {
  let n: Node | null = arg;
  while (n && (n.type === "reference_expression" || n.type === "parenthesized_expression")) n = n.namedChildren[n.namedChildren.length - 1] ?? null;
  if (!n) return undefined;
  if (n.type === "struct_expression") {
    const body = n.childForFieldName("body");
    const fields = body?.namedChildren ?? [];
    if (fields.some((f) => f?.type === "base_field_initializer")) return undefined;
    return fields.some((f) => {
      if (!f) return false;
      const nm = f.type === "shorthand_field_initializer" ? f.text : f.childForFieldName("field")?.text ?? f.namedChildren[0]?.text;
      return nm === "exp";
    });
  }
  if (n.type === "macro_invocation" && /^(serde_json::)?json$/.test(n.childForFieldName("macro")?.text ?? "")) return /"exp"\s*:/.test(n.text);
  if (n.type === "identifier") {
    const scope = scopeOf(call, FUNCTION_TYPES.rust);
    let found: boolean | undefined;
    for (const d of scope.descendantsOfType("let_declaration")) {
      if (!d || d.startIndex > call.startIndex) continue;
      if (d.childForFieldName("pattern")?.text.replace(/^mut\s+/, "") !== n.text) continue;
      const v = d.childForFieldName("value");
      found = v ? claimsHaveExp(v, call, structs) : undefined;
    }
    if (found === false && new RegExp(`\\b${n.text}\\.exp\\s*=`).test(scope.text)) return true;
    if (found === undefined) {
      const t = d_type(scope, n.text);
      if (t && structs.has(t)) return structs.get(t);
    }
    return found;
  }
  return undefined;
}

/** The declared type of a function parameter named `name`, when it is a plain path type. */
function d_type(scope: Node, name: string): string | undefined {
  for (const p of scope.descendantsOfType("parameter")) {
    if (p?.childForFieldName("pattern")?.text !== name) continue;
    return p.childForFieldName("type")?.text.replace(/^&\s*/, "");
  }
  return undefined;
}

export function rust(ctx: FileContext): void {
  if (!/jsonwebtoken/.test(ctx.file.text)) return;
  const structs = new Map<string, boolean>();
  for (const s of ctx.nodes("struct_item")) {
    const name = s.childForFieldName("name")?.text;
    const body = s.childForFieldName("body");
    if (!name || body?.type !== "field_declaration_list") continue;
    structs.set(name, body.namedChildren.some((f) => f?.type === "field_declaration" && f.childForFieldName("name")?.text === "exp"));
  }
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "rust");
    if (!/^(jsonwebtoken::)?encode$/.test(callee)) continue;
    const args = callArguments(call, "rust");
    if (args.length !== 3) continue;
    if (claimsHaveExp(args[1]!, call, structs) === false) ctx.report({ node: call, message: MESSAGE });
  }
}
