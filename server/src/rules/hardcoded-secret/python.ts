// hardcoded-secret for Python: assignments (names, attributes, `config["KEY"]`), keyword arguments,
// dict entries, parameter defaults, class fields, and fallbacks of os.getenv / os.environ.get.
import type { FileContext } from "../../engine/rule";
import type { Node, TextEdit } from "../../engine/types";
import { calleeText, callArguments, stringValue } from "../../languages/common";
import { cannotBeSecret } from "./secrets";
import { check, worthChecking, climb, type Slot } from "./report";

const ENV_LOOKUPS = /^(?:os\.getenv|os\.environ\.get|getenv|environ\.get|env\.str|env|config)$/;
/** Positional arguments that are secrets by the callee's purpose: callee → (index, env name). */
const POSITIONAL: Array<[RegExp, number, string]> = [
  [/(^|\.)jwt\.(encode|decode)$/, 1, "JWT_SECRET"],
  [/(^|\.)hmac\.new$/, 0, "HMAC_SECRET"],
  [/(^|\.)Fernet$/, 0, "FERNET_KEY"],
];

export function python(ctx: FileContext): void {
  let importEdit: TextEdit[] | undefined;
  const osImport = () => (importEdit ??= addImportOs(ctx));
  for (const literal of ctx.nodes("string", "concatenated_string")) {
    // The value tests read text only; the parent (a walk from the root) is asked last.
    const value = stringValue(literal, "python");
    if (value === undefined || cannotBeSecret(value) || !worthChecking(ctx.file.text, literal, value)) continue;
    if (literal.parent?.type === "concatenated_string") continue;
    const slot = slotOf(literal);
    if (slot.replacement) {
      slot.fixAllowed = () => {
        slot.extraEdits = osImport();
        return true;
      };
    }
    check(ctx, literal, value, slot);
  }
}

const envRead = (name: string) => `os.environ[${JSON.stringify(name)}]`;

function targetName(node: Node): { name?: string; target?: string } {
  switch (node.type) {
    case "identifier":
      return { name: node.text };
    case "attribute": {
      const obj = node.childForFieldName("object");
      const attr = node.childForFieldName("attribute")?.text;
      const owner = obj?.type === "identifier" && !["self", "cls"].includes(obj.text) && !/^[A-Z_0-9]+$/.test(obj.text) ? obj.text : undefined;
      return { name: attr, target: owner && attr ? `${owner}.${attr}` : attr };
    }
    case "subscript": {
      const key = stringValue(node.childForFieldName("subscript"), "python");
      return key ? { name: key, target: key } : {};
    }
    default:
      return {};
  }
}

function slotOf(literal: Node): Slot {
  // `"x".encode()` keeps its wrapper: the fix replaces the literal only.
  const value = climb(literal, (p, c) => p.type === "attribute" && p.childForFieldName("object")?.id === c.id && /^(encode|strip)$/.test(p.childForFieldName("attribute")?.text ?? "")
    ? true
    : p.type === "call" && p.childForFieldName("function")?.type === "attribute" && p.childForFieldName("function")?.id === c.id);
  const parent = value.parent;
  if (!parent) return {};
  const fixable = literal.type === "string";
  const replacement = fixable ? envRead : undefined;
  switch (parent.type) {
    case "assignment": {
      if (parent.childForFieldName("right")?.id !== value.id) return {};
      const left = parent.childForFieldName("left");
      if (!left) return {};
      return { ...targetName(left), replacement };
    }
    case "keyword_argument": {
      const name = parent.childForFieldName("name")?.text;
      const call = parent.parent?.parent;
      if (name === "default" && call?.type === "call") {
        const env = envFallback(call, value);
        if (env) return env;
      }
      return { name, replacement };
    }
    case "pair": {
      if (parent.childForFieldName("value")?.id !== value.id) return {};
      const keyNode = parent.childForFieldName("key");
      const key = stringValue(keyNode, "python") ?? (keyNode?.type === "identifier" ? keyNode.text : undefined);
      const siblingKeys = parent.parent?.namedChildren.flatMap((pair) => {
        const k = pair?.type === "pair" ? stringValue(pair.childForFieldName("key"), "python") : undefined;
        return k && pair?.id !== parent.id ? [k] : [];
      });
      return { name: key, target: key, replacement, siblingKeys };
    }
    case "default_parameter":
    case "typed_default_parameter":
      return { name: parent.childForFieldName("name")?.text, replacement };
    case "argument_list": {
      const call = parent.parent;
      if (call?.type !== "call") return {};
      const env = envFallback(call, value);
      if (env) return env;
      const callee = calleeText(call, "python");
      const args = callArguments(call, "python").filter((a) => a.type !== "keyword_argument");
      const idx = args.findIndex((a) => a.id === value.id);
      for (const [re, at, envName] of POSITIONAL) if (re.test(callee) && idx === at) return { name: envName, target: envName, replacement };
      // d.get("password", "fallback"), os.environ.setdefault("API_KEY", "…"): the key names the value.
      if (idx === 1 && /\.(get|setdefault|pop)$/.test(callee)) {
        const key = stringValue(args[0], "python");
        if (key) return { name: key, target: key };
      }
      return {};
    }
    default:
      return {};
  }
}

