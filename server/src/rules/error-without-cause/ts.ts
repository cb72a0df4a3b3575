// TS/JS: `throw new X(...)` in a catch block that passes neither the caught value nor `{ cause }`.
// The fix adds `{ cause: <name> }` as the options argument: syntactically for `Error` and the built-in
// errors (and NestJS HTTP exceptions, whose options take `cause`); for other classes a deferred
// resolver (ts-morph, loaded lazily) confirms that the constructor accepts it.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { callArguments, enclosingFunction, isComment } from "../../languages/common";
import { enclosingHandler, freshName, handlerBinding, unwrapTs, isMinified } from "../_shared/errors";
import { FIX_TITLE, MESSAGE } from "./messages";
import { TS_CAUSE_RESOLVER } from "./resolver";
import { BUILTIN_OPTIONS_INDEX } from "../_shared/semantic-api";


/** NestJS built-in HTTP exceptions: `(objectOrError?, descriptionOrOptions?)`, options take `cause`. */
const NEST_EXCEPTIONS = new Set([
  "BadRequestException",
  "UnauthorizedException",
  "NotFoundException",
  "ForbiddenException",
  "NotAcceptableException",
  "RequestTimeoutException",
  "ConflictException",
  "GoneException",
  "HttpVersionNotSupportedException",
  "PayloadTooLargeException",
  "UnsupportedMediaTypeException",
  "UnprocessableEntityException",
  "InternalServerErrorException",
  "NotImplementedException",
  "ImATeapotException",
  "MethodNotAllowedException",
  "BadGatewayException",
  "ServiceUnavailableException",
  "GatewayTimeoutException",
  "PreconditionFailedException",
  "MisdirectedException",
]);

export function ts(ctx: FileContext): void {
  if (isMinified(ctx.file)) return;
  for (const thr of ctx.nodes("throw_statement")) {
    const expr = thr.namedChildren.find((c) => c && !isComment(c));
    if (!expr) continue;
    const created = unwrapTs(expr);
    let ctorName: string | undefined;
    if (created.type === "new_expression") ctorName = created.childForFieldName("constructor")?.text;
    else if (created.type === "call_expression") {
      // `throw Error("x")` without `new` behaves the same for the built-ins.
      const fn = created.childForFieldName("function")?.text;
      if (fn && fn in BUILTIN_OPTIONS_INDEX) ctorName = fn;
    }
    if (!ctorName) continue;
    let handler = enclosingHandler(thr, "ts");
    let bound: Node | null = null;
    if (handler) {
      bound = handlerBinding(handler, "ts");
      // A destructured catch binding (`catch ({ message })`) has no error to chain.
      if (!bound && handler.childForFieldName("parameter")) continue;
    } else {
      // `promise.catch((err) => { throw new X(...) })` is a handler too.
      const cb = promiseCatchCallback(thr);
      if (!cb) continue;
      handler = cb.fn;
      bound = cb.param;
      if (!bound) {
        // `.catch(() => …)`: the rejection is dropped; no binding is added (the callback's shape varies).
        if (!created.childForFieldName("arguments") || !callArguments(created, "ts").some(hasCauseKey)) ctx.report({ node: thr, message: MESSAGE.ts });
        continue;
      }
    }
    const args = created.childForFieldName("arguments") ? callArguments(created, "ts") : [];
    if (bound && carriesError(args, bound.text)) continue;
    if (!bound && args.some(hasCauseKey)) continue;
    ctx.report({ node: thr, message: MESSAGE.ts, fixes: fixFor(ctx, created, ctorName, args, handler, bound) });
  }
}

/** The callback of `.catch(cb)` whose body holds the node (nearest function only), with its first parameter. */
function promiseCatchCallback(node: Node): { fn: Node; param: Node | null } | undefined {
  const fn = enclosingFunction(node, "ts");
  if (!fn || (fn.type !== "arrow_function" && fn.type !== "function_expression")) return undefined;
  const args = fn.parent;
  const call = args?.parent;
  if (args?.type !== "arguments" || call?.type !== "call_expression") return undefined;
  const callee = call.childForFieldName("function");
  if (callee?.type !== "member_expression" || callee.childForFieldName("property")?.text !== "catch") return undefined;
  if (args.namedChildren.find((c) => c && !isComment(c))?.id !== fn.id) return undefined;
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  let first: Node | null | undefined = params?.type === "identifier" ? params : params?.namedChildren.find((c) => c && !isComment(c));
  if (first && first.type !== "identifier") first = first.childForFieldName("pattern");
  return { fn, param: first?.type === "identifier" ? first : null };
}

