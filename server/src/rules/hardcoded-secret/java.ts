// hardcoded-secret for Java: fields and locals, assignments, setters (`setPassword("…")`), map and
// property entries, annotation attributes (no fix: annotation values are compile-time constants),
// getenv fallbacks and well-known positional secrets.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { ancestor, calleeText, callArguments, stringValue } from "../../languages/common";
import { cannotBeSecret } from "./secrets";
import { check, worthChecking, type Slot } from "./report";

const POSITIONAL: Array<[RegExp, number, string]> = [
  [/(^|\.)hmacShaKeyFor$/, 0, "JWT_SECRET"],
  [/(^|\.)Algorithm\.HMAC(256|384|512)$/, 0, "JWT_SECRET"],
  [/(^|\.)signWith$/, 1, "JWT_SECRET"],
  [/(^|\.)setSigningKey$/, 0, "JWT_SECRET"],
];

const getenv = (name: string) => `System.getenv(${JSON.stringify(name)})`;

export function java(ctx: FileContext): void {
  for (const literal of ctx.nodes("string_literal")) {
    const value = stringValue(literal, "java");
    if (value === undefined || cannotBeSecret(value) || !worthChecking(ctx.file.text, literal, value)) continue;
    const slot = slotOf(literal);
    slot.fixAllowed = () => !ancestor(literal, ["annotation", "marker_annotation", "annotation_argument_list", "element_value_pair"]);
    check(ctx, literal, value, slot);
  }
}

function isGetenv(node: Node | null | undefined): string | undefined {
  if (node?.type !== "method_invocation") return undefined;
  if (!/^(System\.)?getenv$/.test(calleeText(node, "java"))) return undefined;
  return stringValue(callArguments(node, "java")[0], "java");
}

function slotOf(literal: Node): Slot {
  // "…".getBytes(UTF_8) / .toCharArray(): the literal is replaced, the wrapper kept.
  const value = literal;
  const parent = value.parent;
  if (!parent) return {};
  const replacement = getenv;
  switch (parent.type) {
    case "variable_declarator":
      if (parent.childForFieldName("value")?.id !== value.id) return {};
      return { name: parent.childForFieldName("name")?.text, replacement };
    case "assignment_expression": {
      if (parent.childForFieldName("right")?.id !== value.id) return {};
      const left = parent.childForFieldName("left");
      const name = left?.type === "field_access" ? left.childForFieldName("field")?.text : left?.text;
      return { name, replacement };
    }
    case "element_value_pair":
      return { name: parent.childForFieldName("key")?.text };
    case "annotation_argument_list": {
      // @Value("literal") private String apiKey;  → the annotated field names it.
      const annotated = parent.parent?.parent?.parent;
      const decl = annotated?.type === "field_declaration" ? annotated.childForFieldName("declarator")?.childForFieldName("name")?.text : undefined;
      return { name: decl };
    }
    case "argument_list": {
      const call = parent.parent;
      if (!call || (call.type !== "method_invocation" && call.type !== "object_creation_expression")) return {};
      const callee = calleeText(call, "java");
      const args = callArguments(call, "java");
      const idx = args.findIndex((a) => a.id === value.id);
      // System.getenv().getOrDefault("X", "…"), Optional.ofNullable(System.getenv("X")).orElse("…")
      if (call.type === "method_invocation") {
        const name = call.childForFieldName("name")?.text ?? "";
        const obj = call.childForFieldName("object");
        if (name === "getOrDefault" && idx === 1 && obj?.text.replace(/\s+/g, "") === "System.getenv()") {
          const env = stringValue(args[0], "java");
          if (env) return { fallbackOf: env, replace: call, replacement: () => getenv(env) };
        }
        if ((name === "orElse" || name === "requireNonNullElse") && obj) {
          const inner = name === "orElse" && obj.type === "method_invocation" ? callArguments(obj, "java")[0] : args[0];
          const env = isGetenv(inner);
          if (env && idx === (name === "orElse" ? 0 : 1)) return { fallbackOf: env, replace: call, replacement: () => getenv(env) };
        }
        const setter = /^set([A-Z]\w*)$/.exec(name);
        if (setter && args.length === 1 && !/^(Property|Header|Attribute)$/.test(setter[1]!)) return { name: setter[1], replacement };
        if (idx === 1 && /^(put|setProperty|addHeader|setHeader|of|entry|with|claim)$/.test(name)) {
          const key = stringValue(args[0], "java");
          if (key) return { name: key.split(".").pop(), target: key };
        }
      }
      if (callee.endsWith("Map.of") && idx % 2 === 1) {
        const key = stringValue(args[idx - 1], "java");
        if (key) return { name: key, target: key };
      }
      for (const [re, at, envName] of POSITIONAL) if (re.test(callee) && idx === at) return { name: envName, target: envName, replacement };
      return {};
    }
    case "method_invocation": {
      // "secret".getBytes(...) as an argument of a well-known call.
      const outer = parent.parent;
      if (parent.childForFieldName("object")?.id === value.id && outer?.type === "argument_list" && outer.parent?.type === "method_invocation") {
        const callee = calleeText(outer.parent, "java");
        const idx = callArguments(outer.parent, "java").findIndex((a) => a.id === parent.id);
        for (const [re, at, envName] of POSITIONAL) if (re.test(callee) && idx === at) return { name: envName, target: envName, replacement };
      }
      if (parent.childForFieldName("object")?.id === value.id && parent.parent?.type === "variable_declarator") {
        return { name: parent.parent.childForFieldName("name")?.text, replacement };
      }
      return {};
    }
    default:
      return {};
  }
}
