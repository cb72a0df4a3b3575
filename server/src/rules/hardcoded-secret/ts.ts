// hardcoded-secret for TypeScript/JavaScript: variables, assignments (`stripe.apiKey = …`), object
// properties, class fields, parameter defaults, `process.env.X || "…"` / `?? "…"` fallbacks and
// well-known positional secrets (`jwt.sign(payload, "…")`).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText, callArguments, stringValue } from "../../languages/common";
import { cannotBeSecret } from "./secrets";
import { check, worthChecking, climb, type Slot } from "./report";

const POSITIONAL: Array<[RegExp, number, string]> = [
  [/(^|\.)(jwt|jsonwebtoken)\.(sign|verify)$/, 1, "JWT_SECRET"],
  [/(^|\.)createHmac$/, 1, "HMAC_SECRET"],
  [/(^|\.)createCipheriv$/, 1, "ENCRYPTION_KEY"],
];

/**
 * The fail-fast read: `process.env.NAME` alone would change the type to `string | undefined` and
 * fail silently at run time; this form keeps `string` and throws when the variable is missing.
 */
export function envRead(name: string): string {
  return `process.env.${name} ?? (() => { throw new Error("${name} is not set"); })()`;
}

export function ts(ctx: FileContext): void {
  for (const literal of ctx.nodes("string", "template_string")) {
    const value = stringValue(literal, "ts");
    if (value === undefined || cannotBeSecret(value) || !worthChecking(ctx.file.text, literal, value)) continue;
    check(ctx, literal, value, slotOf(literal));
  }
}

/** `process.env.X` / `process.env["X"]` → X */
function envMember(node: Node | null): string | undefined {
  if (!node) return undefined;
  if (node.type !== "member_expression" && node.type !== "subscript_expression") return undefined;
  const obj = node.childForFieldName("object");
  if (obj?.text.replace(/\s+/g, "") !== "process.env") return undefined;
  if (node.type === "member_expression") return node.childForFieldName("property")?.text;
  return stringValue(node.childForFieldName("index"), "ts");
}

function memberTarget(node: Node): { name?: string; target?: string } {
  if (node.type === "identifier") return { name: node.text };
  const env = envMember(node);
  if (env) return { name: env, target: env };
  if (node.type === "member_expression") {
    const prop = node.childForFieldName("property")?.text;
    const obj = node.childForFieldName("object");
    const owner = obj?.type === "identifier" ? obj.text : obj?.type === "member_expression" ? obj.childForFieldName("property")?.text : undefined;
    return { name: prop, target: owner && owner !== "this" && prop ? `${owner}.${prop}` : prop };
  }
  if (node.type === "subscript_expression") {
    const key = stringValue(node.childForFieldName("index"), "ts");
    return { name: key, target: key };
  }
  return {};
}

/** Wrap in parentheses where `??` would otherwise mix with neighbouring operators. */
function inContext(value: Node, text: string): string {
  const p = value.parent;
  const bare = !p || ["variable_declarator", "pair", "arguments", "assignment_expression", "public_field_definition", "required_parameter", "optional_parameter", "assignment_pattern", "return_statement", "array"].includes(p.type);
  return bare ? text : `(${text})`;
}

function slotOf(literal: Node): Slot {
  const value = climb(literal, (p) => ["as_expression", "satisfies_expression", "non_null_expression"].includes(p.type));
  const parent = value.parent;
  if (!parent) return {};
  const replacement = (n: string) => inContext(value, envRead(n));
  switch (parent.type) {
    case "variable_declarator":
      if (parent.childForFieldName("value")?.id !== value.id) return {};
      return parent.childForFieldName("name")?.type === "identifier" ? { name: parent.childForFieldName("name")!.text, replace: value, replacement } : {};
    case "assignment_expression": {
      if (parent.childForFieldName("right")?.id !== value.id) return {};
      const left = parent.childForFieldName("left");
      return left ? { ...memberTarget(left), replace: value, replacement } : {};
    }
    case "pair": {
      if (parent.childForFieldName("value")?.id !== value.id) return {};
      const key = parent.childForFieldName("key");
      const name = key?.type === "property_identifier" ? key.text : stringValue(key, "ts");
      const siblingKeys = parent.parent?.namedChildren.flatMap((p) => (p?.type === "pair" && p.id !== parent.id ? [p.childForFieldName("key")?.text.replace(/^["']|["']$/g, "") ?? ""] : []));
      return { name, target: name, replace: value, replacement, siblingKeys };
    }
    case "public_field_definition":
    case "field_definition":
      return { name: (parent.childForFieldName("name") ?? parent.childForFieldName("property"))?.text, replace: value, replacement };
    case "required_parameter":
    case "optional_parameter":
      return { name: parent.childForFieldName("pattern")?.text, replace: value, replacement };
    case "assignment_pattern":
      return { name: parent.childForFieldName("left")?.text, replace: value, replacement };
    case "binary_expression": {
      const op = parent.childForFieldName("operator")?.text;
      if ((op === "||" || op === "??") && parent.childForFieldName("right")?.id === value.id) {
        const env = envMember(parent.childForFieldName("left"));
        if (env) return { fallbackOf: env, replace: parent, replacement: () => inContext(parent, envRead(env)) };
      }
      return {};
    }
    case "arguments": {
      const call = parent.parent;
      if (!call) return {};
      const callee = calleeText(call, "ts");
      const idx = callArguments(call, "ts").findIndex((a) => a.id === value.id);
      for (const [re, at, envName] of POSITIONAL) if (re.test(callee) && idx === at) return { name: envName, target: envName, replace: value, replacement };
      return {};
    }
    default:
      return {};
  }
}
