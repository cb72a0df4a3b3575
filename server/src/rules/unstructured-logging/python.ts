// Python: print(...) outside `if __name__ == "__main__":` and outside CLI/script files.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { pyImports } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

function underMainGuard(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "if_statement" && /^__name__\s*==\s*["']__main__["']$|^["']__main__["']\s*==\s*__name__$/.test(p.childForFieldName("condition")?.text ?? "")) return true;
  }
  return false;
}

/** A command-line program: argument parsing plus a `__main__` guard, or a console-script style `main()`. */
function isCliFile(ctx: FileContext): boolean {
  const mods = new Set([...pyImports(ctx).values()].map((v) => v.split(".")[0]!));
  const cliLib = mods.has("argparse") || mods.has("click") || mods.has("typer") || mods.has("fire") || mods.has("docopt");
  const hasGuard = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m.test(ctx.file.text);
  return (cliLib && hasGuard) || /(^|\/)(__main__|cli|manage|conftest|setup|noxfile|fabfile|tasks)\.py$/.test(ctx.file.relPath) || /(^|\/)(alembic|migrations|fixtures|examples?|docs|tools)\//.test(ctx.file.relPath);
}

export function python(ctx: FileContext): void {
  if (ctx.file.isScript || isCliFile(ctx)) return;
  // The callee's text is `print`, so the file's text holds it.
  const text = ctx.file.text;
  if (!text.includes("print")) return;
  const shadowed = ctx.nodes("function_definition").some((f) => f.childForFieldName("name")?.text === "print") || pyImports(ctx).has("print");
  if (shadowed) return;
  for (const call of ctx.nodes("call")) {
    const head = headAt(text, call.startIndex);
    if (head !== undefined && head !== "print") continue;
    if (call.childForFieldName("function")?.text !== "print") continue;
    if (underMainGuard(call)) continue;
    ctx.report({ node: call, message: MESSAGE("print", "the `logging` module (or structlog) with request context") });
  }
}
