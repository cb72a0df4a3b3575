// TS/JS async functions and route handlers: fs/child_process/zlib *Sync, crypto pbkdf2Sync/scryptSync,
// bcrypt hashSync/compareSync. Fix in async functions: `fs.readFileSync(p)` → `await fs.promises.readFile(p)`
// (and the other fs calls with a promise twin, following how `fs` was imported); bcrypt → its promise API.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { callArguments } from "../../languages/common";
import { isHandler } from "../_shared/app-handlers";
import { tsImports, type TsBinding } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

const FS_TWINS = new Set(["readFile", "writeFile", "appendFile", "readdir", "stat", "lstat", "mkdir", "mkdtemp", "rm", "rmdir", "unlink", "rename", "copyFile", "access", "realpath", "readlink", "symlink", "link", "chmod", "chown", "utimes", "truncate", "open", "cp", "opendir", "lchown", "lutimes", "fstat"]);
const ITERATION = new Set(["map", "forEach", "flatMap", "filter", "reduce", "some", "every", "find", "findIndex", "sort"]);
const FS_MODULES = /^(fs|fs-extra|graceful-fs)$/;

interface Blocking {
  module: "fs" | "child_process" | "zlib" | "crypto" | "bcrypt";
  name: string;
  /** How the callee names the module: a namespace/default binding, or a named import. */
  via: { kind: "member"; object: string } | { kind: "named"; binding: TsBinding };
}

function moduleKind(mod: string): Blocking["module"] | undefined {
  if (FS_MODULES.test(mod)) return "fs";
  if (mod === "child_process") return "child_process";
  if (mod === "zlib") return "zlib";
  if (mod === "crypto") return "crypto";
  if (mod === "bcrypt" || mod === "bcryptjs") return "bcrypt";
  return undefined;
}

function isBlockingName(module: Blocking["module"], name: string): boolean {
  switch (module) {
    case "fs":
    case "child_process":
    case "zlib":
      return /Sync$/.test(name);
    case "crypto":
      return /^(pbkdf2Sync|scryptSync|generateKeyPairSync|randomFillSync)$/.test(name);
    case "bcrypt":
      return /^(hashSync|compareSync|genSaltSync)$/.test(name);
  }
}

function classify(call: Node, imports: Map<string, TsBinding>): Blocking | undefined {
  const fn = call.childForFieldName("function");
  if (fn?.type === "member_expression") {
    const obj = fn.childForFieldName("object");
    const name = fn.childForFieldName("property")?.text ?? "";
    if (obj?.type !== "identifier") return undefined;
    const b = imports.get(obj.text);
    const module = b ? (b.imported === "default" || b.imported === "*" ? moduleKind(b.module) : undefined) : moduleKind(obj.text);
    if (!module || !isBlockingName(module, name)) return undefined;
    return { module, name, via: { kind: "member", object: obj.text } };
  }
  if (fn?.type === "identifier") {
    const b = imports.get(fn.text);
    if (!b || b.imported === "default" || b.imported === "*") return undefined;
    const module = moduleKind(b.module);
    if (!module || !isBlockingName(module, b.imported)) return undefined;
    return { module, name: b.imported, via: { kind: "named", binding: b } };
  }
  return undefined;
}

/** The async context of a call: the function it runs in, and whether `await` may be written there. */
function asyncContext(call: Node, ctx: FileContext): { fn: Node; awaitable: boolean; label: string } | undefined {
  let direct = true;
  for (let n = call.parent; n; n = n.parent) {
    if (!["arrow_function", "function_expression", "function", "function_declaration", "method_definition", "generator_function_declaration", "generator_function"].includes(n.type)) continue;
    const isAsync = n.children.some((c) => c?.type === "async");
    if (isAsync) return { fn: n, awaitable: direct, label: "an async function" };
    if (isHandler(n, ctx)) return { fn: n, awaitable: false, label: "a route handler" };
    // A synchronous callback of an array method runs inline: keep looking outward.
    const args = n.parent;
    const owner = args?.type === "arguments" ? args.parent?.childForFieldName("function") : null;
    if (owner?.type === "member_expression" && ITERATION.has(owner.childForFieldName("property")?.text ?? "")) {
      direct = false;
      continue;
    }
    return undefined;
  }
  return undefined;
}

function needsParens(call: Node): boolean {
  const p = call.parent;
  if (!p) return false;
  if (p.type === "member_expression" || p.type === "subscript_expression") return p.childForFieldName("object")?.id === call.id;
  if (p.type === "call_expression") return p.childForFieldName("function")?.id === call.id;
  return p.type === "binary_expression" || p.type === "unary_expression" || p.type === "as_expression" || p.type === "non_null_expression";
}

