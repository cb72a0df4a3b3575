// Python: DB-API connects, create_engine and asyncpg.connect inside handlers (or functions only they call).
import type { FileContext } from "../../engine/rule";
import { calleeText } from "../../languages/common";
import { inRequestPath } from "../_shared/app-handlers";
import { pyImports, pyQualified } from "../_shared/app-imports";
import { MESSAGE } from "./message";

const CONNECTS = /^(psycopg2\.connect|psycopg\.connect|psycopg\.AsyncConnection\.connect|pymysql\.connect|MySQLdb\.connect|sqlite3\.connect|mysql\.connector\.connect|sqlalchemy\.create_engine|sqlalchemy\.ext\.asyncio\.create_async_engine|asyncpg\.connect|aiomysql\.connect|aiosqlite\.connect|pymongo\.MongoClient|motor\.motor_asyncio\.AsyncIOMotorClient)$/;

export function python(ctx: FileContext): void {
  const imports = pyImports(ctx);
  for (const call of ctx.nodes("call")) {
    const callee = calleeText(call, "python");
    let q = pyQualified(callee, imports);
    if (q === "create_engine" || q === "create_async_engine") q = `sqlalchemy.${q}`;
    if (!CONNECTS.test(q)) continue;
    if (!inRequestPath(call, ctx)) continue;
    ctx.report({ node: call, message: MESSAGE(callee) });
  }
}
