// Python: DB-API `cursor.execute*`, SQLAlchemy `text()`/`exec_driver_sql`, Django `raw`/`extra`/
// `RawSQL`, with SQL text built by f-strings, `%`, `.format()` or `+` from non-constant values.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeName, calleeText, callArguments, stringValue } from "../../languages/common";
import { isConstantName, isSqlIdentifierName, looksLikeSql } from "../_shared/input-common";
import { buildSql, type Built, combine, formatDynamic, type SqlLanguage } from "./shared";

const EXEC = new Set(["execute", "executemany", "executescript", "exec_driver_sql", "mogrify", "read_sql", "read_sql_query", "fetch", "fetchrow", "fetchval"]);

export function python(ctx: FileContext): void {
  const constants = moduleConstants(ctx);
  const importsText = /\bfrom\s+sqlalchemy(\.\w+)*\s+import\b[^\n]*\btext\b|\bimport\s+sqlalchemy\b/.test(ctx.file.text);
  for (const call of ctx.nodes("call")) {
    const name = calleeName(call, "python");
    const callee = calleeText(call, "python");
    let sqlArg: Node | undefined;
    const args = callArguments(call, "python");
    if (EXEC.has(name) && callee.includes(".")) sqlArg = args[0];
    else if (name === "text" && (importsText || /^(sa|sqlalchemy)\.text$/.test(callee)) && (callee === "text" || /^(sa|sqlalchemy)\.text$/.test(callee))) sqlArg = args[0];
    else if (name === "raw" && /\bobjects\b|_set\b|Manager/.test(callee)) sqlArg = args[0];
    else if (name === "RawSQL") sqlArg = args[0];
    else if (name === "extra" && /\bobjects\b|\bqs\b|queryset/i.test(callee)) {
      for (const a of args) {
        if (a.type !== "keyword_argument" || !/^(where|select|tables|order_by)$/.test(a.childForFieldName("name")?.text ?? "")) continue;
        const v = a.childForFieldName("value");
        for (const item of v?.namedChildren ?? []) {
          const target = item?.type === "pair" ? item.childForFieldName("value") : item;
          if (target && unsafe(buildSql(target, sqlLanguage(constants)))) sqlArg = target;
        }
      }
      if (sqlArg) {
        report(ctx, call);
        continue;
      }
    }
    if (!sqlArg || sqlArg.type === "keyword_argument" || sqlArg.type === "list_splat") continue;
    if (unsafe(buildSql(sqlArg, sqlLanguage(constants)))) report(ctx, call);
  }
}

function report(ctx: FileContext, call: Node): void {
  const fn = call.childForFieldName("function");
  const at = fn?.type === "attribute" ? (fn.childForFieldName("attribute") ?? fn) : (fn ?? call);
  ctx.report({
    range: { start: ctx.range(at).start, end: ctx.range(call).end },
    message: "SQL text is built from non-constant values and executed: pass the values as query parameters instead (input validation).",
  });
}

function unsafe(b: Built): boolean {
  return b.dynamic && looksLikeSql(b.sql);
}

function moduleConstants(ctx: FileContext): Set<string> {
  const out = new Set<string>();
  for (const stmt of ctx.file.tree.rootNode.namedChildren) {
    const a = stmt?.type === "expression_statement" ? stmt.namedChildren[0] : null;
    if (a?.type !== "assignment") continue;
    const left = a.childForFieldName("left");
    const right = a.childForFieldName("right");
    if (left?.type === "identifier" && right && (stringValue(right, "python") !== undefined || right.type === "integer")) out.add(left.text);
  }
  return out;
}

function isConstant(node: Node, constants: Set<string>): boolean {
  switch (node.type) {
    case "integer":
    case "float":
    case "true":
    case "false":
    case "none":
      return true;
    case "string":
    case "concatenated_string":
      return stringValue(node, "python") !== undefined;
    case "identifier":
      return isConstantName(node.text) || constants.has(node.text) || isSqlIdentifierName(node.text);
    case "attribute":
      return isConstantName(node.childForFieldName("attribute")?.text ?? "") || isSqlIdentifierName(node.childForFieldName("attribute")?.text ?? "");
    case "parenthesized_expression":
      return node.namedChildren.every((c) => !c || isConstant(c, constants));
    case "call":
      return /^(int|float|len|bool|round|abs)$/.test(node.childForFieldName("function")?.text ?? "");
    default:
      return false;
  }
}

export function sqlLanguage(constants: Set<string>): SqlLanguage {
  const isConst = (n: Node) => isConstant(n, constants);
  return {
    family: "python",
    isConstant: isConst,
    special(node, build) {
      switch (node.type) {
        case "string":
        case "concatenated_string": {
          // An f-string with interpolations.
          let sql = "";
          let dynamic = false;
          const parts = node.type === "concatenated_string" ? node.namedChildren : [node];
          for (const p of parts) {
            if (!p) continue;
            for (const c of p.namedChildren) {
              if (!c) continue;
              if (c.type === "string_content" || c.type === "escape_sequence") sql += c.text;
              else if (c.type === "interpolation") {
                const e = c.childForFieldName("expression") ?? c.namedChildren[0];
                if (e && !isConst(e) && build(e).dynamic) dynamic = true;
                sql += " ? ";
              }
            }
          }
          return { sql, dynamic };
        }
        case "binary_operator": {
          const op = node.childForFieldName("operator")?.text;
          const left = node.childForFieldName("left");
          const right = node.childForFieldName("right");
          if (!left || !right) return undefined;
          if (op === "+") return combine([build(left), build(right)]);
          // `" " * i`, `"?, " * n`: a literal repeated.
          if (op === "*" && (stringValue(left, "python") !== undefined || stringValue(right, "python") !== undefined)) return { sql: "", dynamic: false };
          if (op === "%") {
            const l = build(left);
            const vals = (right.type === "tuple" ? right.namedChildren : [right]).filter((v): v is Node => !!v);
            if (right.type === "dictionary") return { sql: l.sql, dynamic: l.dynamic || !right.namedChildren.every((p) => !p || (p.childForFieldName("value") && isConst(p.childForFieldName("value")!))) };
            return { sql: l.sql, dynamic: l.dynamic || formatDynamic(l.sql, vals.map((v) => ({ constant: isConst(v) || !build(v).dynamic }))) };
          }
          return undefined;
        }
        case "call": {
          const fn = node.childForFieldName("function");
          // Numbers and joins of fragments cannot carry a quote: `int(x)`, `len(xs)`, `", ".join(["%s"] * n)`.
          if (fn && /^(int|float|len|bool|round|abs)$/.test(fn.text)) return { sql: "", dynamic: false };
          if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "join" && stringValue(fn.childForFieldName("object"), "python") !== undefined) return { sql: "", dynamic: false };
          if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "format") {
            const obj = fn.childForFieldName("object");
            const l = obj ? build(obj) : { sql: "", dynamic: false };
            const args = callArguments(node, "python").map((a) => (a.type === "keyword_argument" ? a.childForFieldName("value") : a));
            return { sql: l.sql, dynamic: l.dynamic || args.some((a) => !!a && !isConst(a) && build(a).dynamic) };
          }
          return undefined;
        }
      }
      return undefined;
    },
  };
}
