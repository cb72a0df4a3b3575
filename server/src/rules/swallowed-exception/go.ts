// Go: empty `if err != nil {}`, `if err != nil { continue }`, `_ = f()` where f returns only an error,
// and `v, _ := f()` / `v, _ = f()` whose discarded last result is an error. Which calls return an error
// is known for well-known calls (standard library and common packages) and, through facts and the
// project phase, for functions and methods declared in the same package (any file of it).
import type { FileContext, ProjectContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText } from "../../languages/common";
import { hasExplanatoryComment } from "../_shared/errors";
import { goImports } from "../_shared/go-imports";
import { checkedErr } from "../error-without-cause/go";
import { MESSAGE } from "./messages";

/** Calls returning only an error. */
const ONLY_ERROR = new Set([
  "os.Remove",
  "os.RemoveAll",
  "os.Setenv",
  "os.Unsetenv",
  "os.Mkdir",
  "os.MkdirAll",
  "os.WriteFile",
  "os.Chmod",
  "os.Chown",
  "os.Chdir",
  "os.Rename",
  "os.Symlink",
  "os.Link",
  "os.Truncate",
  "ioutil.WriteFile",
  "json.Unmarshal",
  "xml.Unmarshal",
  "yaml.Unmarshal",
  "toml.Unmarshal",
  "proto.Unmarshal",
  "bcrypt.CompareHashAndPassword",
]);
const ONLY_ERROR_CHAIN = /^(json|xml|yaml)\.NewDecoder\(.*\)\.Decode$/s;

/** Calls whose last result is an error. */
const TRAILING_ERROR = new Set([
  "strconv.Atoi",
  "strconv.ParseInt",
  "strconv.ParseUint",
  "strconv.ParseFloat",
  "strconv.ParseBool",
  "strconv.Unquote",
  "json.Marshal",
  "json.MarshalIndent",
  "xml.Marshal",
  "xml.MarshalIndent",
  "yaml.Marshal",
  "time.Parse",
  "time.ParseDuration",
  "time.ParseInLocation",
  "time.LoadLocation",
  "url.Parse",
  "url.ParseRequestURI",
  "url.ParseQuery",
  "url.QueryUnescape",
  "url.PathUnescape",
  "uuid.Parse",
  "uuid.NewRandom",
  "uuid.NewV7",
  "os.Open",
  "os.OpenFile",
  "os.Create",
  "os.ReadFile",
  "os.ReadDir",
  "os.Getwd",
  "os.Hostname",
  "os.Executable",
  "os.UserHomeDir",
  "os.Stat",
  "os.Lstat",
  "io.ReadAll",
  "ioutil.ReadAll",
  "ioutil.ReadFile",
  "ioutil.ReadDir",
  "http.NewRequest",
  "http.NewRequestWithContext",
  "http.Get",
  "http.Post",
  "filepath.Abs",
  "filepath.Rel",
  "filepath.Glob",
  "hex.DecodeString",
  "regexp.Compile",
  "bcrypt.GenerateFromPassword",
  "net.SplitHostPort",
  "x509.ParseCertificate",
  "jwt.Parse",
  "jwt.ParseWithClaims",
]);
const TRAILING_ERROR_METHOD = /\.(SignedString|DecodeString)$/;

const CLEANUP = new Set(["Close", "Rollback", "Shutdown", "Stop", "Flush", "Sync"]);

type Shape = "only" | "trailing";

function resultShape(decl: Node): Shape | undefined {
  const result = decl.childForFieldName("result");
  if (!result) return undefined;
  if (result.type === "type_identifier") return result.text === "error" ? "only" : undefined;
  if (result.type !== "parameter_list") return undefined;
  const params = result.namedChildren.filter((c): c is Node => c?.type === "parameter_declaration");
  const last = params[params.length - 1];
  if (!last || last.childForFieldName("type")?.text !== "error") return undefined;
  const count = params.reduce((n, p) => n + Math.max(1, p.namedChildren.filter((c) => c?.type === "identifier").length), 0);
  return count === 1 ? "only" : "trailing";
}

function isEmptyBlock(block: Node): boolean {
  const stmts = block.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
  if (stmts.some((s) => s.type !== "statement_list" || s.namedChildren.some((x) => x && x.type !== "comment"))) return false;
  return !hasExplanatoryComment(block);
}

function onlyContinue(block: Node): boolean {
  const list = block.namedChildren.find((c) => c?.type === "statement_list");
  const stmts = (list ?? block).namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
  if (stmts.length !== 1 || stmts[0]!.type !== "continue_statement" || stmts[0]!.namedChildren.length) return false;
  return !hasExplanatoryComment(block);
}

