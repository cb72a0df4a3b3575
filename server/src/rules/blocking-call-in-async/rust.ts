// Rust `async fn` / async blocks: std::thread::sleep, std::fs::*, reqwest::blocking::*,
// std::net::TcpStream::connect. Fix with tokio: `std::thread::sleep(d)` → `tokio::time::sleep(d).await`.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node } from "../../engine/types";
import { hasDependency } from "../../project/model";
import { callArguments } from "../../languages/common";
import { rustQualified, rustUses } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

const OFFLOAD = /(^|::)(spawn_blocking|block_in_place)$|^std::thread::spawn$|^thread::spawn$|^rayon::/;

function asyncContext(call: Node, uses: Map<string, string>): Node | undefined {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === "async_block") return n;
    if (n.type === "closure_expression") {
      // Work handed to a blocking pool is the fix, not the problem.
      const args = n.parent;
      const owner = args?.type === "arguments" ? args.parent : null;
      const callee = owner?.childForFieldName("function")?.text ?? "";
      if (owner && OFFLOAD.test(rustQualified(callee, uses))) return undefined;
      if (n.children.some((c) => c?.type === "async")) return n;
      continue;
    }
    if (n.type === "function_item") {
      // `#[tokio::main] async fn main` reading config before it serves blocks nothing else.
      if (n.childForFieldName("name")?.text === "main" && n.parent?.type === "source_file") return undefined;
      const mods = n.namedChildren.find((c) => c?.type === "function_modifiers");
      return mods && /\basync\b/.test(mods.text) ? n : undefined;
    }
  }
  return undefined;
}

export function rust(ctx: FileContext): void {
  const uses = rustUses(ctx);
  const tokio = hasDependency(ctx.project, "tokio");
  const text = ctx.file.text;
  for (const call of ctx.nodes("call_expression")) {
    // The path starts with std, reqwest or a `use`d name (read from the text at the call's start).
    const head = headAt(text, call.startIndex);
    if (head !== undefined && head !== "std" && head !== "reqwest" && !uses.has(head)) continue;
    const fn = call.childForFieldName("function");
    if (!fn || (fn.type !== "scoped_identifier" && fn.type !== "identifier")) continue;
    const q = rustQualified(fn.text, uses);
    let name: string | undefined;
    if (q === "std::thread::sleep") name = q;
    else if (/^std::fs::/.test(q) && !/^std::fs::(Permissions|OpenOptions::new|File::(with_options))$/.test(q)) name = q;
    else if (/^reqwest::blocking::/.test(q)) name = q;
    else if (/^std::net::(TcpStream::connect(_timeout)?|TcpListener::bind|UdpSocket::bind|ToSocketAddrs)/.test(q)) name = q;
    if (!name) continue;
    const where = asyncContext(call, uses);
    if (!where) continue;
    const fixes: Fix[] = [];
    if (name === "std::thread::sleep" && tokio && callArguments(call, "rust").length === 1 && where.type !== "closure_expression") {
      const args = call.childForFieldName("arguments")?.text ?? "()";
      fixes.push({ title: "Replace with `tokio::time::sleep(...).await`", applicability: "unsafe", edits: [{ range: ctx.range(call), newText: `tokio::time::sleep${args}.await` }] });
    }
    ctx.report({ node: call, message: MESSAGE(fn.text.replace(/\s+/g, ""), where.type === "function_item" ? `\`async fn ${where.childForFieldName("name")?.text ?? ""}\`` : "an async block"), fixes });
  }
}
