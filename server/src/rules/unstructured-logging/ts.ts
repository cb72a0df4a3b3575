// TS/JS: console.* in server code (not scripts, bin, CLI entry files, seeds, migrations, config files).
import type { FileContext } from "../../engine/rule";
import { tsImports } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

const METHODS = /^(log|info|warn|error|debug|trace|dir|table)$/;

function isCliOrTooling(ctx: FileContext): boolean {
  const p = ctx.file.relPath;
  if (/(^|\/)(cli|bin|tools?|examples?|e2e|cypress|playwright|docs|public|static|client|frontend|web|www)\//.test(p)) return true;
  if (/(^|\/)(cli|[\w-]+\.config|gulpfile|gruntfile|webpack[\w.-]*|vite[\w.-]*|jest[\w.-]*|eslint[\w.-]*|\.?prettierrc)\.[cm]?[jt]sx?$/.test(p)) return true;
  if (/\.(tsx|jsx)$/.test(p)) return true; // UI components, not server code
  const mods = [...tsImports(ctx).values()].map((b) => b.module);
  return mods.some((m) => /^(commander|yargs|yargs\/yargs|meow|cac|sade|@oclif\/core|minimist|inquirer|prompts)$/.test(m)) || /process\.argv\.slice\(2\)/.test(ctx.file.text);
}

function isServerProject(ctx: FileContext): boolean {
  return ctx.project.frameworks.some((f) => ["express", "nestjs", "fastify", "koa", "hapi"].includes(f)) || ctx.project.manifests.length === 0;
}

export function ts(ctx: FileContext): void {
  if (ctx.file.isScript || isCliOrTooling(ctx) || !isServerProject(ctx)) return;
  // The receiver's text is `console` and starts the call: other calls are skipped on the text alone.
  const text = ctx.file.text;
  if (!text.includes("console")) return;
  for (const call of ctx.nodes("call_expression")) {
    const head = headAt(text, call.startIndex);
    if (head !== undefined && head !== "console") continue;
    const fn = call.childForFieldName("function");
    if (fn?.type !== "member_expression" || fn.childForFieldName("object")?.text !== "console") continue;
    const m = fn.childForFieldName("property")?.text ?? "";
    if (!METHODS.test(m)) continue;
    ctx.report({ node: call, message: MESSAGE(`console.${m}`, "a structured logger (pino, winston, the framework's Logger) with request context") });
  }
}