export function go(ctx: FileContext): void {
  for (const ifStmt of ctx.nodes("if_statement")) {
    if (!checkedErr(ifStmt) || ifStmt.childForFieldName("alternative")) continue;
    const block = ifStmt.childForFieldName("consequence");
    if (!block) continue;
    if (isEmptyBlock(block)) ctx.report({ node: ifStmt, message: MESSAGE.go });
    else if (onlyContinue(block)) ctx.report({ node: ifStmt, message: MESSAGE.goContinue });
  }
  // Declarations with an error result, for the project phase.
  for (const decl of ctx.nodes("function_declaration", "method_declaration", "method_elem", "method_spec")) {
    const shape = resultShape(decl);
    const name = decl.childForFieldName("name")?.text;
    if (shape && name) ctx.fact(FACT_DECL, decl, { name, shape, method: decl.type !== "function_declaration" });
  }
  const imported = new Map(goImports(ctx).map((i) => [i.name ?? i.path.split("/").pop()!, i.path]));
  for (const stmt of ctx.nodes("assignment_statement", "short_var_declaration")) {
    // A discard ends the left side with `_` right before `=` / `:=`: one text read before the sides.
    if (!DISCARD_TEXT.test(stmt.text)) continue;
    if (stmt.type === "assignment_statement" && stmt.childForFieldName("operator")?.text !== "=") continue;
    const left = stmt.childForFieldName("left")?.namedChildren.filter((c): c is Node => !!c) ?? [];
    const right = stmt.childForFieldName("right")?.namedChildren.filter((c): c is Node => !!c) ?? [];
    if (right.length !== 1 || right[0]!.type !== "call_expression" || left[left.length - 1]?.text !== "_") continue;
    if (explainedDiscard(ctx, stmt)) continue;
    const call = right[0]!;
    const shape: Shape = left.length === 1 ? "only" : "trailing";
    const callee = calleeText(call, "go");
    const head = callee.split(".")[0]!;
    const known = shape === "only" ? ONLY_ERROR.has(callee) || ONLY_ERROR_CHAIN.test(callee) : TRAILING_ERROR.has(callee) || TRAILING_ERROR_METHOD.test(callee) || (callee === "rand.Read" && imported.get("rand") === "crypto/rand");
    if (known && (!callee.includes(".") || imported.has(head) || TRAILING_ERROR_METHOD.test(callee) || ONLY_ERROR_CHAIN.test(callee))) {
      ctx.report({ node: stmt, message: MESSAGE.goDiscard(shortCallee(callee)) });
      continue;
    }
    // Same-package function (`f()`) or method (`h.f()` on a non-package receiver): decided in the project phase.
    const fn = call.childForFieldName("function");
    if (fn?.type === "identifier") ctx.fact(FACT_DISCARD, stmt, { name: fn.text, shape, method: false, callee });
    else if (fn?.type === "selector_expression" && imported.has(head)) {
      // A package of this module: `_ = store.Flush()` with `import ".../internal/store"`.
      const path = imported.get(head)!;
      const mod = ctx.project.goModule;
      const field = fn.childForFieldName("field")?.text;
      if (mod && path.startsWith(mod + "/") && field && fn.childForFieldName("operand")?.text === head) {
        ctx.fact(FACT_DISCARD, stmt, { name: field, shape, method: false, callee, pkg: path.slice(mod.length + 1) });
      }
    } else if (fn?.type === "selector_expression") {
      const field = fn.childForFieldName("field")?.text;
      // Discarding the error of a cleanup call is the convention (`_ = rows.Close()`, `_ = tx.Rollback()`).
      if (field && !CLEANUP.has(field)) ctx.fact(FACT_DISCARD, stmt, { name: field, shape, method: true, callee });
    }
  }
}

const DISCARD_TEXT = /(?<![\w$])_(?:\s|\/\*[\s\S]*?\*\/)*:?=/;

/** `_ = os.Remove(tmp) // best effort: the file is recreated on start` (same line or the line above). */
function explainedDiscard(ctx: FileContext, stmt: Node): boolean {
  const lines = ctx.file.text.split("\n");
  const row = stmt.endPosition.row;
  const after = lines[row]?.slice(stmt.endPosition.column) ?? "";
  const trailing = /\/\/(.*)$/.exec(after)?.[1];
  const above = stmt.startPosition.row > 0 ? /^\s*\/\/(.*)$/.exec(lines[stmt.startPosition.row - 1] ?? "")?.[1] : undefined;
  return [trailing, above].some((c) => c !== undefined && /[A-Za-z]{2,}/.test(c) && !/^\s*(TODO|FIXME|XXX|nolint)/i.test(c));
}

function shortCallee(callee: string): string {
  return callee.length > 40 ? callee.slice(0, 37) + "…" : callee;
}

export const FACT_DECL = "swallowed-exception/go-error-func";
export const FACT_DISCARD = "swallowed-exception/go-discard";

const dirOf = (file: string) => file.slice(0, file.lastIndexOf("/"));

export function goProject(ctx: ProjectContext): void {
  const decls = new Map<string, Set<string>>();
  const add = (key: string, shape: string) => {
    let set = decls.get(key);
    if (!set) decls.set(key, (set = new Set()));
    set.add(shape);
  };
  for (const f of ctx.facts(FACT_DECL)) {
    const shape = String(f.data["shape"]);
    add(`${dirOf(f.file)}|${String(f.data["method"])}|${String(f.data["name"])}`, shape);
    // Methods (concrete or in interfaces) project-wide: the receiver's type is often declared in another package.
    if (f.data["method"] === true) add(`*|true|${String(f.data["name"])}`, shape);
  }
  const root = ctx.project.root.replace(/\/$/, "");
  for (const f of ctx.facts(FACT_DISCARD)) {
    const pkg = f.data["pkg"];
    const dir = typeof pkg === "string" ? `${root}/${pkg}` : dirOf(f.file);
    const shapes = decls.get(`${dir}|${String(f.data["method"])}|${String(f.data["name"])}`) ?? (f.data["method"] === true ? decls.get(`*|true|${String(f.data["name"])}`) : undefined);
    // Exactly one declaration shape under that name: a method name declared on two types with
    // different results is ambiguous without types.
    if (!shapes || shapes.size !== 1 || !shapes.has(String(f.data["shape"]))) continue;
    ctx.report({ file: f.file, range: f.range, message: MESSAGE.goDiscard(shortCallee(String(f.data["callee"]))) });
  }
}
