// Go: Gin `gin.SetMode(gin.DebugMode)` / `gin.SetMode("debug")`; Echo `e.Debug = true` (its error
// handler then sends internal error messages). A mode read from the environment is not a finding.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText } from "../../languages/common";
import { goImports } from "../_shared/go-imports";

/** `if os.Getenv("APP_ENV") == "development" { gin.SetMode(gin.DebugMode) }`: the environment decides. */
function guardedByEnvironment(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "if_statement" || n.type === "expression_case") {
      const cond = (n.childForFieldName("condition") ?? n.childForFieldName("value"))?.text ?? "";
      if (/\b(Getenv|LookupEnv|env|Env)\b|os\.Getenv|cfg\.|config\.|Config\./.test(cond)) return true;
    }
    if (n.type === "expression_switch_statement" && /Getenv|LookupEnv|\bEnv\b|\benv\b/.test(n.childForFieldName("value")?.text ?? "")) return true;
  }
  return false;
}

const MESSAGE = (what: string) =>
  `${what} enables debug mode in code: internal details are shown to clients and logged verbosely (error-handling checklist item). Take the mode from the environment, release by default.`;

export function go(ctx: FileContext): void {
  const imports = goImports(ctx);
  const gin = imports.find((i) => i.path === "github.com/gin-gonic/gin");
  const ginName = gin ? (gin.name ?? "gin") : undefined;
  for (const call of ctx.nodes("call_expression")) {
    if (!ginName || calleeText(call, "go") !== `${ginName}.SetMode`) continue;
    const arg = callArguments(call, "go")[0];
    if (!arg) continue;
    if ((arg.text === `${ginName}.DebugMode` || arg.text === '"debug"' || arg.text === "`debug`") && !guardedByEnvironment(call)) {
      ctx.report({ node: call, message: MESSAGE(`\`${call.text}\``) });
    }
  }
  if (imports.some((i) => /^github\.com\/labstack\/echo(\/v\d+)?$/.test(i.path))) {
    for (const asg of ctx.nodes("assignment_statement")) {
      const left = asg.childForFieldName("left")?.namedChildren[0];
      const right = asg.childForFieldName("right")?.namedChildren[0];
      if (left?.type === "selector_expression" && left.childForFieldName("field")?.text === "Debug" && right?.type === "true" && !guardedByEnvironment(asg)) {
        ctx.report({ node: asg, message: MESSAGE(`\`${left.text} = true\``) });
      }
    }
  }
}
