// Java: System.out/err.print* and e.printStackTrace() outside `main`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText, callArguments } from "../../languages/common";
import { MESSAGE } from "./message";

function inMain(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "method_declaration") {
      return p.childForFieldName("name")?.text === "main" && /\bstatic\b/.test(p.namedChildren.find((c) => c?.type === "modifiers")?.text ?? "");
    }
  }
  return false;
}

export function java(ctx: FileContext): void {
  if (ctx.file.isScript) return;
  for (const call of ctx.nodes("method_invocation")) {
    const callee = calleeText(call, "java");
    const sys = /^System\.(out|err)\.(print|println|printf|format|write)$/.test(callee);
    const trace = /\.printStackTrace$/.test(callee) && callArguments(call, "java").length === 0;
    if (!sys && !trace) continue;
    if (inMain(call)) continue;
    ctx.report({ node: call, message: MESSAGE(sys ? callee : "printStackTrace()", "SLF4J/Log4j2 (`log.error(\"…\", e)`) with MDC context") });
  }
}
