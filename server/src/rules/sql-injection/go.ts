// Go: database/sql, pgx, sqlx `Query/QueryRow/Exec(Context)`, `Get/Select`, gorm `Raw/Exec/Where`
// with the SQL argument built by `+` or `fmt.Sprintf` from non-constant values.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText } from "../../languages/common";
import { isSqlIdentifierName, looksLikeSql, looksLikeSqlCondition } from "../_shared/input-common";
import { buildSql, formatDynamic, type SqlLanguage } from "./shared";

const EXEC = new Set([
  "Query", "QueryRow", "Exec", "QueryContext", "QueryRowContext", "ExecContext",
  "Queryx", "QueryRowx", "QueryxContext", "QueryRowxContext", "MustExec", "MustExecContext",
  "Get", "Select", "GetContext", "SelectContext", "NamedExec", "NamedQuery", "Prepare", "PrepareContext", "Preparex",
  "Raw", "Where", "Or", "Not", "Having", "Order", "Joins",
]);

export function go(ctx: FileContext): void {
  const constants = fileConstants(ctx);
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "selector_expression") continue;
    const field = fn.childForFieldName("field");
    if (!field || !EXEC.has(field.text)) continue;
    const args = callArguments(call, "go");
    // The SQL argument: the first argument that is string-like (a context or a destination comes first).
    let arg: Node | undefined;
    for (const a of args.slice(0, 3)) {
      if (isStringLike(a)) {
        arg = a;
        break;
      }
    }
    if (!arg) continue;
    const b = buildSql(arg, sqlLanguage(constants));
    const condition = /^(Where|Or|Not|Having|Joins|Order)$/.test(field.text);
    if (!b.dynamic || !(condition ? looksLikeSqlCondition(b.sql) : looksLikeSql(b.sql))) continue;
    ctx.report({
      range: { start: ctx.range(field).start, end: ctx.range(call).end },
      message: `SQL text built from non-constant values is passed to \`${field.text}\`: use placeholders ($1, ?) with bound arguments instead (input validation).`,
    });
  }
}

function isStringLike(n: Node): boolean {
  if (n.type === "interpreted_string_literal" || n.type === "raw_string_literal") return true;
  if (n.type === "binary_expression") return n.childForFieldName("operator")?.text === "+" && (isStringLike(n.childForFieldName("left")!) || isStringLike(n.childForFieldName("right")!));
  if (n.type === "call_expression") return /^fmt\.Sprintf$/.test(calleeText(n, "go"));
  if (n.type === "identifier") return /sql|query|stmt|statement|q$/i.test(n.text);
  if (n.type === "parenthesized_expression") return !!n.namedChildren[0] && isStringLike(n.namedChildren[0]);
  return false;
}

function fileConstants(ctx: FileContext): Set<string> {
  const out = new Set<string>();
  for (const spec of ctx.nodes("const_spec")) for (const n of spec.childrenForFieldName("name")) if (n) out.add(n.text);
  return out;
}

function isConstant(node: Node, constants: Set<string>): boolean {
  switch (node.type) {
    case "int_literal":
    case "float_literal":
    case "true":
    case "false":
    case "nil":
    case "interpreted_string_literal":
    case "raw_string_literal":
      return true;
    case "identifier":
      return constants.has(node.text) || isSqlIdentifierName(node.text);
    case "selector_expression":
      return isSqlIdentifierName(node.childForFieldName("field")?.text ?? "");
    case "parenthesized_expression":
      return node.namedChildren.every((c) => !c || isConstant(c, constants));
    case "call_expression":
      return /^(strconv\.(Itoa|FormatInt|FormatUint|FormatFloat|FormatBool)|len)$/.test(calleeText(node, "go"));
    default:
      return false;
  }
}

function sqlLanguage(constants: Set<string>): SqlLanguage {
  const isConst = (n: Node) => isConstant(n, constants);
  return {
    family: "go",
    isConstant: isConst,
    special(node, build) {
      if (node.type !== "call_expression") return undefined;
      const callee = calleeText(node, "go");
      if (/^(strconv\.(Itoa|FormatInt|FormatUint|FormatFloat|FormatBool|Quote)|strings\.Join|len)$/.test(callee)) return { sql: "", dynamic: false };
      if (callee !== "fmt.Sprintf") return undefined;
      const [format, ...rest] = callArguments(node, "go");
      if (!format) return undefined;
      const f = build(format);
      return { sql: f.sql, dynamic: f.dynamic || formatDynamic(f.sql, rest.map((a) => ({ constant: isConst(a) || !build(a).dynamic }))) };
    },
  };
}
