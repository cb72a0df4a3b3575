// Python: `def`/`async def` with an unannotated parameter (not self/cls) or no return annotation
// (`__init__` may omit it). One finding per function, on the `def`, naming the missing parts.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";

function paramName(p: Node): string | undefined {
  switch (p.type) {
    case "identifier":
      return p.text;
    case "default_parameter":
      return p.childForFieldName("name")?.text;
    case "list_splat_pattern":
      return "*" + (p.namedChildren[0]?.text ?? "");
    case "dictionary_splat_pattern":
      return "**" + (p.namedChildren[0]?.text ?? "");
    default:
      return undefined; // typed_parameter, typed_default_parameter, `*`, `/`
  }
}

function isMethod(fn: Node): boolean {
  const holder = fn.parent?.type === "decorated_definition" ? fn.parent.parent : fn.parent;
  return holder?.type === "block" && holder.parent?.type === "class_definition";
}

export function python(ctx: FileContext): void {
  if (/(^|\/)(migrations|alembic)\//.test(ctx.file.relPath) || /(^|\/)conftest\.py$/.test(ctx.file.relPath)) return;
  for (const fn of ctx.nodes("function_definition")) {
    const name = fn.childForFieldName("name")?.text ?? "";
    const params = (fn.childForFieldName("parameters")?.namedChildren ?? []).filter((p): p is Node => !!p && p.type !== "comment");
    const missing: string[] = [];
    params.forEach((p, i) => {
      const n = paramName(p);
      if (n === undefined) return;
      if (i === 0 && isMethod(fn) && (n === "self" || n === "cls" || n === "mcs" || n === "metacls")) return;
      missing.push(`parameter \`${n}\``);
    });
    const noReturn = !fn.childForFieldName("return_type") && name !== "__init__";
    if (noReturn) missing.push("return type");
    if (!missing.length) continue;
    const at = fn.children.find((c) => c?.type === "async" || c?.type === "def") ?? fn;
    ctx.report({
      range: { start: ctx.range(at).start, end: ctx.range(fn.childForFieldName("name") ?? at).end },
      message: `\`${name}\` is missing type hints (${missing.join(", ")}): annotate every parameter and the return type so type checkers and readers know the contract.`,
    });
  }
}
