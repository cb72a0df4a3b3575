// Rust: sqlx fetch_one/fetch_all/fetch_optional and diesel load/first/get_result inside loops and
// iterator closures.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { hasDependency } from "../../project/model";
import { callArguments } from "../../languages/common";
import { enclosingLoop } from "../_shared/db-loops";
import { MESSAGE } from "./message";

const SQLX = new Set(["fetch_one", "fetch_all", "fetch_optional", "fetch"]);
const DIESEL = new Set(["load", "first", "get_result", "get_results", "load_iter"]);

export function rust(ctx: FileContext): void {
  const sqlx = hasDependency(ctx.project, "sqlx") || /\bsqlx::/.test(ctx.file.text);
  const diesel = hasDependency(ctx.project, "diesel", "diesel-async") || /\bdiesel::/.test(ctx.file.text);
  if (!sqlx && !diesel) return;
  // enclosingLoop (a parent walk) finds a for/while/loop, whose keyword is in the file's text, or a
  // closure around the call: without either the walk is skipped.
  const loopKeyword = /\b(for|while|loop)\b/.test(ctx.file.text);
  let closures: Array<[number, number]> | undefined;
  const mayLoop = (call: Node): boolean => {
    if (loopKeyword) return true;
    closures ??= ctx.nodes("closure_expression").map((c) => [c.startIndex, c.endIndex]);
    return closures.some(([s, e]) => s <= call.startIndex && call.endIndex <= e);
  };
  for (const call of ctx.nodes("call_expression")) {
    let fn = call.childForFieldName("function");
    if (fn?.type === "generic_function") fn = fn.childForFieldName("function"); // `.load::<User>(&mut conn)`
    if (fn?.type !== "field_expression") continue;
    const method = fn.childForFieldName("field")?.text ?? "";
    if (!(sqlx && SQLX.has(method)) && !(diesel && DIESEL.has(method))) continue;
    const recv = fn.childForFieldName("value")?.text ?? "";
    const args = callArguments(call, "rust");
    let what: string | undefined;
    if (sqlx && SQLX.has(method) && args.length === 1 && /\bquery(_as|_scalar|_as_with|_with)?\b|query(_as|_scalar)?!/.test(recv)) {
      if (/^\s*sqlx::query(_as)?(::<[^>]*>)?\(\s*"\s*(INSERT|UPDATE|DELETE)/i.test(recv)) continue;
      if (method === "fetch" && !/sqlx::/.test(recv)) continue;
      what = `sqlx \`${method}\``;
    } else if (diesel && DIESEL.has(method) && args.length === 1 && /conn|pool|db/.test(args[0]!.text)) {
      if (/\b(insert_into|update|delete|replace_into)\s*\(/.test(recv)) continue;
      what = `diesel \`${method}\``;
    }
    if (what && mayLoop(call) && enclosingLoop(call, "rust")) ctx.report({ node: call, message: MESSAGE(what) });
  }
}
