// Go: database/sql, pgx, sqlx `Query/QueryRow/Exec(Context)`, `Get/Select`, gorm `Raw/Exec/Where`
// with the SQL argument built by `+` or `fmt.Sprintf` from non-constant values.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, enclosingFunction, stringValue } from "../../languages/common";
import { isSqlIdentifierName, looksLikeSql, looksLikeSqlCondition } from "../_shared/input-common";
import { type Built, combine, formatDynamic, resolveLocalParts } from "./shared";

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
    const b = build(arg, constants, 0);
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

function build(node: Node, constants: Set<string>, depth: number): Built {
  if (depth > 4) return { sql: "", dynamic: false };
  const lit = stringValue(node, "go");
  if (lit !== undefined) return { sql: lit, dynamic: false };
  switch (node.type) {
    case "parenthesized_expression": {
      const inner = node.namedChildren[0];
      return inner ? build(inner, constants, depth) : { sql: "", dynamic: false };
    }
    case "binary_expression": {
      if (node.childForFieldName("operator")?.text !== "+") break;
      const l = node.childForFieldName("left");
      const r = node.childForFieldName("right");
      if (!l || !r) break;
      return combine([build(l, constants, depth + 1), build(r, constants, depth + 1)]);
    }
    case "call_expression": {
      if (/^(strconv\.(Itoa|FormatInt|FormatUint|FormatFloat|FormatBool|Quote)|strings\.Join|len)$/.test(calleeText(node, "go"))) return { sql: "", dynamic: false };
      if (calleeText(node, "go") !== "fmt.Sprintf") break;
      const [format, ...rest] = callArguments(node, "go");
      if (!format) break;
      const f = build(format, constants, depth + 1);
      return { sql: f.sql, dynamic: f.dynamic || formatDynamic(f.sql, rest.map((a) => ({ constant: isConstant(a, constants) || !build(a, constants, depth + 1).dynamic }))) };
    }
    case "identifier": {
      if (isConstant(node, constants)) {
        const parts = resolveLocalParts(node, null, "go");
        return parts ? { sql: combine(parts.map((p) => build(p, constants, depth + 1))).sql, dynamic: false } : { sql: "", dynamic: false };
      }
      const parts = resolveLocalParts(node, enclosingFunction(node, "go"), "go");
      if (parts) return combine(parts.map((p) => build(p, constants, depth + 1)));
      return { sql: "", dynamic: true, opaque: true };
    }
  }
  return { sql: "", dynamic: !isConstant(node, constants), opaque: true };
}