/** An argument is the caught value itself, or an object literal with `cause` or holding the value. */
function carriesError(args: Node[], name: string): boolean {
  for (const a of args) {
    const v = unwrapTs(a);
    if (v.type === "identifier" && v.text === name) return true;
    if (v.type === "object" && (hasCauseKey(v) || objectHolds(v, name))) return true;
    if (v.type === "spread_element") return true; // unknown arguments: give the benefit of the doubt
    if (v.type === "array" && v.namedChildren.some((c) => !!c && unwrapTs(c).type === "identifier" && unwrapTs(c).text === name)) return true;
  }
  return false;
}

function hasCauseKey(node: Node): boolean {
  const v = unwrapTs(node);
  if (v.type !== "object") return false;
  return v.namedChildren.some((p) => {
    if (!p) return false;
    if (p.type === "shorthand_property_identifier") return p.text === "cause";
    if (p.type === "pair") return p.childForFieldName("key")?.text.replace(/['"]/g, "") === "cause";
    return p.type === "spread_element";
  });
}

function objectHolds(obj: Node, name: string): boolean {
  return obj.namedChildren.some((p) => {
    if (!p) return false;
    if (p.type === "shorthand_property_identifier") return p.text === name;
    if (p.type === "pair") {
      const value = p.childForFieldName("value");
      return !!value && unwrapTs(value).type === "identifier" && unwrapTs(value).text === name;
    }
    return false;
  });
}

function importedFromNest(ctx: FileContext, name: string): boolean {
  for (const imp of ctx.nodes("import_statement")) {
    const source = imp.childForFieldName("source")?.text.slice(1, -1);
    if (source !== "@nestjs/common") continue;
    for (const spec of imp.descendantsOfType("import_specifier")) {
      const local = spec?.childForFieldName("alias") ?? spec?.childForFieldName("name");
      if (local?.text === name && spec?.childForFieldName("name")?.text === name) return true;
    }
  }
  return false;
}

/** A class declared or imported under this name shadows the global built-in. */
function shadowsBuiltin(ctx: FileContext, name: string): boolean {
  for (const c of ctx.nodes("class_declaration")) if (c.childForFieldName("name")?.text === name) return true;
  for (const spec of ctx.nodes("import_specifier")) {
    if ((spec.childForFieldName("alias") ?? spec.childForFieldName("name"))?.text === name) return true;
  }
  return false;
}

function fixFor(ctx: FileContext, created: Node, ctorName: string, args: Node[], handler: Node, bound: Node | null): Fix[] {
  const argList = created.childForFieldName("arguments");
  if (!argList) return []; // `new Error` without parentheses: leave it to the author
  let optionsIndex: number | undefined;
  let deferred: Fix["deferred"];
  if (ctorName in BUILTIN_OPTIONS_INDEX && !shadowsBuiltin(ctx, ctorName)) optionsIndex = BUILTIN_OPTIONS_INDEX[ctorName];
  else if (NEST_EXCEPTIONS.has(ctorName) && importedFromNest(ctx, ctorName)) {
    optionsIndex = 1;
    // `new NotFoundException("x", "description")`: the options would replace the description.
    if (args.length > 1) return [];
  } else if (ctorName === "HttpException" && importedFromNest(ctx, ctorName)) optionsIndex = 2;
  else if (/^[A-Z][\w$]*$/.test(ctorName)) {
    optionsIndex = args.length; // append; the resolver checks that the constructor takes options there
    const pos = ctx.range(created).start;
    deferred = { resolver: TS_CAUSE_RESOLVER, payload: { className: ctorName, line: pos.line, character: pos.character, argCount: args.length } };
  }
  if (optionsIndex === undefined || args.length > optionsIndex) return [];
  const edits: TextEdit[] = [];
  let name = bound?.text;
  if (!name) {
    name = freshName(enclosingFunction(handler, "ts") ?? ctx.file.tree.rootNode);
    const kw = handler.children.find((c) => c?.type === "catch");
    if (!kw) return [];
    // A non-empty range: two throws in one catch must not both bind the parameter in one pass.
    edits.push({ range: ctx.range(kw), newText: `catch (${name})` });
  }
  const fill = Array.from({ length: optionsIndex - args.length }, () => "undefined");
  const added = [...fill, `{ cause: ${name} }`].join(", ");
  const last = args[args.length - 1];
  if (last) {
    // After the last argument (a trailing comma, if any, stays after the new one).
    edits.push({ range: { start: ctx.range(last).end, end: ctx.range(last).end }, newText: `, ${added}` });
  } else {
    // Comments inside an empty argument list are in the way of a clean edit.
    if (argList.namedChildren.some((c) => c && isComment(c))) return [];
    const close = argList.children[argList.children.length - 1];
    if (!close || close.type !== ")") return [];
    edits.push({ range: { start: ctx.range(close).start, end: ctx.range(close).start }, newText: added });
  }
  return [{ title: FIX_TITLE, applicability: "safe", edits, ...(deferred ? { deferred } : {}) }];
}
