// Rust: sqlx `query`/`query_as`/`query_scalar` (and `_with`), diesel `sql_query`, tokio-postgres /
// rusqlite `query`/`execute`/`batch_execute` with SQL text from `format!` or `+` of non-constant values.
// The `sqlx::query!` macros are checked at compile time: safe.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, stringValue } from "../../languages/common";
import { isConstantName, isSqlIdentifierName, looksLikeSql, namedChildren } from "../_shared/input-common";
import { buildSql, type SqlLanguage } from "./shared";

const EXEC = new Set(["query", "query_as", "query_scalar", "query_with", "query_as_with", "query_scalar_with", "sql_query", "execute", "query_one", "query_opt", "batch_execute", "prepare", "prepare_cached", "query_row", "query_map", "execute_batch"]);

export function rust(ctx: FileContext): void {
  const constants = new Set<string>();
  for (const c of ctx.nodes("const_item", "static_item")) {
    const n = c.childForFieldName("name");
    if (n) constants.add(n.text);
  }
  for (const call of ctx.nodes("call_expression")) {
    let fn = call.childForFieldName("function");
    if (fn?.type === "generic_function") fn = fn.childForFieldName("function");
    const nameNode = fn?.type === "scoped_identifier" ? fn.childForFieldName("name") : fn?.type === "field_expression" ? fn.childForFieldName("field") : fn?.type === "identifier" ? fn : null;
    if (!nameNode || !EXEC.has(nameNode.text)) continue;
    const arg = callArguments(call, "rust")[0];
    if (!arg) continue;
    const b = buildSql(arg, sqlLanguage(constants));
    if (!b.dynamic || !looksLikeSql(b.sql)) continue;
    ctx.report({
      range: { start: ctx.range(fn!).start, end: ctx.range(call).end },
      message: `SQL text built with \`format!\` or concatenation is passed to \`${nameNode.text}\`: bind the values (\`.bind(...)\`, \`$1\` placeholders) instead (input validation).`,
    });
  }
}

function isConstant(node: Node, constants: Set<string>): boolean {
  if (/^(integer_literal|float_literal|boolean_literal|string_literal|raw_string_literal)$/.test(node.type)) return true;
  if (node.type === "identifier") return constants.has(node.text) || isConstantName(node.text) || isSqlIdentifierName(node.text);
  if (node.type === "scoped_identifier") return isConstantName(node.childForFieldName("name")?.text ?? "");
  return false;
}

function sqlLanguage(constants: Set<string>): SqlLanguage {
  const isConst = (n: Node) => isConstant(n, constants);
  return {
    family: "rust",
    isConstant: isConst,
    special(node, build) {
      switch (node.type) {
        case "reference_expression": {
          const inner = node.childForFieldName("value") ?? node.namedChildren[0];
          return inner ? build(inner, false) : { sql: "", dynamic: false };
        }
        case "call_expression": {
          // `s.as_str()`, `s.to_string()`, `String::from(s)`
          const fn = node.childForFieldName("function");
          if (fn?.type === "field_expression" && /^(as_str|to_string|to_owned|clone|as_ref)$/.test(fn.childForFieldName("field")?.text ?? "")) {
            const v = fn.childForFieldName("value");
            return v ? build(v, false) : { sql: "", dynamic: true };
          }
          return undefined;
        }
        case "macro_invocation": {
          const name = node.childForFieldName("macro")?.text ?? "";
          if (!/^(std::)?(format|concat)$/.test(name)) return undefined;
          const tt = namedChildren(node).find((c) => c.type === "token_tree");
          const parts = namedChildren(tt);
          const fmt = parts[0];
          const fmtText = fmt ? stringValue(fmt, "rust") : undefined;
          if (fmtText === undefined) return { sql: "", dynamic: true };
          if (name.endsWith("concat")) return { sql: fmtText, dynamic: false };
          // Inline captures `{name}` and positional arguments.
          let dynamic = false;
          for (const m of fmtText.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}/g)) if (!constants.has(m[1]!) && !isConstantName(m[1]!) && !isSqlIdentifierName(m[1]!)) dynamic = true;
          // Arguments after the format string; `name = value` pairs show as identifier, =, expr tokens.
          const args = parts.slice(1);
          for (const a of args) if (!isConst(a) && a.type !== "token_tree") dynamic = true;
          if (args.some((a) => a.type === "token_tree")) dynamic = true;
          return { sql: fmtText, dynamic };
        }
      }
      return undefined;
    },
  };
}
