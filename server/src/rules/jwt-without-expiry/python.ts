// PyJWT / python-jose `jwt.encode(payload, key, ...)` whose payload (a literal, or a dict built in
// the same function) has no "exp".
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText, FUNCTION_TYPES, stringValue } from "../../languages/common";
import { pyDict, pyKwargs, pyPositional, scopeOf } from "../_shared/syntax";
import { MESSAGE } from "./messages";

/** Local names under which PyJWT or python-jose's `jwt` module is imported. */
function jwtModules(text: string): Set<string> {
  const out = new Set<string>();
  if (/^\s*import\s+jwt\b(?!\.)/m.test(text)) out.add("jwt");
  for (const m of text.matchAll(/^\s*import\s+jwt\s+as\s+(\w+)/gm)) out.add(m[1]!);
  for (const m of text.matchAll(/^\s*from\s+jose\s+import\s+([^\n]+)/gm))
    for (const part of m[1]!.replace(/[()]/g, "").split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === "jwt") out.add(alias ?? name);
    }
  if (/^\s*from\s+jwt\s+import\s+[^\n]*\bencode\b/m.test(text)) out.add("");
  return out;
}

/** Whether a dict (literal or built by name in `scope`) may contain "exp": true = has, false = lacks, undefined = unknown. */
function dictHasExp(node: Node, scope: Node): boolean | undefined {
  if (node.type === "dictionary") {
    const d = pyDict(node);
    if (d.keys.has("exp")) return true;
    return d.spread ? undefined : false;
  }
  if (node.type === "call" && calleeText(node, "python") === "dict") {
    const kw = pyKwargs(node);
    if (kw.has("exp")) return true;
    return pyPositional(node).length || /\*\*/.test(node.text) ? undefined : false;
  }
  if (node.type !== "identifier") return undefined;
  const name = node.text;
  let built: boolean | undefined;
  const before = node.startIndex;
  const esc = name.replace(/\W/g, "");
  const stack: Node[] = [scope];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.startIndex > before) continue;
    if (n.type === "assignment" && n.childForFieldName("left")?.text === name) {
      const right = n.childForFieldName("right");
      if (right && (right.type === "dictionary" || (right.type === "call" && calleeText(right, "python") === "dict"))) built = dictHasExp(right, scope);
      else return undefined;
    }
    for (const c of n.namedChildren) if (c && !(FUNCTION_TYPES.python.includes(c.type) && c.id !== scope.id)) stack.push(c);
  }
  if (built === undefined) return undefined;
  // payload["exp"] = ..., payload.update(exp=...), payload.update({"exp": ...}), payload.setdefault("exp", ...)
  const body = scope.text;
  if (new RegExp(`\\b${esc}\\s*\\[\\s*["']exp["']\\s*\\]\\s*=|\\b${esc}\\.(update|setdefault)\\([^)]*\\bexp\\b|\\b${esc}\\s*\\|=`).test(body)) return true;
  // merged with something we cannot see, or keys set from variables: unknown
  if (new RegExp(`\\b${esc}\\.update\\(|\\b${esc}\\s*\\[\\s*[^"'\\s]`).test(body)) return undefined;
  return built;
}

export function python(ctx: FileContext): void {
  const mods = jwtModules(ctx.file.text);
  if (!mods.size) return;
  for (const call of ctx.nodes("call")) {
    const callee = calleeText(call, "python");
    const ok = [...mods].some((m) => (m === "" ? callee === "encode" : callee === `${m}.encode`));
    if (!ok) continue;
    const kw = pyKwargs(call);
    const payload = pyPositional(call)[0] ?? kw.get("payload")?.childForFieldName("value") ?? kw.get("claims")?.childForFieldName("value");
    if (!payload) continue;
    if (stringValue(payload, "python") !== undefined) continue;
    const has = dictHasExp(payload, scopeOf(call, FUNCTION_TYPES.python));
    if (has === false) ctx.report({ node: call, message: MESSAGE });
  }
}
