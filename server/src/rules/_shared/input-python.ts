// Python helpers for the input rules: route handlers (FastAPI/Flask decorators, Django views),
// parameters, and "is this value validated later in the function" checks.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { descendants, namedChildren } from "./input-common";

export const ROUTE_METHODS = /^(get|post|put|patch|delete|head|options|api_route|route|websocket)$/;

export interface PyParam {
  node: Node;
  name: string;
  nameNode: Node;
  type: Node | null;
  default: Node | null;
}

/** The function definition's route decorators (`@router.get(...)`, `@app.route(...)`). */
export function routeDecorators(fn: Node): Node[] {
  const dec = fn.parent?.type === "decorated_definition" ? fn.parent : null;
  if (!dec) return [];
  return namedChildren(dec).filter((d) => {
    if (d.type !== "decorator") return false;
    const call = d.namedChildren[0];
    const f = call?.type === "call" ? call.childForFieldName("function") : null;
    return f?.type === "attribute" && ROUTE_METHODS.test(f.childForFieldName("attribute")?.text ?? "");
  });
}

export function isRouteHandler(fn: Node): boolean {
  return routeDecorators(fn).length > 0;
}

export function functionParams(fn: Node): PyParam[] {
  const out: PyParam[] = [];
  for (const p of namedChildren(fn.childForFieldName("parameters"))) {
    let nameNode: Node | null = null;
    if (p.type === "identifier") nameNode = p;
    else if (p.type === "typed_parameter") nameNode = namedChildren(p).find((c) => c.type === "identifier") ?? null;
    else if (p.type === "default_parameter" || p.type === "typed_default_parameter") nameNode = p.childForFieldName("name");
    if (!nameNode) continue;
    out.push({ node: p, name: nameNode.text, nameNode, type: p.childForFieldName("type"), default: p.childForFieldName("value") });
  }
  return out;
}

export function usesFastapi(ctx: FileContext): boolean {
  return /^\s*(from\s+(fastapi|starlette)\b|import\s+(fastapi|starlette)\b)/m.test(ctx.file.text);
}

/** `from flask import request` (or quart). */
export function usesFlaskRequest(ctx: FileContext): boolean {
  return /^\s*from\s+(flask|quart)\s+import\s+[^\n]*\brequest\b/m.test(ctx.file.text) || /^\s*from\s+(flask|quart)\s+import\s*\([^)]*\brequest\b/m.test(ctx.file.text);
}

export function usesDjango(ctx: FileContext): boolean {
  return /^\s*(from\s+django\b|import\s+django\b|from\s+rest_framework\b)/m.test(ctx.file.text);
}

export function functionsOf(ctx: FileContext): Node[] {
  return ctx.nodes("function_definition");
}

/** The variable a value is assigned to (`x = <value>`, `x = await <value>`), if any. */
export function assignedName(value: Node): string | undefined {
  let n: Node = value;
  while (n.parent && (n.parent.type === "await" || n.parent.type === "parenthesized_expression")) n = n.parent;
  const p = n.parent;
  if (p?.type === "assignment" && p.childForFieldName("right")?.id === n.id) {
    const l = p.childForFieldName("left");
    if (l?.type === "identifier") return l.text;
  }
  return undefined;
}

const VALIDATE_CALL = /^(load|loads_validated|validate|validate_python|validate_json|model_validate|model_validate_json|parse_obj|parse_raw|parse|is_valid|validate_on_submit|from_dict|structure|deserialize|check_schema)$/;

/** Is the value passed straight to a validating call (`schema.load(request.get_json())`, `Form(request.POST)`, `Model(**data)`)? */
export function passedToValidator(value: Node): boolean {
  let n: Node = value;
  while (n.parent && (n.parent.type === "await" || n.parent.type === "parenthesized_expression" || n.parent.type === "dictionary_splat" || n.parent.type === "keyword_argument" || n.parent.type === "argument_list")) n = n.parent;
  if (n.type !== "argument_list") return false;
  const call = n.parent;
  if (call?.type !== "call") return false;
  return isValidatorCall(call);
}

export function isValidatorCall(call: Node): boolean {
  const f = call.childForFieldName("function");
  const name = f?.type === "attribute" ? (f.childForFieldName("attribute")?.text ?? "") : (f?.text ?? "");
  if (VALIDATE_CALL.test(name)) return true;
  // A class instantiation: forms, serializers, pydantic models (`CommentForm(request.POST)`, `Item(**data)`).
  return /^[A-Z]\w*(Form|Serializer|Schema|Model|In|Input|Request|Payload|Dto|DTO|Create|Update)$/.test(name) || /^[A-Z][a-z]\w*$/.test(name) && call.text.includes("**");
}

/** Is the local `name` later handed to a validator in `fn` (or is there an `is_valid()`/`validate_on_submit()` call)? */
export function validatedInFunction(fn: Node, name: string | undefined): boolean {
  for (const call of descendants(fn, "call")) {
    const f = call.childForFieldName("function");
    const attr = f?.type === "attribute" ? f.childForFieldName("attribute")?.text : undefined;
    if (attr === "is_valid" || attr === "validate_on_submit") return true;
    if (!name) continue;
    if (!isValidatorCall(call)) continue;
    for (const a of namedChildren(call.childForFieldName("arguments"))) {
      const v = a.type === "keyword_argument" ? a.childForFieldName("value") : a.type === "dictionary_splat" ? a.namedChildren[0] : a;
      if (v?.type === "identifier" && v.text === name) return true;
    }
  }
  return false;
}
