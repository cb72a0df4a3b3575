// Loop context for query rules: is a node executed once per iteration of a loop within its function?
// Loop headers (the iterable of a `for … of`, the first `in` of a comprehension) run once and do
// not count; iteration callbacks (`.map`, `.forEach`, Java stream operations, Rust iterator
// adaptors) are loops; other function boundaries stop the search.
import type { LanguageFamily, Node } from "../../engine/types";

/** Array/stream/iterator methods whose callback runs once per element. */
const TS_ITERATION = new Set(["map", "forEach", "flatMap", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast", "findLastIndex"]);
const JAVA_STREAM = new Set(["map", "forEach", "flatMap", "filter", "peek", "mapToObj", "mapToInt", "mapToLong", "mapToDouble", "anyMatch", "allMatch", "noneMatch", "forEachOrdered", "takeWhile", "dropWhile", "reduce", "computeIfAbsent", "replaceAll", "removeIf"]);
const RUST_ITER = new Set(["map", "for_each", "filter_map", "flat_map", "then", "try_for_each", "fold", "filter", "any", "all", "find_map", "and_then", "map_while", "scan", "inspect"]);
const PY_ITER_CALLS = new Set(["map", "filter"]);

/**
 * Endless loops (`while True`, `for {}`, `loop {}`) are workers and pollers handling one event per
 * turn, not iterations over a result set: a query per turn there is not N+1.
 */
function isEndless(loop: Node, family: LanguageFamily): boolean {
  switch (family) {
    case "go":
      return !loop.namedChildren.some((c) => c && c.type !== "block" && c.type !== "comment");
    case "rust":
      return loop.type === "loop_expression";
    default: {
      if (!/while_statement|for_statement|do_statement/.test(loop.type)) return false;
      const cond = loop.childForFieldName("condition");
      if (loop.type === "for_statement" && family !== "python") return cond === null || /^\(?\s*;?\s*\)?$/.test(cond.text);
      return !!cond && /^\(?\s*(True|true|1)\s*\)?$/.test(cond.text);
    }
  }
}

function isInside(node: Node, container: Node | null): boolean {
  return !!container && node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}

/** The member name of a call's callee (`xs.map(...)` → map), per family. */
function memberCallName(call: Node, family: LanguageFamily): { name: string; receiver: Node | null } | undefined {
  if (family === "ts" && call.type === "call_expression") {
    const fn = call.childForFieldName("function");
    if (fn?.type === "member_expression") return { name: fn.childForFieldName("property")?.text ?? "", receiver: fn.childForFieldName("object") };
  }
  if (family === "java" && call.type === "method_invocation") {
    return { name: call.childForFieldName("name")?.text ?? "", receiver: call.childForFieldName("object") };
  }
  if (family === "rust" && call.type === "call_expression") {
    const fn = call.childForFieldName("function");
    if (fn?.type === "field_expression") return { name: fn.childForFieldName("field")?.text ?? "", receiver: fn.childForFieldName("value") };
  }
  return undefined;
}

function javaIsStreamish(receiver: Node | null, name: string): boolean {
  if (!receiver) return false;
  if (name === "forEach" || name === "computeIfAbsent" || name === "replaceAll" || name === "removeIf") return true; // Iterable.forEach, Map.computeIfAbsent
  return /\b(stream|parallelStream)\s*\(|\b(Stream|IntStream|LongStream|Flux)\s*\.\s*(of|range|rangeClosed|iterate|fromIterable)\b/.test(receiver.text);
}

function rustIsIterator(receiver: Node | null): boolean {
  return !!receiver && /\.(iter|into_iter|iter_mut|chunks|windows|lines|split|keys|values|drain)\s*\(|stream::iter|futures::stream|\.\.=?/.test(receiver.text);
}

/**
 * The loop (statement or iteration call) that makes `node` run once per iteration, or null. Stops at
 * the enclosing function unless that function is an iteration callback.
 */
export function enclosingLoop(node: Node, family: LanguageFamily): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    switch (family) {
      case "ts": {
        if (n.type === "for_statement" || n.type === "for_in_statement" || n.type === "while_statement" || n.type === "do_statement") {
          if (isInside(node, n.childForFieldName("body"))) return isEndless(n, family) ? null : n;
          continue;
        }
        if (["arrow_function", "function_expression", "function"].includes(n.type)) {
          const args = n.parent;
          const call = args?.type === "arguments" ? args.parent : null;
          const m = call ? memberCallName(call, family) : undefined;
          if (call && m && TS_ITERATION.has(m.name)) return call;
          if (args?.type === "arguments" && call && /^(Array\.from)$/.test(call.childForFieldName("function")?.text ?? "")) return call;
          return null;
        }
        if (["function_declaration", "method_definition", "generator_function_declaration", "class_body"].includes(n.type)) return null;
        continue;
      }
      case "python": {
        if (n.type === "for_statement" || n.type === "while_statement") {
          if (isInside(node, n.childForFieldName("body"))) return isEndless(n, family) ? null : n;
          continue;
        }
        if (["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"].includes(n.type)) {
          const clauses = n.namedChildren.filter((c): c is Node => !!c && c.type === "for_in_clause");
          const first = clauses[0];
          // The iterable of the first `for` clause is evaluated once.
          if (first && isInside(node, first.childForFieldName("right"))) continue;
          return n;
        }
        if (n.type === "lambda") {
          const args = n.parent;
          const call = args?.type === "argument_list" ? args.parent : null;
          if (call && PY_ITER_CALLS.has(call.childForFieldName("function")?.text ?? "")) return call;
          return null;
        }
        if (n.type === "function_definition" || n.type === "class_definition") return null;
        continue;
      }
      case "go": {
        if (n.type === "for_statement") {
          if (isInside(node, n.childForFieldName("body"))) return isEndless(n, family) ? null : n;
          continue;
        }
        if (n.type === "function_declaration" || n.type === "method_declaration") return null;
        continue; // func literals inside a loop body (goroutines, callbacks) run per iteration too
      }
      case "rust": {
        if (n.type === "for_expression" || n.type === "while_expression" || n.type === "loop_expression") {
          if (isInside(node, n.childForFieldName("body"))) return isEndless(n, family) ? null : n;
          continue;
        }
        if (n.type === "closure_expression") {
          const args = n.parent;
          const call = args?.type === "arguments" ? args.parent : null;
          const m = call ? memberCallName(call, family) : undefined;
          if (call && m && RUST_ITER.has(m.name) && rustIsIterator(m.receiver)) return call;
          return null;
        }
        if (n.type === "function_item") return null;
        continue;
      }
      case "java": {
        if (["enhanced_for_statement", "for_statement", "while_statement", "do_statement"].includes(n.type)) {
          if (isInside(node, n.childForFieldName("body"))) return isEndless(n, family) ? null : n;
          continue;
        }
        if (n.type === "lambda_expression") {
          const args = n.parent;
          const call = args?.type === "argument_list" ? args.parent : null;
          const m = call ? memberCallName(call, family) : undefined;
          if (call && m && JAVA_STREAM.has(m.name) && javaIsStreamish(m.receiver, m.name)) return call;
          return null;
        }
        if (["method_declaration", "constructor_declaration", "class_body"].includes(n.type)) return null;
        continue;
      }
    }
  }
  return null;
}

/** Java: a method reference passed to a stream operation (`ids.stream().map(repo::findById)`). */
export function javaMethodRefInStream(ref: Node): boolean {
  const args = ref.parent;
  const call = args?.type === "argument_list" ? args.parent : null;
  const m = call ? memberCallName(call, "java") : undefined;
  return !!(call && m && JAVA_STREAM.has(m.name) && javaIsStreamish(m.receiver, m.name)) || (!!call && enclosingLoop(call, "java") !== null);
}

/** SQL text that reads (SELECT/WITH … SELECT) rather than writes. */
export function sqlKind(text: string): "read" | "write" | "unknown" {
  const t = text.replace(/^[\s(`'"]+/, "").toUpperCase();
  if (/^(SELECT|WITH|SHOW|EXPLAIN|VALUES|TABLE)\b/.test(t)) {
    if (/^WITH\b/.test(t) && /\b(INSERT|UPDATE|DELETE)\b/.test(t) && !/\bSELECT\b[^;]*$/.test(t)) return "write";
    return "read";
  }
  if (/^(INSERT|UPDATE|DELETE|UPSERT|MERGE|REPLACE|CREATE|DROP|ALTER|TRUNCATE|REFRESH|CALL|SET|BEGIN|COMMIT|ROLLBACK|LOCK|GRANT|VACUUM|COPY|LISTEN|NOTIFY)\b/.test(t)) return "write";
  return "unknown";
}
