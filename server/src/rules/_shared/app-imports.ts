// Import bindings per file: which local name stands for which module (and which export of it).
// Used to tell `fs.readFileSync` from any `readFileSync`, `sqlx::query` from any `query`, …
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";

export interface TsBinding {
  /** Module specifier without the `node:` prefix. */
  module: string;
  /** "default", "*" (namespace/require of the whole module) or the exported name. */
  imported: string;
  /** The import statement / declaration that binds it. */
  decl: Node;
}

const cache = new WeakMap<object, Map<string, TsBinding>>();

function moduleName(s: string): string {
  return s.replace(/^node:/, "");
}

/** Local name → binding, for `import` statements and top-level `require` declarations. */
export function tsImports(ctx: FileContext): Map<string, TsBinding> {
  const hit = cache.get(ctx.file);
  if (hit) return hit;
  const map = new Map<string, TsBinding>();
  for (const st of ctx.nodes("import_statement")) {
    const src = st.childForFieldName("source");
    const mod = moduleName(src?.text.slice(1, -1) ?? "");
    const clause = st.namedChildren.find((c) => c?.type === "import_clause");
    if (!clause) continue;
    for (const c of clause.namedChildren) {
      if (!c) continue;
      if (c.type === "identifier") map.set(c.text, { module: mod, imported: "default", decl: st });
      else if (c.type === "namespace_import") {
        const id = c.namedChildren.find((x) => x?.type === "identifier");
        if (id) map.set(id.text, { module: mod, imported: "*", decl: st });
      } else if (c.type === "named_imports") {
        for (const spec of c.namedChildren) {
          if (spec?.type !== "import_specifier") continue;
          const name = spec.childForFieldName("name")?.text ?? "";
          const alias = spec.childForFieldName("alias")?.text ?? name;
          map.set(alias, { module: mod, imported: name, decl: st });
        }
      }
    }
  }
  for (const d of ctx.nodes("variable_declarator")) {
    const value = d.childForFieldName("value");
    const callee = value?.type === "call_expression" ? value.childForFieldName("function") : null;
    if (callee?.text !== "require") continue;
    const arg = value!.childForFieldName("arguments")?.namedChildren[0];
    if (arg?.type !== "string") continue;
    const mod = moduleName(arg.text.slice(1, -1));
    const name = d.childForFieldName("name");
    const decl = d.parent ?? d;
    if (name?.type === "identifier") map.set(name.text, { module: mod, imported: "*", decl });
    else if (name?.type === "object_pattern") {
      for (const p of name.namedChildren) {
        if (p?.type === "shorthand_property_identifier_pattern") map.set(p.text, { module: mod, imported: p.text, decl });
        else if (p?.type === "pair_pattern") {
          const key = p.childForFieldName("key")?.text ?? "";
          const val = p.childForFieldName("value");
          if (val?.type === "identifier") map.set(val.text, { module: mod, imported: key, decl });
        }
      }
    }
  }
  cache.set(ctx.file, map);
  return map;
}

/** Python: local name → dotted origin (`import time` → time: "time"; `from time import sleep` → sleep: "time.sleep"). */
export function pyImports(ctx: FileContext): Map<string, string> {
  const key = { py: ctx.file };
  void key;
  const map = new Map<string, string>();
  for (const st of ctx.nodes("import_statement", "import_from_statement")) {
    if (st.type === "import_statement") {
      for (const c of st.namedChildren) {
        if (c?.type === "dotted_name") map.set(c.text.split(".")[0]!, c.text.split(".")[0]!);
        else if (c?.type === "aliased_import") {
          const name = c.childForFieldName("name")?.text ?? "";
          const alias = c.childForFieldName("alias")?.text ?? name;
          map.set(alias, name);
        }
      }
    } else {
      const mod = st.childForFieldName("module_name")?.text ?? "";
      for (const c of st.namedChildren) {
        if (!c || c === st.childForFieldName("module_name")) continue;
        if (c.type === "dotted_name") map.set(c.text, `${mod}.${c.text}`);
        else if (c.type === "aliased_import") {
          const name = c.childForFieldName("name")?.text ?? "";
          const alias = c.childForFieldName("alias")?.text ?? name;
          map.set(alias, `${mod}.${name}`);
        }
      }
    }
  }
  return map;
}

/** Python: the dotted origin of a callee (`time.sleep`, or `sleep` imported from time → `time.sleep`). */
export function pyQualified(callee: string, imports: Map<string, string>): string {
  const [head, ...rest] = callee.split(".");
  const origin = imports.get(head!);
  if (!origin) return callee;
  return [origin, ...rest].join(".");
}

/** Rust: `use` paths, local name → full path (`use std::thread;` → thread: std::thread; `use std::fs::File` → File: std::fs::File). */
export function rustUses(ctx: FileContext): Map<string, string> {
  const map = new Map<string, string>();
  for (const u of ctx.nodes("use_declaration")) {
    const arg = u.childForFieldName("argument");
    if (arg) collectUse(arg, "", map);
  }
  return map;
}

function collectUse(node: Node, prefix: string, map: Map<string, string>): void {
  const join = (a: string, b: string) => (a ? `${a}::${b}` : b);
  switch (node.type) {
    case "identifier":
    case "self":
      if (node.type === "self") map.set(prefix.split("::").pop()!, prefix);
      else map.set(node.text, join(prefix, node.text));
      return;
    case "scoped_identifier": {
      const full = join(prefix, node.text.replace(/\s+/g, ""));
      map.set(node.childForFieldName("name")?.text ?? full, full);
      return;
    }
    case "use_as_clause": {
      const path = node.childForFieldName("path");
      const alias = node.childForFieldName("alias");
      if (path && alias) map.set(alias.text, join(prefix, path.text.replace(/\s+/g, "")));
      return;
    }
    case "scoped_use_list": {
      const path = node.childForFieldName("path");
      const list = node.childForFieldName("list");
      const p = path ? join(prefix, path.text.replace(/\s+/g, "")) : prefix;
      if (list) for (const c of list.namedChildren) if (c) collectUse(c, p, map);
      return;
    }
    case "use_list":
      for (const c of node.namedChildren) if (c) collectUse(c, prefix, map);
      return;
  }
}

/** Rust: expand the first segment of a path through `use` (`thread::sleep` → `std::thread::sleep`). */
export function rustQualified(path: string, uses: Map<string, string>): string {
  const clean = path.replace(/\s+/g, "").replace(/::<[^>]*>/g, "");
  const [head, ...rest] = clean.split("::");
  const origin = uses.get(head!);
  if (!origin || origin === head) return clean;
  return [origin, ...rest].join("::");
}

/** Go: import path per package name (`"github.com/jackc/pgx/v5"` → pgx). */
export function goImports(ctx: FileContext): Map<string, string> {
  const map = new Map<string, string>();
  for (const spec of ctx.nodes("import_spec")) {
    const path = spec.childForFieldName("path")?.text.slice(1, -1) ?? "";
    const name = spec.childForFieldName("name")?.text;
    const segs = path.split("/");
    let last = segs[segs.length - 1] ?? "";
    if (/^v\d+$/.test(last) && segs.length > 1) last = segs[segs.length - 2]!;
    map.set(name && name !== "_" && name !== "." ? name : last.replace(/^go-/, "").replace(/[.-]go$/, ""), path);
  }
  return map;
}
