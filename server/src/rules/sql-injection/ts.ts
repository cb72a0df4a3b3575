// TS/JS: pg/mysql2 `query`/`execute`, knex `raw`/`*Raw`, sequelize `query`, prisma
// `$queryRawUnsafe`/`$executeRawUnsafe` with SQL built by template substitutions or `+` from
// non-constant values. Tagged templates (`prisma.$queryRaw\`…\``, `sql\`…\``) are parameterised: safe.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, stringValue } from "../../languages/common";
import { isConstantName, isSqlIdentifierName, looksLikeSql, looksLikeSqlCondition } from "../_shared/input-common";
import { buildSql, type SqlLanguage } from "./shared";

const EXEC = /^(query|execute|raw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe|whereRaw|orWhereRaw|havingRaw|orderByRaw|joinRaw|fromRaw|selectRaw|groupByRaw|where|andWhere|orWhere|having|andHaving|orHaving)$/;
/** APIs that take a SQL condition fragment rather than a statement. */
const CONDITION = /Raw$|^(where|andWhere|orWhere|having|andHaving|orHaving)$/;

export function ts(ctx: FileContext): void {
  const constants = fileConstants(ctx);
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "member_expression") continue;
    const prop = fn.childForFieldName("property");
    if (!prop || !EXEC.test(prop.text)) continue;
    const argsNode = call.childForFieldName("arguments");
    if (argsNode?.type === "template_string") continue; // tagged template: parameterised
    const arg = callArguments(call, "ts")[0];
    if (!arg) continue;
    const b = buildSql(arg, sqlLanguage(constants));
    if (!b.dynamic || !(CONDITION.test(prop.text) ? looksLikeSqlCondition(b.sql) : looksLikeSql(b.sql))) continue;
    ctx.report({
      range: { start: ctx.range(prop).start, end: ctx.range(call).end },
      message: `SQL text built from non-constant values is passed to \`${prop.text}\`: use placeholders with bound values (or a tagged template) instead (input validation).`,
    });
  }
}

function fileConstants(ctx: FileContext): Set<string> {
  const out = new Set<string>();
  for (const d of ctx.nodes("lexical_declaration")) {
    if (!d.children.some((c) => c?.type === "const")) continue;
    for (const v of d.namedChildren) {
      if (v?.type !== "variable_declarator") continue;
      const name = v.childForFieldName("name");
      const value = v.childForFieldName("value");
      if (name?.type === "identifier" && value && (stringValue(value, "ts") !== undefined || value.type === "number")) out.add(name.text);
    }
  }
  return out;
}

function isConstant(node: Node, constants: Set<string>): boolean {
  switch (node.type) {
    case "number":
    case "true":
    case "false":
    case "null":
      return true;
    case "string":
    case "template_string":
      return stringValue(node, "ts") !== undefined;
    case "identifier":
      return isConstantName(node.text) || constants.has(node.text) || isSqlIdentifierName(node.text);
    case "member_expression":
      return isConstantName(node.childForFieldName("property")?.text ?? "") || isSqlIdentifierName(node.childForFieldName("property")?.text ?? "");
    case "parenthesized_expression":
      return node.namedChildren.every((c) => !c || isConstant(c, constants));
    case "call_expression":
      return /^(Number|parseInt|parseFloat|Number\.parseInt|Math\.\w+)$/.test(node.childForFieldName("function")?.text ?? "");
    default:
      return false;
  }
}

function sqlLanguage(constants: Set<string>): SqlLanguage {
  const isConst = (n: Node) => isConstant(n, constants);
  return {
    family: "ts",
    isConstant: isConst,
    special(node, build) {
      switch (node.type) {
        case "template_string": {
          let sql = "";
          let dynamic = false;
          for (const c of node.namedChildren) {
            if (!c) continue;
            if (c.type === "string_fragment" || c.type === "escape_sequence") sql += c.text;
            else if (c.type === "template_substitution") {
              const e = c.namedChildren[0];
              if (e && !isConst(e) && build(e).dynamic) dynamic = true;
              sql += " ? ";
            }
          }
          return { sql, dynamic };
        }
        case "as_expression":
        case "non_null_expression":
        case "satisfies_expression": {
          const inner = node.namedChildren[0];
          return inner ? build(inner, false) : { sql: "", dynamic: false };
        }
        case "call_expression": {
          const f = node.childForFieldName("function");
          if (f && /^(Number|parseInt|parseFloat|Number\.parseInt|Math\.\w+)$/.test(f.text)) return { sql: "", dynamic: false };
          // `ids.map((_, i) => \`$${i + 1}\`).join(", ")`: placeholders, not values.
          if (f?.type === "member_expression" && f.childForFieldName("property")?.text === "join") return { sql: "", dynamic: false };
          return undefined;
        }
      }
      return undefined;
    },
  };
}
