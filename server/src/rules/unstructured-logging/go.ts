// Go: fmt.Print* / log.Print* in HTTP handlers (and functions only handlers call).
import type { FileContext } from "../../engine/rule";
import { calleeText } from "../../languages/common";
import { inRequestPath } from "../_shared/app-handlers";
import { goImports } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

export function go(ctx: FileContext): void {
  if (ctx.file.isScript) return;
  const imports = goImports(ctx);
  // `pkg.Print…` with pkg imported from fmt or log: the package name starts the call's text.
  const pkgs = new Set([...imports].filter(([, path]) => path === "fmt" || path === "log").map(([name]) => name));
  const text = ctx.file.text;
  if (!pkgs.size || !text.includes("Print")) return;
  for (const call of ctx.nodes("call_expression")) {
    const head = headAt(text, call.startIndex);
    if (head !== undefined && !pkgs.has(head)) continue;
    const callee = calleeText(call, "go");
    const m = /^(\w+)\.(Print|Printf|Println)$/.exec(callee);
    if (!m) continue;
    const path = imports.get(m[1]!);
    if (path !== "fmt" && path !== "log") continue;
    if (!inRequestPath(call, ctx)) continue;
    ctx.report({ node: call, message: MESSAGE(callee, "log/slog (or zap/zerolog) with the request's context and fields") });
  }
}
