// Java: DriverManager.getConnection anywhere outside a DataSource setup.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText } from "../../languages/common";
import { MESSAGE } from "./message";

function inDataSourceSetup(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "method_declaration") {
      const type = p.childForFieldName("type")?.text ?? "";
      const mods = p.namedChildren.find((c) => c?.type === "modifiers")?.text ?? "";
      if (/DataSource|ConnectionPool/.test(type) || /@Bean\b/.test(mods)) return true;
    }
    if (p.type === "class_declaration") {
      const heads = (p.childForFieldName("superclass")?.text ?? "") + (p.childForFieldName("interfaces")?.text ?? "");
      if (/DataSource|ConnectionPool|ConnectionFactory/.test(heads)) return true;
    }
  }
  return false;
}

export function java(ctx: FileContext): void {
  for (const call of ctx.nodes("method_invocation")) {
    const callee = calleeText(call, "java");
    if (!/^(java\.sql\.)?DriverManager\.getConnection$/.test(callee)) continue;
    if (inDataSourceSetup(call)) continue;
    ctx.report({ node: call, message: MESSAGE(callee) });
  }
}
