// Python: DB-API connects, create_engine and asyncpg.connect inside handlers (or functions only they call).
import type { FileContext } from "../../engine/rule";
import { calleeText } from "../../languages/common";
import { inRequestPath } from "../_shared/app-handlers";
import { pyImports, pyQualified } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

const CONNECTS = /^(psycopg2\.connect|psycopg\.connect|psycopg\.AsyncConnection\.connect|pymysql\.connect|MySQLdb\.connect|sqlite3\.connect|mysql\.connector\.connect|sqlalchemy\.create_engine|sqlalchemy\.ext\.asyncio\.create_async_engine|asyncpg\.connect|aiomysql\.connect|aiosqlite\.connect|pymongo\.MongoClient|motor\.motor_asyncio\.AsyncIOMotorClient)$/;

const CONNECT_HEADS = new Set(["psycopg2", "psycopg", "pymysql", "MySQLdb", "sqlite3", "mysql", "sqlalchemy", "asyncpg", "aiomysql", "aiosqlite", "pymongo", "motor", "create_engine", "create_async_engine"]);

export function python(ctx: FileContext): void {
  const imports = pyImports(ctx);
  const text = ctx.file.text;
  for (const call of ctx.nodes("call")) {
    // A connect's callee starts with a driver module, create_(async_)engine or an imported name.
    const head = headAt(text, call.startIndex);
    if (head !== undefined && !CONNECT_HEADS.has(head) && !imports.has(head)) continue;
    const callee = calleeText(call, "python");
    let q = pyQualified(callee, imports);
    if (q === "create_engine" || q === "create_async_engine") q = `sqlalchemy.${q}`;
    if (!CONNECTS.test(q)) continue;
    if (!inRequestPath(call, ctx)) continue;
    ctx.report({ node: call, message: MESSAGE(callee) });
  }
}
