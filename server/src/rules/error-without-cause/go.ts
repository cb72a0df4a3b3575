// Go: in an `if err != nil` block, returning `fmt.Errorf` that formats `err` with %v/%s (fix: %w), or
// returning `errors.New(...)`/`fmt.Errorf(...)` that drops `err` (fix: `fmt.Errorf("<msg>: %w", err)`).
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { callArguments, calleeText, FUNCTION_TYPES } from "../../languages/common";
import { rangesOverlap } from "../../engine/fixes";
import { addGoImport, goPackageName, goPackageUses, removeGoImport } from "../_shared/go-imports";
import { FIX_TITLE, MESSAGE } from "./messages";

const ERR_NAME = /^(e|err|error|.*Err|err[A-Z0-9_]\w*|.*Error)$/;

/** The error variable an `if` tests with `X != nil` (alone or in an `&&` chain). */
export function checkedErr(ifStmt: Node): string | undefined {
  const cond = ifStmt.childForFieldName("condition");
  const visit = (n: Node | null): string | undefined => {
    if (!n) return undefined;
    if (n.type === "parenthesized_expression") return visit(n.namedChildren[0] ?? null);
    if (n.type !== "binary_expression") return undefined;
    const op = n.childForFieldName("operator")?.text;
    if (op === "&&") return visit(n.childForFieldName("left")) ?? visit(n.childForFieldName("right"));
    if (op !== "!=") return undefined;
    const l = n.childForFieldName("left");
    const r = n.childForFieldName("right");
    if (r?.type === "nil" && l?.type === "identifier" && ERR_NAME.test(l.text)) return l.text;
    return undefined;
  };
  return visit(cond);
}

interface Verb {
  /** Offset of the verb letter inside the literal's source text. */
  at: number;
  verb: string;
}