/** `os.getenv("NAME", "fallback")` / `os.environ.get("NAME", default="fallback")`. */
function envFallback(call: Node, value: Node): Slot | undefined {
  const callee = calleeText(call, "python");
  if (!ENV_LOOKUPS.test(callee)) return undefined;
  const args = callArguments(call, "python");
  const name = stringValue(args[0], "python");
  if (!name) return undefined;
  const positional = args.filter((a) => a.type !== "keyword_argument");
  const isFallback = positional[1]?.id === value.id || args.some((a) => a.type === "keyword_argument" && a.childForFieldName("value")?.id === value.id);
  if (!isFallback) return undefined;
  // Only the standard library lookups are rewritten; other helpers keep their own semantics.
  const rewritable = /^(os\.getenv|os\.environ\.get)$/.test(callee);
  return { fallbackOf: name, replace: call, replacement: rewritable ? () => envRead(name) : undefined };
}

/** `import os` when the module has none: after `from __future__` imports and the docstring, before other imports. */
function addImportOs(ctx: FileContext): TextEdit[] {
  const children = ctx.file.tree.rootNode.namedChildren.filter((n): n is Node => !!n);
  const bindsOs = (s: Node) => s.type === "import_statement" && s.namedChildren.some((n) => n?.type === "dotted_name" && /^os(\.|$)/.test(n.text));
  if (children.some(bindsOs)) return [];
  let insertAt = 0;
  let i = 0;
  // Leading comments (shebang, encoding, licence) and the module docstring stay first.
  while (children[i]?.type === "comment" && children[i]!.startPosition.row === insertAt) insertAt = children[i++]!.endPosition.row + 1;
  if (children[i]?.type === "expression_statement" && children[i]!.namedChildren[0]?.type === "string") insertAt = children[i]!.endPosition.row + 1;
  for (const stmt of children) if (stmt.type === "future_import_statement") insertAt = stmt.endPosition.row + 1;
  // In the first run of plain `import x` statements, keep alphabetical order (isort's).
  const firstImport = children.findIndex((s) => (s.type === "import_statement" || s.type === "import_from_statement") && s.startPosition.row >= insertAt);
  if (firstImport >= 0) {
    insertAt = children[firstImport]!.startPosition.row;
    for (let j = firstImport; j < children.length && children[j]!.type === "import_statement"; j++) {
      const mod = children[j]!.namedChildren[0]?.text ?? "";
      if (mod.toLowerCase() > "os") break;
      insertAt = children[j]!.endPosition.row + 1;
    }
  }
  return [{ range: { start: { line: insertAt, character: 0 }, end: { line: insertAt, character: 0 } }, newText: "import os\n" }];
}
