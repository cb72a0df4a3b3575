// TS/JS: new pg.Client, mysql.createConnection, new MongoClient, new PrismaClient inside handlers.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { inRequestPath } from "../_shared/app-handlers";
import { tsImports } from "../_shared/app-imports";
import { MESSAGE } from "./message";

function origin(expr: Node | null, ctx: FileContext): string | undefined {
  if (!expr) return undefined;
  const imports = tsImports(ctx);
  if (expr.type === "identifier") {
    const b = imports.get(expr.text);
    return b ? `${b.module}:${b.imported === "default" || b.imported === "*" ? "" : b.imported}` : `?:${expr.text}`;
  }
  if (expr.type === "member_expression") {
    const obj = expr.childForFieldName("object");
    const prop = expr.childForFieldName("property")?.text ?? "";
    if (obj?.type !== "identifier") return undefined;
    const b = imports.get(obj.text);
    return b ? `${b.module}:${prop}` : `?${obj.text}:${prop}`;
  }
  return undefined;
}

export function ts(ctx: FileContext): void {
  for (const n of ctx.nodes("new_expression", "call_expression")) {
    const callee = n.type === "new_expression" ? n.childForFieldName("constructor") : n.childForFieldName("function");
    const o = origin(callee, ctx);
    if (!o) continue;
    const isNew = n.type === "new_expression";
    const hit =
      (isNew && /^(pg:Client|\?pg:Client|mongodb:MongoClient|\?:MongoClient|@prisma\/client:PrismaClient|\?:PrismaClient|pg-native:)$/.test(o)) ||
      (isNew && o === "?:Client" && /from\s+["']pg["']|require\(["']pg["']\)/.test(ctx.file.text)) ||
      (!isNew && /^(mysql2?(\/promise)?:createConnection|\?mysql2?:createConnection|mongodb:MongoClient\.connect|mongodb:connect)$/.test(o)) ||
      (!isNew && /^mongoose:(connect|createConnection)$/.test(o));
    if (!hit) continue;
    if (!inRequestPath(n, ctx)) continue;
    ctx.report({ node: n, message: MESSAGE((isNew ? "new " : "") + (callee?.text ?? "")) });
  }
}
