// Small syntax helpers shared by the API/auth rules (CORS, JWT, TLS, missing-auth): keyword
// arguments, object-literal properties, method-chain walking. They read tree-sitter nodes only.
import type { FileContext } from "../../engine/rule";
import type { LanguageFamily, Node } from "../../engine/types";
import { callArguments, stringValue } from "../../languages/common";

/** Python keyword arguments of a call, by name. */
export function pyKwargs(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const a of callArguments(call, "python")) {
    if (a.type !== "keyword_argument") continue;
    const name = a.childForFieldName("name")?.text;
    const value = a.childForFieldName("value");
    if (name && value) out.set(name, a);
  }
  return out;
}

/** Value node of a Python keyword argument node. */
export function kwValue(kw: Node | undefined): Node | null {
  return kw?.childForFieldName("value") ?? null;
}

/** Positional (non-keyword) Python arguments. */
export function pyPositional(call: Node): Node[] {
  return callArguments(call, "python").filter((a) => a.type !== "keyword_argument" && a.type !== "list_splat" && a.type !== "dictionary_splat");
}

/** Key text of a property of a TS/JS object literal, a Python dict pair or a Java element pair. */
export function keyText(key: Node | null, family: LanguageFamily): string | undefined {
  if (!key) return undefined;
  if (key.type === "property_identifier" || key.type === "identifier" || key.type === "shorthand_property_identifier") return key.text;
  const s = stringValue(key, family);
  if (s !== undefined) return s;
  if (key.type === "computed_property_name") return undefined;
  return undefined;
}

/** Properties of a TS/JS object literal: name → pair node (shorthand properties map to themselves). */
export function tsProps(obj: Node | null | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  if (!obj || obj.type !== "object") return out;
  for (const c of obj.namedChildren) {
    if (!c) continue;
    if (c.type === "pair") {
      const k = keyText(c.childForFieldName("key"), "ts");
      if (k !== undefined) out.set(k, c);
    } else if (c.type === "shorthand_property_identifier") out.set(c.text, c);
    else if (c.type === "method_definition") {
      const n = c.childForFieldName("name")?.text;
      if (n) out.set(n, c);
    }
  }
  return out;
}

/** Value of a TS/JS pair node (the node itself for a shorthand property). */
export function pairValue(pair: Node | undefined): Node | null {
  if (!pair) return null;
  if (pair.type === "pair") return pair.childForFieldName("value");
  return pair;
}

/** Whether a TS/JS object literal has a spread element or computed keys (its keys are then unknown). */
export function tsHasSpread(obj: Node): boolean {
  return obj.namedChildren.some((c) => c?.type === "spread_element" || (c?.type === "pair" && c.childForFieldName("key")?.type === "computed_property_name"));
}

/** Python dict literal keys: key string → pair node. `**spread` sets `spread`. */
export function pyDict(dict: Node): { keys: Map<string, Node>; spread: boolean } {
  const keys = new Map<string, Node>();
  let spread = false;
  for (const c of dict.namedChildren) {
    if (!c) continue;
    if (c.type === "pair") {
      const k = stringValue(c.childForFieldName("key"), "python");
      if (k !== undefined) keys.set(k, c);
      else spread = true;
    } else if (c.type === "dictionary_splat") spread = true;
  }
  return { keys, spread };
}

/** Go composite literal keyed elements: key text → keyed_element node. */
export function goKeyed(lit: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const body = lit.childForFieldName("body");
  if (!body) return out;
  for (const c of body.namedChildren) {
    if (c?.type !== "keyed_element") continue;
    const key = c.namedChildren[0];
    if (!key) continue;
    const inner = key.type === "literal_element" ? key.namedChildren[0] : key;
    if (!inner) continue;
    const s = stringValue(inner, "go");
    out.set(s ?? inner.text, c);
  }
  return out;
}

/** Value node of a Go keyed element. */
export function goKeyedValue(el: Node | undefined): Node | null {
  if (!el) return null;
  const v = el.namedChildren[1];
  if (!v) return null;
  return v.type === "literal_element" ? (v.namedChildren[0] ?? null) : v;
}

/**
 * The calls of a method chain, outermost first: for `a.b().c().d()` starting at the `d()` call,
 * returns [d(), c(), b()]. Works for TS (call_expression/member_expression), Java
 * (method_invocation), Rust (call_expression/field_expression) and Go (selector_expression).
 */
export function chainCalls(call: Node, family: LanguageFamily): Node[] {
  const out: Node[] = [];
  let cur: Node | null = call;
  while (cur) {
    if (family === "java") {
      if (cur.type !== "method_invocation") break;
      out.push(cur);
      cur = cur.childForFieldName("object");
      continue;
    }
    if (cur.type === "call_expression") {
      out.push(cur);
      const fn = cur.childForFieldName("function");
      if (!fn) break;
      if (fn.type === "member_expression" || fn.type === "field_expression" || fn.type === "selector_expression") {
        cur = fn.childForFieldName("object") ?? fn.childForFieldName("value") ?? fn.childForFieldName("operand");
        continue;
      }
      break;
    }
    if (family === "rust" && cur.type === "try_expression") {
      cur = cur.namedChildren[0] ?? null;
      continue;
    }
    if (family === "ts" && (cur.type === "await_expression" || cur.type === "parenthesized_expression" || cur.type === "non_null_expression")) {
      cur = cur.namedChildren[0] ?? null;
      continue;
    }
    if (cur.type === "new_expression") out.push(cur);
    break;
  }
  return out;
}

