// Go: fmt.Print* / log.Print* in HTTP handlers (and functions only handlers call).
import type { FileContext } from "../../engine/rule";
import { calleeText } from "../../languages/common";
import { inRequestPath } from "../_shared/app-handlers";
import { goImports } from "../_shared/app-imports";
import { MESSAGE } from "./message";

export function go(ctx: FileContext): void {
  if (ctx.file.isScript) return;
  const imports = goImports(ctx);
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "go");
    const m = /^(\w+)\.(Print|Printf|Println)$/.exec(callee);
    if (!m) continue;
    const path = imports.get(m[1]!);
    if (path !== "fmt" && path !== "log") continue;
    if (!inRequestPath(call, ctx)) continue;
    ctx.report({ node: call, message: MESSAGE(callee, "log/slog (or zap/zerolog) with the request's context and fields") });
  }
}
