// jsonwebtoken `jwt.sign(payload, key, options?)` without `expiresIn` and without `exp` in a literal
// payload; jose `new SignJWT(...)...sign()` without `setExpirationTime`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, FUNCTION_TYPES } from "../../languages/common";
import { chainCalls, chainTop, methodNameNode, scopeOf, tsHasSpread, tsProps } from "../_shared/syntax";
import { MESSAGE } from "./messages";

function jsonwebtokenNames(text: string): { modules: Set<string>; sign: Set<string> } {
  const modules = new Set<string>();
  const sign = new Set<string>();
  for (const m of text.matchAll(/import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s*from\s+["']jsonwebtoken["']/g)) modules.add(m[1]!);
  for (const m of text.matchAll(/(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["']jsonwebtoken["']\s*\)/g)) modules.add(m[1]!);
  for (const m of text.matchAll(/import\s*(?:[A-Za-z_$][\w$]*\s*,\s*)?\{([^}]*)\}\s*from\s+["']jsonwebtoken["']/g))
    for (const part of m[1]!.split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === "sign") sign.add(alias ?? name);
    }
  for (const m of text.matchAll(/(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*["']jsonwebtoken["']\s*\)/g))
    for (const part of m[1]!.split(",")) {
      const [name, alias] = part.trim().split(/\s*:\s*/);
      if (name === "sign") sign.add(alias ?? name);
    }
  return { modules, sign };
}

/** An object literal, directly or through a `const x = {...}` in the same scope. */
function resolveObject(node: Node | undefined, scope: Node): Node | undefined {
  if (!node) return undefined;
  if (node.type === "object") return node;
  if (node.type !== "identifier") return undefined;
  for (const d of scope.descendantsOfType("variable_declarator")) {
    if (!d || d.childForFieldName("name")?.text !== node.text) continue;
    if (d.startIndex > node.startIndex) continue;
    const v = d.childForFieldName("value");
    if (v?.type === "object") {
      // a later `x.exp = ...` / `x["exp"] = ...` adds the claim
      if (new RegExp(`\\b${node.text}\\s*(\\.exp|\\[\\s*["']exp["']\\s*\\])\\s*=`).test(scope.text)) return undefined;
      return v;
    }
    return undefined;
  }
  return undefined;
}

export function ts(ctx: FileContext): void {
  const text = ctx.file.text;
  const { modules, sign } = jsonwebtokenNames(text);
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "ts");
    const isSign = sign.has(callee) || [...modules].some((m) => callee === `${m}.sign`);
    if (isSign) {
      const [payload, , options] = callArguments(call, "ts");
      if (!payload) continue;
      const scope = scopeOf(call, FUNCTION_TYPES.ts);
      if (options) {
        const o = resolveObject(options, scope);
        if (!o || tsHasSpread(o) || tsProps(o).has("expiresIn")) continue;
      }
      const p = resolveObject(payload, scope);
      if (!p || tsHasSpread(p) || tsProps(p).has("exp")) continue;
      ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    // jose: new SignJWT(claims).setProtectedHeader(...).sign(key)
    if (methodNameNode(call, "ts")?.text === "sign" && /\bSignJWT\b/.test(text)) {
      const top = chainTop(call, "ts");
      if (top.id !== call.id) continue;
      const chain = chainCalls(call, "ts");
      const root = chain[chain.length - 1];
      if (root?.type !== "new_expression" || calleeText(root, "ts") !== "SignJWT") continue;
      if (chain.some((c) => methodNameNode(c, "ts")?.text === "setExpirationTime")) continue;
      const claims = resolveObject(callArguments(root, "ts")[0], scopeOf(call, FUNCTION_TYPES.ts));
      if (claims && (tsHasSpread(claims) || tsProps(claims).has("exp"))) continue;
      if (!claims && callArguments(root, "ts").length) continue;
      ctx.report({ node: methodNameNode(call, "ts") ?? call, message: MESSAGE });
    }
  }
}