/** Verbs of a format string (source text of the literal), one per consumed argument; undefined when indexed (`%[1]v`). */
function verbs(literal: string): Verb[] | undefined {
  const out: Verb[] = [];
  const re = /%([+\-# 0]*)(\[\d+\])?(\d+|\*)?(?:\.(\d+|\*)?)?(\[\d+\])?([a-zA-Z%])/g;
  for (let m = re.exec(literal); m; m = re.exec(literal)) {
    if (m[2] || m[5]) return undefined;
    if (m[6] === "%") continue;
    if (m[3] === "*") out.push({ at: -1, verb: "*" });
    if (m[4] === "*") out.push({ at: -1, verb: "*" });
    out.push({ at: m.index + m[0].length - 1, verb: m[6]! });
  }
  return out;
}

export function go(ctx: FileContext): void {
  for (const ifStmt of ctx.nodes("if_statement")) {
    const err = checkedErr(ifStmt);
    const block = ifStmt.childForFieldName("consequence");
    if (!err || !block) continue;
    for (const ret of block.descendantsOfType("return_statement")) {
      if (!ret || !directlyIn(ret, block, err)) continue;
      const list = ret.namedChildren.find((c) => c?.type === "expression_list");
      for (const expr of list?.namedChildren ?? []) {
        if (expr?.type !== "call_expression") continue;
        const callee = calleeText(expr, "go");
        if (callee === "fmt.Errorf") checkErrorf(ctx, ret, expr, err);
        else if (callee === "errors.New") checkErrorsNew(ctx, ret, expr, err);
      }
    }
  }
}

/** The return belongs to this `if err != nil` block: not in a nested function, nor in a nested branch that tests which error it is. */
function directlyIn(ret: Node, block: Node, err: string): boolean {
  for (let n = ret.parent; n && n.id !== block.id; n = n.parent) {
    if (FUNCTION_TYPES.go.includes(n.type)) return false;
    if (n.type === "if_statement" || n.type === "expression_switch_statement" || n.type === "type_switch_statement" || n.type === "expression_case") {
      const cond = (n.childForFieldName("condition") ?? n.childForFieldName("value") ?? n).text;
      if (/errors\.(Is|As)\(|==|!=/.test(cond) && cond.includes(err) && n.type !== "expression_case") return false;
      if (n.type === "expression_switch_statement" || n.type === "type_switch_statement") return false;
    }
  }
  return true;
}

function checkErrorf(ctx: FileContext, ret: Node, call: Node, err: string): void {
  const args = callArguments(call, "go");
  const fmtArg = args[0];
  if (!fmtArg || (fmtArg.type !== "interpreted_string_literal" && fmtArg.type !== "raw_string_literal")) return;
  const vs = verbs(fmtArg.text);
  if (!vs) return;
  if (vs.some((v) => v.verb === "w")) return; // wraps something already
  const rest = args.slice(1);
  const refs = rest.map((a, i) => ({ a, i })).filter(({ a }) => a.text === err || a.text === `${err}.Error()` || mentionsIdent(a, err));
  if (refs.length === 0) {
    ctx.report({ node: ret, message: MESSAGE.go.dropped, fixes: droppedFix(ctx, call, fmtArg, rest, err, false) });
    return;
  }
  const direct = refs.find(({ a }) => a.text === err || a.text === `${err}.Error()`);
  if (!direct) return; // err is transformed (a helper, a field): not ours to judge
  const verb = vs[direct.i];
  if (!verb || (verb.verb !== "v" && verb.verb !== "s")) return;
  const edits: TextEdit[] = [];
  const start = ctx.range(fmtArg).start;
  // The literal is on one line unless it is a raw string spanning lines: compute the position by text.
  const before = fmtArg.text.slice(0, verb.at);
  const nl = before.lastIndexOf("\n");
  const pos = nl < 0 ? { line: start.line, character: start.character + verb.at } : { line: start.line + (before.match(/\n/g)?.length ?? 0), character: verb.at - nl - 1 };
  // Only a bare verb (`%v`, `%s`) becomes `%w`: flags or widths change the text.
  if (fmtArg.text[verb.at - 1] !== "%") {
    ctx.report({ node: ret, message: MESSAGE.go.verb, fixes: [] });
    return;
  }
  edits.push({ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, newText: "w" });
  if (direct.a.text !== err) edits.push({ range: ctx.range(direct.a), newText: err });
  ctx.report({ node: ret, message: MESSAGE.go.verb, fixes: [{ title: FIX_TITLE, applicability: "safe", edits }] });
}

function mentionsIdent(node: Node, name: string): boolean {
  if (node.type === "identifier" && node.text === name) return true;
  return node.descendantsOfType("identifier").some((c) => c?.text === name);
}

function checkErrorsNew(ctx: FileContext, ret: Node, call: Node, err: string): void {
  const args = callArguments(call, "go");
  if (args.some((a) => mentionsIdent(a, err))) {
    // `errors.New(err.Error())` keeps the text and drops the chain.
    if (args.length === 1 && args[0]!.text.replace(/\s+/g, "") === `${err}.Error()`) ctx.report({ node: ret, message: MESSAGE.go.dropped, fixes: [] });
    return;
  }
  const msg = args[0];
  ctx.report({ node: ret, message: MESSAGE.go.dropped, fixes: msg && args.length === 1 ? droppedFix(ctx, call, msg, [], err, true) : [] });
}

/**
 * `fmt.Errorf("<msg>: %w", …, err)`. Unsafe: the returned message gains the cause's text.
 * For `errors.New(msg)`, the callee becomes `fmt.Errorf` (importing fmt, dropping an unused errors import).
 */
function droppedFix(ctx: FileContext, call: Node, msg: Node, rest: Node[], err: string, fromErrorsNew: boolean): Fix[] {
  const edits: TextEdit[] = [];
  const isLiteral = msg.type === "interpreted_string_literal" || msg.type === "raw_string_literal";
  if (fromErrorsNew) {
    const fmtName = goPackageName(ctx, "fmt");
    const fn = call.childForFieldName("function");
    if (!fn) return [];
    edits.push({ range: ctx.range(fn), newText: `${fmtName ?? "fmt"}.Errorf` });
    if (isLiteral) {
      const inner = msg.text.slice(1, -1).replace(/%/g, "%%");
      const q = msg.text[0]!;
      edits.push({ range: ctx.range(msg), newText: `${q}${inner}: %w${q}, ${err}` });
    } else {
      edits.push({ range: ctx.range(msg), newText: `"%s: %w", ${msg.text}, ${err}` });
    }
    const importEdits: TextEdit[] = [];
    if (!fmtName) {
      const add = addGoImport(ctx, "fmt");
      if (!add) return [];
      importEdits.push(...add);
    }
    if (goPackageUses(ctx, "errors", call) === 0) {
      const remove = removeGoImport(ctx, "errors");
      if (!remove) return [];
      if (remove.some((r) => importEdits.some((a) => rangesOverlap(a.range, r.range)))) {
        // A lone `import "errors"` that also receives fmt: rename the import instead.
        const spec = ctx.nodes("import_spec").find((s) => s.childForFieldName("path")?.text === '"errors"');
        const path = spec?.childForFieldName("path");
        if (!path) return [];
        importEdits.length = 0;
        importEdits.push({ range: ctx.range(path), newText: '"fmt"' });
      } else importEdits.push(...remove);
    }
    edits.push(...importEdits);
  } else {
    if (!isLiteral || msg.text.includes("\n")) return [];
    const close = ctx.range(msg).end;
    edits.push({ range: { start: { line: close.line, character: close.character - 1 }, end: { line: close.line, character: close.character - 1 } }, newText: ": %w" });
    const last = rest[rest.length - 1] ?? msg;
    edits.push({ range: { start: ctx.range(last).end, end: ctx.range(last).end }, newText: `, ${err}` });
  }
  return [{ title: FIX_TITLE, applicability: "unsafe", edits }];
}