function buildFix(ctx: FileContext, call: Node, b: Blocking, imports: Map<string, TsBinding>): Fix | undefined {
  const args = call.childForFieldName("arguments")?.text ?? "()";
  const wrap = (expr: string) => (needsParens(call) ? `(await ${expr}${args})` : `await ${expr}${args}`);
  if (b.module === "bcrypt") {
    if (b.via.kind !== "member" || callArguments(call, "ts").some((a) => a.type === "arrow_function" || a.type === "function_expression")) return undefined;
    const twin = b.name.replace(/Sync$/, "");
    return { title: `Replace with \`await ${b.via.object}.${twin}(...)\``, applicability: "unsafe", edits: [{ range: ctx.range(call), newText: wrap(`${b.via.object}.${twin}`) }] };
  }
  if (b.module !== "fs") return undefined;
  const twin = b.name.replace(/Sync$/, "");
  if (!FS_TWINS.has(twin)) return undefined;
  if (b.via.kind === "member") {
    const bound = imports.get(b.via.object);
    if (bound && !/^(fs|graceful-fs)$/.test(bound.module)) return undefined; // fs-extra: promise API differs
    return { title: `Replace with \`await ${b.via.object}.promises.${twin}(...)\``, applicability: "unsafe", edits: [{ range: ctx.range(call), newText: wrap(`${b.via.object}.promises.${twin}`) }] };
  }
  // A named import: use an fs namespace already in scope, the fs/promises twin already imported, or import it.
  for (const [local, bind] of imports) {
    if (bind.module === "fs/promises" && bind.imported === twin) {
      return { title: `Replace with \`await ${local}(...)\``, applicability: "unsafe", edits: [{ range: ctx.range(call), newText: wrap(local) }] };
    }
  }
  for (const [local, bind] of imports) {
    if (bind.module === "fs/promises" && (bind.imported === "default" || bind.imported === "*")) {
      return { title: `Replace with \`await ${local}.${twin}(...)\``, applicability: "unsafe", edits: [{ range: ctx.range(call), newText: wrap(`${local}.${twin}`) }] };
    }
    if (bind.module === "fs" && (bind.imported === "default" || bind.imported === "*")) {
      return { title: `Replace with \`await ${local}.promises.${twin}(...)\``, applicability: "unsafe", edits: [{ range: ctx.range(call), newText: wrap(`${local}.promises.${twin}`) }] };
    }
  }
  const decl = b.via.binding.decl;
  if (decl.type !== "import_statement" || imports.has(twin) || new RegExp(`\\b${twin}\\b`).test(ctx.file.text.replace(/\b\w+Sync\b/g, ""))) return undefined;
  const src = decl.childForFieldName("source")?.text ?? '"fs"';
  const quote = src[0] ?? '"';
  const spec = src.slice(1, -1).startsWith("node:") ? "node:fs/promises" : "fs/promises";
  // Replace the statement's last character (not a bare insertion): two fixes importing from one
  // statement overlap, so the second waits for the next pass and sees the first import.
  const end = { line: decl.endPosition.row, character: decl.endPosition.column };
  const last = decl.text[decl.text.length - 1]!;
  const importEdit: TextEdit = { range: { start: { line: end.line, character: end.character - 1 }, end }, newText: `${last}\nimport { ${twin} } from ${quote}${spec}${quote};` };
  return { title: `Replace with \`await ${twin}(...)\` from fs/promises`, applicability: "unsafe", edits: [{ range: ctx.range(call), newText: wrap(twin) }, importEdit] };
}

/** Module names a blocking callee may start with when it is not an imported binding. */
const BLOCKING_HEADS = new Set(["fs", "child_process", "zlib", "crypto", "bcrypt", "bcryptjs"]);

export function ts(ctx: FileContext): void {
  // Every blocking name ends in Sync (a renamed import still names it in its import statement).
  const text = ctx.file.text;
  if (!text.includes("Sync")) return;
  const imports = tsImports(ctx);
  for (const call of ctx.nodes("call_expression")) {
    // The callee starts with the module's binding (or a named import): read from the text first.
    const head = headAt(text, call.startIndex);
    if (head !== undefined && !BLOCKING_HEADS.has(head) && !imports.has(head)) continue;
    const b = classify(call, imports);
    if (!b) continue;
    const where = asyncContext(call, ctx);
    if (!where) continue;
    const shown = b.via.kind === "member" ? `${b.via.object}.${b.name}` : b.name;
    const fix = where.awaitable ? buildFix(ctx, call, b, imports) : undefined;
    ctx.report({ node: call, message: MESSAGE(shown, where.label), fixes: fix ? [fix] : [] });
  }
}
