// Rust: sqlx PgConnection/PgPool::connect (and MySQL/SQLite/Any), diesel `establish` inside handlers.
import type { FileContext } from "../../engine/rule";
import { calleeText } from "../../languages/common";
import { inRequestPath } from "../_shared/app-handlers";
import { MESSAGE } from "./message";

const CONNECT = /(^|::)(Pg|MySql|Sqlite|Any)(Connection|Pool)::connect(_with|_lazy)?$|(^|::)(Pg|Mysql|Sqlite)Connection::establish$|^(mongodb::)?Client::with_uri_str$/;

export function rust(ctx: FileContext): void {
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "rust");
    if (!CONNECT.test(callee)) continue;
    if (!inRequestPath(call, ctx)) continue;
    ctx.report({ node: call, message: MESSAGE(callee) });
  }
}
