// Go: database/sql and pgx Query/QueryRow(Context), sqlx Get/Select, gorm First/Find/Take inside `for`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { hasDependencyMatching } from "../../project/model";
import { callArguments, stringValue } from "../../languages/common";
import { enclosingLoop, sqlKind } from "../_shared/db-loops";
import { MESSAGE } from "./message";

const SQL_METHODS = new Set(["Query", "QueryRow", "QueryContext", "QueryRowContext", "Queryx", "QueryRowx", "QueryxContext", "QueryRowxContext"]);
const SQLX_METHODS = new Set(["Get", "Select", "GetContext", "SelectContext"]);
const GORM_READS = new Set(["First", "Find", "Take", "Last", "Count", "Pluck", "FirstOrInit", "Scan"]);
const GORM_WRITES = /\.(Create|Save|Update|Updates|UpdateColumn|UpdateColumns|Delete|Exec|FirstOrCreate)\s*\(/;
const DB_RECV = /^(db|pool|tx|conn|database|dbpool|pgx|sqldb|gdb|gormdb|orm|store|repo|rdb|dbx|d|q|querier)$/i;

function sqlArg(args: Node[]): "read" | "write" | "unknown" | undefined {
  for (const a of args) {
    const v = stringValue(a, "go");
    if (v !== undefined) return sqlKind(v);
  }
  return undefined;
}

function rootIdent(n: Node | null): string {
  // Walk down a selector/call chain to its leftmost operand's last field (`h.db.Where(...)` → db).
  let cur = n;
  let last = "";
  while (cur) {
    if (cur.type === "call_expression") cur = cur.childForFieldName("function");
    else if (cur.type === "selector_expression") {
      const operand = cur.childForFieldName("operand");
      if (operand?.type === "call_expression" || operand?.type === "selector_expression") {
        if (operand.type === "selector_expression") last = operand.childForFieldName("field")?.text ?? last;
        cur = operand;
      } else {
        last = last || operand?.text || "";
        return last;
      }
    } else return cur.text;
  }
  return last;
}

export function go(ctx: FileContext): void {
  const gorm = hasDependencyMatching(ctx.project, /^(gorm\.io\/gorm|github\.com\/jinzhu\/gorm)$/) || /"gorm\.io\/gorm"|"github\.com\/jinzhu\/gorm"/.test(ctx.file.text);
  const sqlx = hasDependencyMatching(ctx.project, /jmoiron\/sqlx/) || /jmoiron\/sqlx|scany/.test(ctx.file.text);
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "selector_expression") continue;
    const method = fn.childForFieldName("field")?.text ?? "";
    if (!SQL_METHODS.has(method) && !(sqlx && SQLX_METHODS.has(method)) && !(gorm && GORM_READS.has(method))) continue;
    const operand = fn.childForFieldName("operand");
    const recvLast = operand?.type === "selector_expression" ? operand.childForFieldName("field")?.text ?? "" : operand?.text ?? "";
    const args = callArguments(call, "go");
    let what: string | undefined;
    if (SQL_METHODS.has(method) && args.length > 0) {
      const kind = sqlArg(args);
      if (kind === "write") continue;
      if (kind === "read" || (kind === undefined && DB_RECV.test(recvLast))) what = `\`${fn.text}\``;
    } else if (sqlx && SQLX_METHODS.has(method) && args.length >= 2 && sqlArg(args) === "read") {
      what = `sqlx \`${method}\``;
    } else if (gorm && GORM_READS.has(method) && args.length >= 1) {
      const root = rootIdent(operand);
      let top: Node = call;
      while (top.parent?.type === "selector_expression" && top.parent.parent?.type === "call_expression") top = top.parent.parent;
      if (!DB_RECV.test(root) || GORM_WRITES.test(top.text) || (method === "Scan" && !/\.(Raw|Table|Model|Select|Where)\(/.test(fn.text))) continue;
      what = `gorm \`${method}\``;
    }
    if (what && enclosingLoop(call, "go")) ctx.report({ node: call, message: MESSAGE(what) });
  }
}
