// Rust: Axum/Actix handlers taking the body as untyped JSON (`Json<serde_json::Value>`,
// `web::Json<Value>`, `Json<HashMap<…>>`) instead of a typed, validated struct.
import type { FileContext } from "../../engine/rule";
import { namedChildren } from "../_shared/input-common";
import { recordRouteInput } from "./facts";

export function rust(ctx: FileContext): void {
  const valueImported = /use\s+serde_json::(\{[^}]*\bValue\b[^}]*\}|Value\b)/.test(ctx.file.text);
  for (const fn of ctx.nodes("function_item")) {
    const name = fn.childForFieldName("name")?.text ?? "";
    let sawBody = false;
    let bad = false;
    for (const p of namedChildren(fn.childForFieldName("parameters"))) {
      if (p.type !== "parameter") continue;
      const t = (p.childForFieldName("type")?.text ?? "").replace(/\s+/g, "");
      const m = /^(?:(?:web|axum|actix_web|axum::extract|actix_web::web|extract)::)?(Json|Form)<(.*)>$/.exec(t);
      if (!m) continue;
      sawBody = true;
      const inner = m[2]!;
      const untyped = /^(serde_json::)?(Value|Map<.*>)$/.test(inner) && (inner.startsWith("serde_json::") || valueImported || inner.startsWith("Map<")) || /^(std::collections::)?(HashMap|BTreeMap)<.*>$/.test(inner);
      if (!untyped) continue;
      bad = true;
      ctx.report({ node: p, message: `The handler takes the body as untyped JSON (\`${m[1]}<${inner}>\`): deserialize into a struct (with \`validator\` rules where needed) so malformed input is rejected (input validation).` });
    }
    if (sawBody && name) recordRouteInput(ctx, fn, name, !bad);
  }
}
