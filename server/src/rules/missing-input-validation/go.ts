// Go: Gin/Echo binds (`ShouldBindJSON`, `Bind`, …) and net/http `json.NewDecoder(r.Body).Decode` into
// a struct with no `binding`/`validate` tags and no validator call in the handler, or into a map.
import type { FileContext, ProjectContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, enclosingFunction } from "../../languages/common";
import { descendants } from "../_shared/input-common";
import { resolveLocal } from "../sql-injection/shared";
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

export const BIND_FACT = "input-go-bind";
export const STRUCT_FACT = "input-go-struct";
export const PLAIN_MESSAGE = "The request body is decoded into a struct with no `binding`/`validate` tags and no validator call: add tags (e.g. `binding:\"required\"`) or validate it (input validation).";

/** `T`, `*T`, `[]T`, `pkg.T` → the named type the body is decoded into. */
function typeRef(t: Node | null): { pkg: string; name: string } | undefined {
  if (!t) return undefined;
  if (t.type === "pointer_type" || t.type === "slice_type" || t.type === "array_type") return typeRef(t.childForFieldName("element") ?? t.namedChildren[t.namedChildren.length - 1] ?? null);
  if (t.type === "type_identifier") return { pkg: "", name: t.text };
  if (t.type === "qualified_type") return { pkg: t.childForFieldName("package")?.text ?? "", name: t.childForFieldName("name")?.text ?? "" };
  return undefined;
}

/** Request-shaped structs of this file (fields with tags), for binds in other files. */
function recordStructs(ctx: FileContext): void {
  for (const spec of ctx.nodes("type_spec")) {
    const t = spec.childForFieldName("type");
    const name = spec.childForFieldName("name");
    if (t?.type !== "struct_type" || !name) continue;
    if (!/`[^`]*\b(json|form|xml|query|binding|validate):/.test(t.text)) continue;
    ctx.fact(STRUCT_FACT, name, { name: name.text, validated: structShape(t) === "validated" });
  }
}

function dirOf(path: string): string {
  return path.replace(/\\/g, "/").replace(/\/[^/]*$/, "");
}

/** Project phase: binds into structs declared in another file. */
export function goProject(pctx: ProjectContext): void {
  const structs = pctx.facts(STRUCT_FACT);
  for (const bind of pctx.facts(BIND_FACT)) {
    const pkg = String(bind.data.pkg ?? "");
    const name = String(bind.data.name ?? "");
    const dir = dirOf(bind.file);
    const candidates = structs.filter((s) => s.data.name === name && (pkg ? dirOf(s.file).endsWith(`/${pkg}`) : dirOf(s.file) === dir));
    if (candidates.length !== 1 || candidates[0]!.data.validated) continue;
    pctx.report({ file: bind.file, range: bind.range, message: PLAIN_MESSAGE });
  }
}

export function go(ctx: FileContext): void {
  recordStructs(ctx);
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
    } else if (method === "Unmarshal" && /^json\.Unmarshal$/.test(calleeText(call, "go"))) {
      // `body, _ := io.ReadAll(r.Body)` … `json.Unmarshal(body, &in)`
      const [data, dest] = callArguments(call, "go");
      const src = data?.type === "identifier" ? resolveLocal(data, enclosingFunction(call, "go"), "go") : data;
      if (src?.type !== "call_expression" || !/^(io|ioutil)\.ReadAll$/.test(calleeText(src, "go")) || !/\.Body$/.test(callArguments(src, "go")[0]?.text ?? "")) continue;
      target = dest;
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
    const nameNode = fn.childForFieldName("field")!;
    if (shape === "unknown") {
      // Declared in another file of the package (or another package): judged in the project phase.
      const ref = typeRef(localType(handler, name));
      if (ref && !validatorCalled) ctx.fact(BIND_FACT, { start: ctx.range(nameNode).start, end: ctx.range(call).end }, { pkg: ref.pkg, name: ref.name });
      continue;
    }
    if (validated) continue;
    ctx.report({
      range: { start: ctx.range(nameNode).start, end: ctx.range(call).end },
      message:
        shape === "unstructured"
          ? "The request body is decoded into a map: decode into a struct with `binding`/`validate` tags and check it (input validation)."
          : PLAIN_MESSAGE,
    });
  }
}
