// Go: Gin/Echo binds (`ShouldBindJSON`, `Bind`, …) and net/http `json.NewDecoder(r.Body).Decode` into
// a struct with no `binding`/`validate` tags and no validator call in the handler, or into a map.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, enclosingFunction } from "../../languages/common";
import { descendants, namedChildren } from "../_shared/input-common";
import { recordRouteInput } from "./facts";

const BIND = /^(ShouldBindJSON|BindJSON|ShouldBind|Bind|ShouldBindWith|BindWith|MustBindWith|ShouldBindXML|BindXML|ShouldBindYAML|BindYAML|ShouldBindTOML|ShouldBindBodyWith|ShouldBindBodyWithJSON|BodyParser)$/;
const VALIDATOR_CALL = /\.(Struct|StructCtx|Validate|ValidateStruct|ValidateStructWithContext|ValidateWithContext|Var)\(|validation\.ValidateStruct\(|\bvalidate\w*\(/;

type Shape = "validated" | "plain" | "unstructured" | "unknown";

function structShape(structType: Node): Shape {
  const tags = descendants(structType, "raw_string_literal", "interpreted_string_literal").map((t) => t.text);
  return tags.some((t) => /\b(binding|validate):\\?"(?!-\\?")[^"\\]+/.test(t)) ? "validated" : "plain";
}

function typeShape(ctx: FileContext, t: Node | null, depth = 0): Shape {
  if (!t || depth > 3) return "unknown";
  switch (t.type) {
    case "struct_type":
      return structShape(t);
    case "map_type":
    case "interface_type":
      return "unstructured";
    case "slice_type":
    case "array_type":
    case "pointer_type":
      return typeShape(ctx, t.childForFieldName("element") ?? t.namedChildren[t.namedChildren.length - 1] ?? null, depth + 1);
    case "type_identifier": {
      if (t.text === "any") return "unstructured";
      for (const spec of ctx.nodes("type_spec")) {
        if (spec.childForFieldName("name")?.text === t.text) return typeShape(ctx, spec.childForFieldName("type"), depth + 1);
      }
      return "unknown";
    }
    default:
      return "unknown";
  }
}

/** The declared type of local `name` in `fn` (`var req T`, `req := T{}`, `req := &T{}`, `req := new(T)`). */
function localType(fn: Node, name: string): Node | null {
  for (const spec of descendants(fn, "var_spec")) {
    if (spec.childrenForFieldName("name").some((n) => n?.text === name)) return spec.childForFieldName("type");
  }
  for (const d of descendants(fn, "short_var_declaration")) {
    const lefts = d.childForFieldName("left")?.namedChildren ?? [];
    const i = lefts.findIndex((l) => l?.text === name);
    if (i < 0) continue;
    let v = d.childForFieldName("right")?.namedChildren[i] ?? null;
    if (v?.type === "unary_expression") v = v.childForFieldName("operand");
    if (v?.type === "composite_literal") return v.childForFieldName("type");
    if (v?.type === "call_expression" && calleeText(v, "go") === "new") return callArguments(v, "go")[0] ?? null;
  }
  // A parameter of the function.
  for (const p of descendants(fn.childForFieldName("parameters") ?? fn, "parameter_declaration")) {
    if (p.childrenForFieldName("name").some((n) => n?.text === name)) return p.childForFieldName("type");
  }
  return null;
}

export function go(ctx: FileContext): void {
  for (const call of ctx.nodes("call_expression")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "selector_expression") continue;
    const method = fn.childForFieldName("field")?.text ?? "";
    let target: Node | undefined;
    if (BIND.test(method)) {
      target = callArguments(call, "go")[0];
    } else if (method === "Decode") {
      const dec = fn.childForFieldName("operand");
      if (dec?.type !== "call_expression" || !/^(json|xml|yaml)\.NewDecoder$/.test(calleeText(dec, "go"))) continue;
      if (!/\.Body$|^body$/i.test(callArguments(dec, "go")[0]?.text ?? "")) continue;
      target = callArguments(call, "go")[0];
    } else continue;
    if (!target) continue;
    const handler = enclosingFunction(call, "go");
    if (!handler) continue;
    const name = (target.type === "unary_expression" ? target.childForFieldName("operand") : target)?.text ?? "";
    if (!/^\w+$/.test(name)) continue;
    const shape = typeShape(ctx, localType(handler, name));
    const validatorCalled = VALIDATOR_CALL.test(handler.text.slice(call.endIndex - handler.startIndex));
    const validated = shape === "validated" || (shape !== "unstructured" && validatorCalled);
    const hName = handler.childForFieldName("name")?.text;
    if (hName && shape !== "unknown") recordRouteInput(ctx, handler, hName, validated);
    if (validated || shape === "unknown") continue;
    const nameNode = fn.childForFieldName("field")!;
    ctx.report({
      range: { start: ctx.range(nameNode).start, end: ctx.range(call).end },
      message:
        shape === "unstructured"
          ? "The request body is decoded into a map: decode into a struct with `binding`/`validate` tags and check it (input validation)."
          : "The request body is decoded into a struct with no `binding`/`validate` tags and no validator call: add tags (e.g. `binding:\"required\"`) or validate it (input validation).",
    });
  }
  void namedChildren;
}
