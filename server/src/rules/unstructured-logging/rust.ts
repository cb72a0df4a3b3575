// Rust: println!/eprintln!/print!/eprint!/dbg! in a web-service crate, outside `fn main` and tests.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { MESSAGE } from "./message";

const WEB = ["axum", "actix-web", "rocket", "warp", "poem", "tide", "salvo", "hyper"];

function attrs(item: Node): string {
  let out = "";
  for (let s = item.previousNamedSibling; s && (s.type === "attribute_item" || s.type === "line_comment" || s.type === "block_comment"); s = s.previousNamedSibling) out += s.text;
  return out;
}

function excluded(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "function_item") {
      if (p.childForFieldName("name")?.text === "main" && p.parent?.type === "source_file") return true;
      if (/#\[(tokio::|actix_rt::|actix_web::|async_std::)?test\b/.test(attrs(p))) return true;
    }
    if (p.type === "mod_item" && /#\[cfg\(test\)\]/.test(attrs(p))) return true;
  }
  return false;
}

export function rust(ctx: FileContext): void {
  if (ctx.file.isScript || /(^|\/)(examples|benches|build\.rs$)/.test(ctx.file.relPath)) return;
  if (!ctx.project.dependencies.some((d) => WEB.includes(d))) return;
  for (const mac of ctx.nodes("macro_invocation")) {
    const name = mac.childForFieldName("macro")?.text ?? "";
    if (!/^(std::)?(println|eprintln|print|eprint|dbg)$/.test(name)) continue;
    if (excluded(mac)) continue;
    ctx.report({ node: mac, message: MESSAGE(`${name.replace(/^std::/, "")}!`, "`tracing` (or `log`) with spans carrying the request id") });
  }
}
