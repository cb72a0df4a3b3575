// TS/JS: Prisma, TypeORM, Sequelize, Mongoose, pg and knex reads inside loops and iteration callbacks.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { hasDependency } from "../../project/model";
import { callArguments, stringValue } from "../../languages/common";
import { tsImports } from "../_shared/app-imports";
import { enclosingLoop, sqlKind } from "../_shared/db-loops";
import { MESSAGE } from "./message";

const PRISMA_READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const TYPEORM_READS = new Set(["findOne", "findOneBy", "findOneOrFail", "findOneByOrFail", "find", "findBy", "findAndCount", "findAndCountBy", "count", "countBy", "exist", "exists", "existsBy", "query"]);
const SEQUELIZE_READS = new Set(["findByPk", "findOne", "findAll", "findAndCountAll", "count"]);
const MONGOOSE_READS = new Set(["findById", "findOne", "find", "countDocuments", "exists", "aggregate"]);
const KNEX_WRITES = /\.(insert|update|del|delete|upsert|increment|decrement|truncate|onConflict)\s*\(/;

function lastSegment(n: Node | null): string {
  if (!n) return "";
  if (n.type === "member_expression") return n.childForFieldName("property")?.text ?? "";
  return n.text;
}

/** Names in this file declared with a TypeORM repository / entity-manager type, or assigned from getRepository(). */
function repositoryNames(ctx: FileContext): Set<string> {
  const names = new Set<string>();
  const typed = /^(Repository|MongoRepository|TreeRepository|EntityManager)\b|Repository$|Repository</;
  for (const n of ctx.nodes("required_parameter", "optional_parameter", "public_field_definition", "variable_declarator")) {
    const name = n.childForFieldName("pattern") ?? n.childForFieldName("name");
    const type = n.childForFieldName("type")?.text.replace(/^:\s*/, "") ?? "";
    const value = n.childForFieldName("value")?.text ?? "";
    if (name && (typed.test(type) || /\bgetRepository\s*\(|\.manager\b|getCustomRepository\s*\(/.test(value))) names.add(name.text.replace(/^(private|public|protected|readonly)\s+/, ""));
  }
  return names;
}

export function ts(ctx: FileContext): void {
  const p = ctx.project;
  const imports = tsImports(ctx);
  const fromModule = (re: RegExp) => [...imports.values()].some((b) => re.test(b.module));
  const prisma = hasDependency(p, "@prisma/client") || fromModule(/@prisma\/client/);
  const typeorm = hasDependency(p, "typeorm") || fromModule(/^typeorm$/);
  const sequelize = hasDependency(p, "sequelize", "sequelize-typescript") || fromModule(/^sequelize/);
  const mongoose = hasDependency(p, "mongoose") || fromModule(/^mongoose$/);
  const pg = hasDependency(p, "pg", "mysql2", "mysql", "pg-promise", "postgres", "@neondatabase/serverless", "better-sqlite3", "sqlite3") || fromModule(/^(pg|mysql2?(\/promise)?|pg-promise)$/);
  const knex = hasDependency(p, "knex") || fromModule(/^knex$/);
  const mongodb = hasDependency(p, "mongodb") || fromModule(/^mongodb$/);
  const repos = typeorm ? repositoryNames(ctx) : new Set<string>();
  const reported = new Set<number>();

  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    let what: string | undefined;
    if (fn?.type === "member_expression") {
      const method = fn.childForFieldName("property")?.text ?? "";
      const recv = fn.childForFieldName("object");
      const recvText = recv?.text.replace(/\s+/g, "") ?? "";
      const recvLast = lastSegment(recv);
      const recvObj = recv?.type === "member_expression" ? recv.childForFieldName("object") : null;
      if (prisma && PRISMA_READS.has(method) && recv?.type === "member_expression" && /^(prisma|db|client|tx|prismaClient|database|prismaService|orm)$/i.test(lastSegment(recvObj))) {
        what = `Prisma \`${recvText}.${method}\``;
      } else if (typeorm && TYPEORM_READS.has(method) && (repos.has(recvLast) || /(Repository|Repo|repository|repo)$/.test(recvLast) || /getRepository\(/.test(recvText) || (/^(manager|entityManager|em)$/.test(recvLast) && method !== "query"))) {
        if (method !== "query" || isReadSql(callArguments(call, "ts")[0])) what = `TypeORM \`${method}\``;
      } else if (sequelize && SEQUELIZE_READS.has(method) && (recv?.type === "identifier" || recv?.type === "member_expression") && /^[A-Z]/.test(recvLast) && !/^(Object|Array|Promise|JSON|Math|Reflect|Number|String|Date)$/.test(recvLast)) {
        what = `Sequelize \`${recvText}.${method}\``;
      } else if (mongoose && MONGOOSE_READS.has(method) && (((recv?.type === "identifier" || recv?.type === "member_expression") && /^[A-Z]/.test(recvLast) && !/^(Object|Array|Promise|JSON|Math|Reflect|Number|String|Date)$/.test(recvLast)) || /Model$/.test(recvLast))) {
        what = `Mongoose \`${recvText}.${method}\``;
      } else if (mongodb && /^(find|findOne|countDocuments|aggregate)$/.test(method) && /\.collection\(|^(collection|coll|[a-z]+Collection)$/.test(recvText)) {
        what = `MongoDB \`${method}\``;
      } else if ((pg || knex) && method === "query" && /^(pool|client|db|pg|conn|connection|database|sql|tx|trx|knex)$/i.test(recvLast) && isReadSql(callArguments(call, "ts")[0])) {
        what = `\`${recvText}.query\``;
      } else if (pg && /^(one|oneOrNone|many|manyOrNone|any)$/.test(method) && /^(db|t|tx)$/.test(recvLast)) {
        what = `pg-promise \`${method}\``;
      }
    } else if (knex && fn?.type === "identifier" && /^(knex|db|trx)$/.test(fn.text) && call.parent?.type !== "call_expression") {
      // knex("table")…: the whole chain, reported once, unless it writes.
      const top = chainTop(call);
      if (!KNEX_WRITES.test(top.text) && callArguments(call, "ts")[0]?.type === "string") what = "knex query";
      if (what && enclosingLoop(call, "ts")) report(ctx, top, what, reported);
      continue;
    }
    if (!what) continue;
    if (enclosingLoop(call, "ts")) report(ctx, call, what, reported);
  }
}

function chainTop(call: Node): Node {
  let top = call;
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === "member_expression" && p.parent?.type === "call_expression" && p.parent.childForFieldName("function")?.id === p.id) {
      top = p.parent;
      p = p.parent;
      continue;
    }
    break;
  }
  return top;
}

function isReadSql(arg: Node | undefined): boolean {
  if (!arg) return false;
  if (arg.type === "identifier") {
    // `const sql = "SELECT …"` declared in the file.
    const root = arg.tree.rootNode;
    const decl = root.descendantsOfType("variable_declarator").find((d) => d?.childForFieldName("name")?.text === arg.text && d.startIndex < arg.startIndex);
    const value = decl?.childForFieldName("value");
    return !!value && value.type !== "identifier" && isReadSql(value);
  }
  let text = stringValue(arg, "ts");
  if (text === undefined && arg.type === "template_string") text = arg.text.slice(1, -1);
  if (text === undefined && arg.type === "object") {
    const t = arg.namedChildren.find((c) => c?.type === "pair" && c.childForFieldName("key")?.text === "text")?.childForFieldName("value");
    return isReadSql(t ?? undefined);
  }
  return text !== undefined && sqlKind(text) === "read";
}

function report(ctx: FileContext, node: Node, what: string, reported: Set<number>): void {
  if (reported.has(node.startIndex)) return;
  reported.add(node.startIndex);
  ctx.report({ node, message: MESSAGE(what) });
}
