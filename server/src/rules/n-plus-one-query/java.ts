// Java: Spring Data repository finders, JdbcTemplate queries, EntityManager.find and JDBC executeQuery
// in loops, stream lambdas and method references.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { enclosingLoop, javaMethodRefInStream } from "../_shared/db-loops";
import { MESSAGE } from "./message";

const REPO_READ = /^((find|get|read|query|search|stream|count|exists)(First\d*|Top\d*|Distinct|All)?By\w*|findById|findOne|getById|getOne|getReferenceById|findAll|findAllById)$/;
const JDBC_READ = /^(query|queryForObject|queryForList|queryForMap|queryForRowSet|queryForStream|queryForLong|queryForInt)$/;

/** Declared names (fields, parameters, locals) by their type in this file. */
function typedNames(ctx: FileContext): Map<string, string> {
  const map = new Map<string, string>();
  for (const n of ctx.nodes("field_declaration", "formal_parameter", "local_variable_declaration")) {
    const type = n.childForFieldName("type")?.text ?? "";
    if (n.type === "formal_parameter") {
      const name = n.childForFieldName("name")?.text;
      if (name) map.set(name, type);
      continue;
    }
    for (const d of n.namedChildren) if (d?.type === "variable_declarator") map.set(d.childForFieldName("name")?.text ?? "", type);
  }
  return map;
}

function kindOf(recv: Node | null, types: Map<string, string>): "repo" | "jdbc" | "em" | undefined {
  if (!recv) return undefined;
  const name = recv.type === "field_access" ? recv.childForFieldName("field")?.text ?? "" : recv.text;
  const type = types.get(name) ?? "";
  if (/(Repository|Repo|Dao|DAO)(<.*>)?$/.test(type) || (!type && /(Repository|Repo)$/.test(name))) return "repo";
  if (/^(JdbcTemplate|NamedParameterJdbcTemplate|JdbcOperations|NamedParameterJdbcOperations|JdbcClient)$/.test(type) || (!type && /^(jdbc|jdbcTemplate|template|namedJdbc)$/.test(name))) return "jdbc";
  if (/^(EntityManager|Session)$/.test(type) || (!type && /^(em|entityManager)$/.test(name))) return "em";
  return undefined;
}

export function java(ctx: FileContext): void {
  const types = typedNames(ctx);
  for (const call of ctx.nodes("method_invocation")) {
    const method = call.childForFieldName("name")?.text ?? "";
    const recv = call.childForFieldName("object");
    const kind = kindOf(recv, types);
    let what: string | undefined;
    if (kind === "repo" && REPO_READ.test(method)) what = `Repository \`${method}\``;
    else if (kind === "jdbc" && JDBC_READ.test(method)) what = `JdbcTemplate \`${method}\``;
    else if (kind === "em" && /^(find|getReference|createQuery|createNamedQuery|createNativeQuery|get)$/.test(method)) {
      if (/^create/.test(method) && /executeUpdate\s*\(/.test(call.parent?.parent?.text ?? "")) continue;
      what = `EntityManager \`${method}\``;
    } else if (method === "executeQuery" && recv && /(stmt|statement|ps|pst|pstmt|prepared)/i.test(recv.text)) what = "JDBC `executeQuery`";
    if (what && enclosingLoop(call, "java")) ctx.report({ node: call, message: MESSAGE(what) });
  }
  for (const ref of ctx.nodes("method_reference")) {
    const parts = ref.namedChildren.filter((c): c is Node => !!c);
    const recv = parts[0] ?? null;
    const method = parts[parts.length - 1]?.text ?? "";
    const kind = kindOf(recv, types);
    if (kind === "repo" && REPO_READ.test(method) && javaMethodRefInStream(ref)) ctx.report({ node: ref, message: MESSAGE(`Repository \`${method}\``) });
  }
}
