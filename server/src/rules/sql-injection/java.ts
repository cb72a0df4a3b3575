// Java: JDBC `Statement.execute*`/`addBatch`/`prepareStatement`, Spring `JdbcTemplate.query*/update`,
// JPA/Hibernate `createQuery`/`createNativeQuery` with SQL built by `+`, `String.format` or
// `.formatted` from non-constant values.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, enclosingFunction, stringValue } from "../../languages/common";
import { descendants, isConstantName, isSqlIdentifierName, looksLikeSql } from "../_shared/input-common";
import { buildSql, type Built, combine, formatDynamic, type SqlLanguage } from "./shared";

const EXEC = new Set([
  "executeQuery", "executeUpdate", "execute", "executeLargeUpdate", "addBatch", "prepareStatement", "prepareCall",
  "query", "queryForList", "queryForObject", "queryForMap", "queryForRowSet", "queryForStream", "queryForLong", "queryForInt", "update", "batchUpdate",
  "createQuery", "createNativeQuery", "createSQLQuery", "createNativeMutationQuery", "createSelectionQuery", "createMutationQuery", "sql",
]);

export function java(ctx: FileContext): void {
  const constants = new Set<string>();
  for (const f of ctx.nodes("field_declaration")) {
    const mods = f.namedChildren.find((c) => c?.type === "modifiers")?.text ?? "";
    if (!/\bfinal\b/.test(mods)) continue;
    for (const d of f.childrenForFieldName("declarator")) {
      const v = d?.childForFieldName("value");
      const n = d?.childForFieldName("name");
      if (n && v && (stringValue(v, "java") !== undefined || /literal/.test(v.type))) constants.add(n.text);
    }
  }
  for (const call of ctx.nodes("method_invocation")) {
    const name = call.childForFieldName("name");
    if (!name || !EXEC.has(name.text)) continue;
    const arg = callArguments(call, "java")[0];
    if (!arg) continue;
    const b = buildSql(arg, sqlLanguage(constants));
    if (!b.dynamic || !looksLikeSql(b.sql)) continue;
    ctx.report({
      range: { start: ctx.range(name).start, end: ctx.range(call).end },
      message: `SQL text built from non-constant values is passed to \`${name.text}\`: use a PreparedStatement / bind parameters (\`?\`, \`:name\`) instead (input validation).`,
    });
  }
}

function isConstant(node: Node, constants: Set<string>): boolean {
  if (/literal$/.test(node.type) || node.type === "true" || node.type === "false" || node.type === "null_literal") return stringValue(node, "java") !== undefined || node.type !== "string_literal";
  if (node.type === "identifier") return constants.has(node.text) || isConstantName(node.text) || isSqlIdentifierName(node.text);
  if (node.type === "field_access") return isConstantName(node.childForFieldName("field")?.text ?? "") || isSqlIdentifierName(node.childForFieldName("field")?.text ?? "");
  if (node.type === "parenthesized_expression") return node.namedChildren.every((c) => !c || isConstant(c, constants));
  return false;
}

function sqlLanguage(constants: Set<string>): SqlLanguage {
  const isConst = (n: Node) => isConstant(n, constants);
  return {
    family: "java",
    isConstant: isConst,
    special(node, build) {
      if (node.type !== "method_invocation") return undefined;
      const callee = calleeText(node, "java");
      const args = callArguments(node, "java");
      const method = node.childForFieldName("name")?.text;
      const formatted = (f: Built, values: Node[]): Built => ({ sql: f.sql, dynamic: f.dynamic || formatDynamic(f.sql, values.map((a) => ({ constant: isConst(a) || !build(a).dynamic }))) });
      if (/^String\.format$/.test(callee) && args[0]) return formatted(build(args[0]), args.slice(1));
      if (method === "formatted") {
        const obj = node.childForFieldName("object");
        return formatted(obj ? build(obj) : { sql: "", dynamic: true }, args);
      }
      // `sb.toString()` of a local StringBuilder: its initial text and every `append`.
      const sb = node.childForFieldName("object");
      if (method === "toString" && sb?.type === "identifier") {
        const fn = enclosingFunction(node, "java");
        if (fn) {
          const parts: Array<{ at: number; b: Built }> = [];
          for (const d of descendants(fn, "variable_declarator")) {
            const v = d.childForFieldName("value");
            if (d.childForFieldName("name")?.text === sb.text && v?.type === "object_creation_expression" && /StringBu(ild|ff)er/.test(v.childForFieldName("type")?.text ?? "")) {
              const init = callArguments(v, "java")[0];
              if (init && init.type !== "decimal_integer_literal") parts.push({ at: init.startIndex, b: build(init) });
            }
          }
          for (const call of descendants(fn, "method_invocation")) {
            if (call.childForFieldName("name")?.text !== "append" || call.startIndex > node.startIndex) continue;
            let root: Node | null = call.childForFieldName("object");
            while (root?.type === "method_invocation") root = root.childForFieldName("object");
            if (root?.text !== sb.text) continue;
            const a = callArguments(call, "java")[0];
            if (a) parts.push({ at: a.startIndex, b: build(a) });
          }
          if (parts.length) return combine(parts.sort((x, y) => x.at - y.at).map((p) => p.b));
        }
      }
      if (/^(String\.join|Integer\.toString|Long\.toString|Integer\.parseInt|Long\.parseLong)$/.test(callee) || /^(size|length)$/.test(method ?? "")) return { sql: "", dynamic: false };
      return undefined;
    },
  };
}
