// Python: SQLAlchemy sessions, Django managers and related managers, asyncpg/psycopg fetches in loops
// and comprehensions.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { hasDependency } from "../../project/model";
import { callArguments, stringValue } from "../../languages/common";
import { pyImports } from "../_shared/app-imports";
import { enclosingLoop, sqlKind } from "../_shared/db-loops";
import { MESSAGE } from "./message";

const SESSION_RECV = /^(session|db|sess|db_session|dbsession|async_session|s|self\.session|self\.db|self\._session|db\.session|tx|uow\.session)$/;
const SA_READS = new Set(["get", "execute", "query", "scalar", "scalars", "get_one", "exec"]);
const DJANGO_READS = new Set(["get", "filter", "exclude", "all", "first", "last", "count", "exists", "values", "values_list", "aggregate", "annotate", "order_by", "in_bulk", "latest", "earliest", "get_or_none", "afirst", "aget", "acount", "aexists", "only", "defer", "select_related", "prefetch_related", "distinct", "raw"]);
const DJANGO_WRITES = new Set(["create", "update", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create", "acreate", "aupdate", "adelete", "aget_or_create", "aupdate_or_create", "add", "remove", "set", "clear"]);
const FLASK_SA_READS = /^(first|one|one_or_none|all|scalar|count|get|first_or_404|get_or_404)$/;
const ASYNCPG_READS = new Set(["fetch", "fetchrow", "fetchval", "fetchmany"]);

function isReadStatement(arg: Node | undefined): boolean {
  if (!arg) return true;
  if (arg.type === "identifier") {
    // A statement built earlier in the function: read only when it was a select()/SELECT text.
    let fn: Node | null = arg.parent;
    while (fn && fn.type !== "function_definition") fn = fn.parent;
    let value: Node | null = null;
    for (const a of fn?.descendantsOfType("assignment") ?? []) {
      if (a && a.startIndex < arg.startIndex && a.childForFieldName("left")?.text === arg.text) value = a.childForFieldName("right");
    }
    return !!value && /^(sa\.|sqlalchemy\.)?select\(|^(sa\.)?text\(\s*[furbFURB]*["']+\s*(SELECT|WITH)\b/i.test(value.text) && isReadStatement(value);
  }
  const callee = arg.type === "call" ? arg.childForFieldName("function")?.text ?? "" : "";
  if (/^(insert|update|delete|sa\.insert|sa\.update|sa\.delete|pg_insert|sqlite_insert|mysql_insert)$/.test(callee) || /^(insert|update|delete)\(/.test(arg.text)) return false;
  if (callee === "text" || callee.endsWith(".text")) return isReadSql(callArguments(arg, "python")[0]);
  if (arg.type === "string") return isReadSql(arg);
  return true;
}

function isReadSql(arg: Node | undefined): boolean {
  if (!arg) return false;
  const v = stringValue(arg, "python") ?? (arg.type === "string" ? arg.text.replace(/^[a-zA-Z]*("""|'''|"|')/, "") : undefined);
  return v !== undefined && sqlKind(v) !== "write";
}

/** The outermost call of a method chain starting at `node` (`X.objects.filter(…).count()`). */
function chainTop(node: Node): Node {
  let top = node;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "attribute" || p.type === "call" || p.type === "subscript") {
      if (p.type === "call" && p.childForFieldName("function")?.id !== top.id) break;
      if (p.type === "attribute" && p.childForFieldName("object")?.id !== top.id) break;
      if (p.type === "subscript" && p.childForFieldName("value")?.id !== top.id) break;
      top = p;
      continue;
    }
    break;
  }
  return top;
}

/** Method names called along a chain (`a.b(…).c(…)` → b, c). */
function chainMethods(top: Node): string[] {
  const out: string[] = [];
  for (let n: Node | null = top; n; ) {
    if (n.type === "call") {
      const f = n.childForFieldName("function");
      if (f?.type === "attribute") out.push(f.childForFieldName("attribute")?.text ?? "");
      n = f?.type === "attribute" ? f.childForFieldName("object") : null;
    } else if (n.type === "attribute") n = n.childForFieldName("object");
    else if (n.type === "subscript") n = n.childForFieldName("value");
    else n = null;
  }
  return out;
}

export function python(ctx: FileContext): void {
  const p = ctx.project;
  const imports = pyImports(ctx);
  const mods = new Set([...imports.values()].map((v) => v.split(".")[0]!));
  const sqlalchemy = hasDependency(p, "sqlalchemy", "flask-sqlalchemy", "sqlmodel") || mods.has("sqlalchemy") || mods.has("sqlmodel") || mods.has("flask_sqlalchemy");
  const django = hasDependency(p, "django") || mods.has("django");
  const asyncpg = hasDependency(p, "asyncpg", "databases", "psycopg", "psycopg-pool") || mods.has("asyncpg") || mods.has("databases");
  const dbapi = hasDependency(p, "psycopg2", "psycopg2-binary", "psycopg", "pymysql", "mysqlclient", "mysql-connector-python") || mods.has("psycopg2") || mods.has("psycopg") || mods.has("sqlite3") || mods.has("pymysql") || django;
  const reported = new Set<number>();
  const report = (node: Node, what: string) => {
    if (reported.has(node.startIndex) || !enclosingLoop(node, "python")) return;
    reported.add(node.startIndex);
    ctx.report({ node, message: MESSAGE(what) });
  };

  // Without a database library in reach no call below can be reported: skip reading them.
  for (const call of sqlalchemy || asyncpg || dbapi ? ctx.nodes("call") : []) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const method = fn.childForFieldName("attribute")?.text ?? "";
    if (!SA_READS.has(method) && !FLASK_SA_READS.test(method) && !ASYNCPG_READS.has(method) && method !== "execute") continue;
    const recv = fn.childForFieldName("object");
    const recvText = recv?.text.replace(/\s+/g, "") ?? "";
    const args = callArguments(call, "python");
    if (sqlalchemy && SA_READS.has(method) && SESSION_RECV.test(recvText)) {
      if (method === "get" && !(args[0] && /^[A-Z]\w*$/.test(args[0].text))) continue; // dict.get vs session.get(Model, id)
      if ((method === "execute" || method === "exec" || method === "scalar" || method === "scalars") && !isReadStatement(args[0])) continue;
      report(call, `SQLAlchemy \`${recvText}.${method}\``);
      continue;
    }
    if (sqlalchemy && FLASK_SA_READS.test(method) && recv && /^[A-Z]\w*\.query\b/.test(recvText)) {
      report(chainTop(call), `Flask-SQLAlchemy \`${recvText.split("(")[0]}\``);
      continue;
    }
    if (asyncpg && ASYNCPG_READS.has(method) && recv && !/^(self\.)?(client|http|session|resp|response|page)$/.test(recvText)) {
      if (method === "fetch" && !(args[0] && isReadSql(args[0]) && args[0].type === "string")) continue;
      report(call, `\`${recvText}.${method}\``);
      continue;
    }
    if (dbapi && method === "execute" && /^(\w*cur|\w*cursor|c|curs|\w*conn|connection|db|self\.\w*(cursor|conn|connection))$/.test(recvText) && args[0]?.type === "string" && sqlKind(stringValue(args[0], "python") ?? args[0].text.replace(/^[a-zA-Z]*("""|'''|"|')/, "")) === "read") {
      report(call, `\`${recvText}.execute\` of a SELECT`);
      continue;
    }
  }

  if (django) {
    // `Model.objects.<read>(…)…` and related managers `obj.things_set.<read>(…)`, one finding per chain.
    for (const attr of ctx.nodes("attribute")) {
      const name = attr.childForFieldName("attribute")?.text ?? "";
      const obj = attr.childForFieldName("object");
      const manager = (name === "objects" && obj?.type === "identifier" && /^[A-Z]/.test(obj.text)) || (/_set$/.test(name) && obj?.type === "identifier");
      if (!manager) continue;
      const top = chainTop(attr);
      if (top.id === attr.id) continue;
      const methods = chainMethods(top);
      if (!methods.some((m) => DJANGO_READS.has(m)) || methods.some((m) => DJANGO_WRITES.has(m))) continue;
      // A queryset iterated by the loop header itself is evaluated once.
      report(top, `Django \`${obj!.text}.${name}\` query`);
    }
  }
}
