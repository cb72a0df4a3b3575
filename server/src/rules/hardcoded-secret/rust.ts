// hardcoded-secret for Rust: let bindings, const/static items (no fix: a const cannot call
// std::env::var), struct fields, assignments, `env::var("X").unwrap_or(…)` fallbacks, json! keys and
// well-known positional secrets (`EncodingKey::from_secret`).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText, callArguments, stringValue } from "../../languages/common";
import { cannotBeSecret } from "./secrets";
import { check, worthChecking, type Slot } from "./report";

const POSITIONAL: Array<[RegExp, number, string]> = [
  [/(DecodingKey|EncodingKey)::from_secret$/, 0, "JWT_SECRET"],
  [/Hmac.*::new_from_slice$/, 0, "HMAC_SECRET"],
];
/** Wrappers that turn the literal into an owned String; the fix replaces them whole. */
const OWNING = /^(to_string|to_owned|into|into_string)$/;

const envExpr = (name: string) => `std::env::var(${JSON.stringify(name)}).expect(${JSON.stringify(`${name} must be set`)})`;

export function rust(ctx: FileContext): void {
  for (const literal of ctx.nodes("string_literal", "raw_string_literal")) {
    const value = stringValue(literal, "rust") ?? byteValue(literal);
    if (value === undefined || cannotBeSecret(value) || !worthChecking(ctx.file.text, literal, value)) continue;
    check(ctx, literal, value, slotOf(literal));
  }
}

function byteValue(literal: Node): string | undefined {
  const m = /^br?(#*)"([\s\S]*)"\1$/.exec(literal.text);
  return m ? m[2] : undefined;
}

/** `"x".to_string()` / `String::from("x")` → the call; else the literal itself. */
function owningWrapper(literal: Node): Node | undefined {
  const p = literal.parent;
  if (p?.type === "field_expression" && p.childForFieldName("value")?.id === literal.id && OWNING.test(p.childForFieldName("field")?.text ?? "")) {
    const call = p.parent;
    if (call?.type === "call_expression" && call.childForFieldName("function")?.id === p.id) return call;
  }
  if (p?.type === "arguments" && p.parent?.type === "call_expression" && /^String::from$/.test(calleeText(p.parent, "rust"))) return p.parent;
  return undefined;
}

function isEnvVarCall(node: Node | null | undefined): string | undefined {
  if (node?.type !== "call_expression") return undefined;
  if (!/^(std::)?env::var$|^var$/.test(calleeText(node, "rust"))) return undefined;
  return stringValue(callArguments(node, "rust")[0], "rust");
}

function slotOf(literal: Node): Slot {
  const owned = owningWrapper(literal);
  const value = owned ?? literal;
  const parent = value.parent;
  if (!parent) return {};
  const isStr = literal.type === "string_literal" && !literal.text.startsWith("b");
  // An owned String is replaced whole by the env read; a borrowed &str becomes a borrow of it.
  const replacement = isStr ? (n: string) => (owned ? envExpr(n) : `&${envExpr(n)}`) : undefined;
  switch (parent.type) {
    case "let_declaration": {
      if (parent.childForFieldName("value")?.id !== value.id) return {};
      const pattern = parent.childForFieldName("pattern");
      const type = parent.childForFieldName("type")?.text.replace(/\s+/g, "");
      const typeOk = owned ? true : !type || /^&('static)?str$/.test(type);
      return { name: pattern?.type === "identifier" ? pattern.text : undefined, replace: value, replacement: typeOk ? replacement : undefined };
    }
    case "const_item":
    case "static_item":
      return { name: parent.childForFieldName("name")?.text };
    case "field_initializer": {
      const name = parent.childForFieldName("field")?.text;
      // A bare literal field is &'static str: a borrow of a runtime String would not live long enough.
      return { name, replace: value, replacement: owned ? replacement : undefined };
    }
    case "assignment_expression": {
      if (parent.childForFieldName("right")?.id !== value.id) return {};
      const left = parent.childForFieldName("left");
      const name = left?.type === "field_expression" ? left.childForFieldName("field")?.text : left?.text;
      return { name, replace: value, replacement: owned ? replacement : undefined };
    }
    case "arguments": {
      const call = parent.parent;
      if (call?.type !== "call_expression") return {};
      const fn = call.childForFieldName("function");
      // std::env::var("X").unwrap_or("fallback".to_string())
      if (fn?.type === "field_expression" && /^unwrap_or$/.test(fn.childForFieldName("field")?.text ?? "")) {
        const env = isEnvVarCall(fn.childForFieldName("value"));
        if (env) return { fallbackOf: env, replace: call, replacement: () => envExpr(env) };
      }
      const callee = calleeText(call, "rust");
      const idx = callArguments(call, "rust").findIndex((a) => a.id === value.id);
      for (const [re, at, envName] of POSITIONAL) if (re.test(callee) && idx === at) return { name: envName, target: envName };
      return {};
    }
    case "closure_expression": {
      // .unwrap_or_else(|_| "fallback".to_string())
      const args = parent.parent;
      const call = args?.parent;
      const fn = call?.childForFieldName("function");
      if (args?.type === "arguments" && call?.type === "call_expression" && fn?.type === "field_expression" && fn.childForFieldName("field")?.text === "unwrap_or_else") {
        const env = isEnvVarCall(fn.childForFieldName("value"));
        if (env) return { fallbackOf: env, replace: call, replacement: () => envExpr(env) };
      }
      return {};
    }
    case "token_tree": {
      // json!({ "password": "…" }) / hashmap!{ "token" => "…" }
      const prev = literal.previousSibling;
      const key = prev && (prev.type === ":" || prev.type === "=>") ? prev.previousSibling : null;
      const name = key ? stringValue(key, "rust") : undefined;
      return name ? { name, target: name } : {};
    }
    default:
      return {};
  }
}