/** The method name node of a call (`d` of `a.b().d()`), or the callee identifier of a plain call. */
export function methodNameNode(call: Node, family: LanguageFamily): Node | null {
  if (family === "java") return call.childForFieldName("name") ?? call.childForFieldName("type");
  return calleeNameNode(call.childForFieldName("function") ?? call.childForFieldName("constructor"));
}

function calleeNameNode(fn: Node | null): Node | null {
  if (!fn) return null;
  switch (fn.type) {
    case "member_expression":
      return fn.childForFieldName("property");
    case "field_expression":
    case "selector_expression":
      return fn.childForFieldName("field");
    case "attribute":
      return fn.childForFieldName("attribute");
    case "scoped_identifier":
      return fn.childForFieldName("name");
    case "generic_function":
      return calleeNameNode(fn.childForFieldName("function"));
    default:
      return fn;
  }
}

/** The outermost call of the chain a call belongs to (`a.b().c()` for the `b()` call). */
export function chainTop(call: Node, family: LanguageFamily): Node {
  let top = call;
  for (;;) {
    const p = top.parent;
    if (!p) return top;
    if (family === "java" && p.type === "method_invocation" && p.childForFieldName("object")?.id === top.id) {
      top = p;
      continue;
    }
    if (p.type === "member_expression" || p.type === "field_expression" || p.type === "selector_expression") {
      const gp = p.parent;
      if (gp && gp.type === "call_expression" && gp.childForFieldName("function")?.id === p.id) {
        top = gp;
        continue;
      }
    }
    if (family === "rust" && p.type === "try_expression") {
      const gp = p.parent;
      if (gp && (gp.type === "field_expression") && gp.parent?.type === "call_expression") {
        top = gp.parent;
        continue;
      }
    }
    if (family === "ts" && p.type === "await_expression") return top;
    return top;
  }
}

/** Whether a node is the boolean literal `value` in its language (Python True/False too). */
export function isBool(node: Node | null | undefined, value: boolean): boolean {
  if (!node) return false;
  const t = node.type === "literal_element" ? node.namedChildren[0] : node;
  if (!t) return false;
  if (value) return t.type === "true" || t.text === "True" || (t.type === "boolean_literal" && t.text === "true");
  return t.type === "false" || t.text === "False" || (t.type === "boolean_literal" && t.text === "false");
}

/** String values of a list/array literal (non-strings are skipped). */
export function listStrings(node: Node | null | undefined, family: LanguageFamily): string[] {
  if (!node) return [];
  const single = stringValue(node, family);
  if (single !== undefined) return [single];
  const out: string[] = [];
  const visit = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      const s = stringValue(c, family);
      if (s !== undefined) out.push(s);
      else if (c.type === "literal_element" || c.type === "literal_value" || c.type === "array_initializer") visit(c);
    }
  };
  visit(node);
  return out;
}

/** The function (any kind) enclosing a node, or the root. */
export function scopeOf(node: Node, fnTypes: readonly string[]): Node {
  for (let n = node.parent; n; n = n.parent) if (fnTypes.includes(n.type)) return n;
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

const ENV_RE = /process\.env|os\.environ|os\.getenv|\bgetenv\(|os\.Getenv|os\.LookupEnv|env::var|System\.getenv|System\.getProperty|NODE_ENV|settings\.DEBUG|app\.debug|\bDEBUG\b|\bis_?dev(elopment)?\b|\bis_?prod(uction)?\b|\bdev_?mode\b|Environment\.|\bprofile\b|gin\.Mode\(\)/i;
const OPT_IN_RE = /insecure|ignore_?ssl|ignore_?tls|ignore_?cert|skip_?(tls_?)?verif|allow_?self_?signed|no_?verify|(ssl|tls|cert)_?verif|verif\w*_?(ssl|tls|cert)|disable_?(ssl|tls)/i;

/**
 * Whether a node only runs when a configuration flag says so: inside an `if`/ternary whose condition
 * reads the environment (or, with `optIn`, a flag named like insecure/skipVerify/ignoreSsl).
 */
export function guardedByConfig(node: Node, optIn = false): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    let cond: Node | null = null;
    if (n.type === "if_statement" || n.type === "if_expression" || n.type === "elif_clause") cond = n.childForFieldName("condition");
    else if (n.type === "ternary_expression" || n.type === "conditional_expression") cond = n.childForFieldName("condition") ?? n.namedChildren[n.type === "conditional_expression" ? 1 : 0] ?? null;
    if (cond && cond.endIndex <= node.startIndex) {
      if (ENV_RE.test(cond.text) || (optIn && OPT_IN_RE.test(cond.text))) return true;
    }
    if (["function_definition", "function_declaration", "method_declaration", "function_item", "method_definition", "arrow_function", "func_literal", "class_declaration", "class_definition"].includes(n.type)) break;
  }
  return false;
}

/**
 * The same context, except that a finding inside a branch taken only when configuration asks for it
 * (`if settings.DEBUG:`, `if (process.env.NODE_ENV !== "production")`; with `optIn`, also explicitly
 * named opt-in flags such as `if (insecure)`) is a deliberate setting, not reported.
 */
export function unlessConfigGuarded(ctx: FileContext, optIn = false): FileContext {
  return {
    ...ctx,
    report(args) {
      if (args.node && guardedByConfig(args.node, optIn)) return;
      ctx.report(args);
    },
  };
}
