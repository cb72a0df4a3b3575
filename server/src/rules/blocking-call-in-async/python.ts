// Python `async def`: time.sleep, requests, sync httpx, urlopen, open, subprocess, os.system, psycopg2.connect.
// Fix: `time.sleep(x)` → `await asyncio.sleep(x)` (+ `import asyncio`).
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { calleeText } from "../../languages/common";
import { pyImports, pyQualified } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

const BLOCKING: RegExp[] = [
  /^time\.sleep$/,
  /^requests\.(get|post|put|patch|delete|head|options|request)$/,
  /^httpx\.(get|post|put|patch|delete|head|options|request|stream|Client)$/,
  /^urllib\.request\.urlopen$/,
  /^urllib2\.urlopen$/,
  /^subprocess\.(run|call|check_call|check_output|getoutput|getstatusoutput)$/,
  /^os\.(system|popen|wait|waitpid)$/,
  /^psycopg2\.connect$/,
];

/** First segments of the callees above when not imported under another name (and `open`). */
const BLOCKING_HEADS = new Set(["time", "requests", "httpx", "urllib", "urllib2", "subprocess", "os", "psycopg2", "open"]);

function enclosingAsyncDef(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "lambda") return null;
    if (p.type === "function_definition") return p.children.some((c) => c?.type === "async") ? p : null;
  }
  return null;
}

function importAsyncioEdit(ctx: FileContext): TextEdit | null {
  const root = ctx.file.tree.rootNode;
  for (const st of root.namedChildren) {
    if (st?.type === "import_statement" && /^import\s+asyncio\s*$/m.test(st.text)) return null;
  }
  if (pyImports(ctx).get("asyncio") === "asyncio") return null;
  // Before the first top-level import that is not `from __future__`; else after a module docstring.
  // The edit replaces the anchor's first character (not a bare insertion), so two fixes of one file
  // overlap and the second waits for the next pass instead of importing asyncio twice.
  let anchor: Node | null = null;
  for (const st of root.namedChildren) {
    if (!st) continue;
    if (st.type === "import_statement" || (st.type === "import_from_statement" && !/^from\s+__future__/.test(st.text))) {
      anchor = st;
      break;
    }
    if ((st.type === "expression_statement" && st.namedChildren[0]?.type === "string") || st.type === "import_from_statement" || st.type === "comment") continue;
    anchor = st;
    break;
  }
  if (!anchor) {
    const end = root.endPosition;
    return { range: { start: { line: end.row, character: end.column }, end: { line: end.row, character: end.column } }, newText: (end.column > 0 ? "\n" : "") + "import asyncio\n" };
  }
  const start = { line: anchor.startPosition.row, character: anchor.startPosition.column };
  return { range: { start, end: { line: start.line, character: start.character + 1 } }, newText: "import asyncio\n" + anchor.text[0] };
}

export function python(ctx: FileContext): void {
  const imports = pyImports(ctx);
  const shadowedOpen = ctx.nodes("function_definition").some((f) => f.childForFieldName("name")?.text === "open" && f.parent?.type === "module");
  const text = ctx.file.text;
  for (const call of ctx.nodes("call")) {
    // A blocking callee starts with a blocking module, `open` or an imported name (the callee starts
    // where the call does): other calls are skipped without reading the tree.
    const head = headAt(text, call.startIndex);
    if (head !== undefined && !BLOCKING_HEADS.has(head) && !imports.has(head)) continue;
    const callee = calleeText(call, "python");
    const q = pyQualified(callee, imports);
    let name: string | undefined;
    if (BLOCKING.some((re) => re.test(q))) name = q;
    else if (callee === "open" && !shadowedOpen && !imports.has("open")) name = "open";
    else if (/\.(wait|communicate)$/.test(callee) && /^subprocess\.Popen\(/.test(pyQualified(call.childForFieldName("function")?.childForFieldName("object")?.text ?? "", imports))) name = "subprocess.Popen(...).wait";
    if (!name) continue;
    const fn = enclosingAsyncDef(call);
    if (!fn) continue;
    const fixes: Fix[] = [];
    if (q === "time.sleep") {
      const args = call.childForFieldName("arguments");
      const edits: TextEdit[] = [{ range: ctx.range(call), newText: `await asyncio.sleep${args?.text ?? "()"}` }];
      const imp = importAsyncioEdit(ctx);
      if (imp) edits.push(imp);
      fixes.push({ title: "Replace with `await asyncio.sleep(...)`", applicability: "unsafe", edits });
    }
    ctx.report({ node: call, message: MESSAGE(name, `\`async def ${fn.childForFieldName("name")?.text ?? ""}\``), fixes });
  }
}
