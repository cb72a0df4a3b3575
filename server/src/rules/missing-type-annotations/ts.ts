// TypeScript: explicit `any` in parameters, returns, variables, catch bindings, properties, type
// arguments and `as any`. Plain JavaScript has no annotations to add.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";

function position(n: Node): string {
  for (let p = n.parent; p; p = p.parent) {
    switch (p.type) {
      case "as_expression":
        return "an `as any` cast";
      case "type_arguments":
        return "a type argument";
      case "catch_clause":
        return "a catch binding";
      case "required_parameter":
      case "optional_parameter":
        return "a parameter";
      case "public_field_definition":
      case "property_signature":
        return "a property";
      case "variable_declarator":
        return "a variable";
      case "type_annotation":
        if (p.parent?.type === "function_declaration" || p.parent?.type === "method_definition" || p.parent?.type === "arrow_function" || p.parent?.type === "function_expression" || p.parent?.type === "method_signature") return "a return type";
        continue;
      default:
        continue;
    }
  }
  return "a type";
}

export function ts(ctx: FileContext): void {
  if (ctx.file.language === "javascript") return;
  for (const t of ctx.nodes("predefined_type")) {
    if (t.text !== "any") continue;
    ctx.report({ node: t, message: `Explicit \`any\` in ${position(t)} turns off type checking there: use a precise type or \`unknown\` and narrow it.` });
  }
}
