// Express `cors`, `@fastify/cors`, NestJS `enableCors`/`cors: true`, and hand-set
// Access-Control-Allow-Origin headers.
import type { FileContext } from "../../engine/rule";
import { isBool, listStrings, pairValue, tsProps, unlessConfigGuarded } from "../_shared/syntax";
import type { Node } from "../../engine/types";
import { callArguments, calleeName, calleeText, stringValue } from "../../languages/common";
import { ACAO, corsMessage, REFLECTED_HEADER } from "./messages";

/** Local names bound to the default export of a module (`import cors from "cors"`, `const cors = require("cors")`). */
function importedNames(text: string, modules: string[]): Set<string> {
  const out = new Set<string>();
  for (const m of modules) {
    const esc = m.replace(/[/\\^$*+?.()|[\]{}@-]/g, "\\$&");
    for (const x of text.matchAll(new RegExp(`import\\s+(?:\\*\\s+as\\s+)?([A-Za-z_$][\\w$]*)[^;]*?from\\s+["']${esc}["']`, "g"))) out.add(x[1]!);
    for (const x of text.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s+["']${esc}["']`, "g")))
      for (const part of x[1]!.split(",")) {
        const local = part.trim().split(/\s+as\s+/).pop();
        if (local) out.add(local);
      }
    for (const x of text.matchAll(new RegExp(`(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*(?:await\\s+import|require)\\(\\s*["']${esc}["']\\s*\\)`, "g"))) out.add(x[1]!);
  }
  return out;
}

/** `origin` option value that admits any origin: `"*"`, `true`, `["*"]`, `/.*​/`. */
function anyOriginValue(v: Node | null): boolean {
  if (!v) return false;
  if (isBool(v, true)) return true;
  if (listStrings(v, "ts").includes("*")) return true;
  if (v.type === "regex") return /^\/\^?\.[*+]\$?\//.test(v.text);
  // origin: (origin, cb) => cb(null, true) — every origin reflected
  if (v.type === "arrow_function" || v.type === "function_expression") {
    const body = v.childForFieldName("body")?.text.replace(/\s+/g, "") ?? "";
    return /^\{?(return)?\w+\(null,(true|origin)\);?\}?$/.test(body);
  }
  return false;
}

function credentialsIn(opts: Node | null | undefined): boolean {
  return isBool(pairValue(tsProps(opts).get("credentials")), true);
}

function readsRequestOrigin(n: Node): boolean {
  return /\b(req|request|ctx)\b[\w.]*\.headers?(\.origin\b|\[\s*["']origin["']\s*\]|\.get\(\s*["']origin["']\s*\))/i.test(n.text) || /\bget\(\s*["']origin["']\s*\)/i.test(n.text);
}

export function ts(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw);
  const text = ctx.file.text;
  const corsNames = importedNames(text, ["cors", "@fastify/cors", "fastify-cors", "@koa/cors", "koa2-cors"]);
  for (const call of ctx.nodes("call_expression")) {
    const name = calleeName(call, "ts");
    const callee = calleeText(call, "ts");
    const args = callArguments(call, "ts");
    // cors() / cors({ origin: "*" })
    if (corsNames.has(callee)) {
      const opts = args[0];
      if (!opts) ctx.report({ node: call, ...corsMessage(false) });
      else if (opts.type === "object") {
        const origin = tsProps(opts).get("origin");
        if (!origin || anyOriginValue(pairValue(origin))) ctx.report({ node: call, ...corsMessage(credentialsIn(opts)) });
      }
      continue;
    }
    // fastify.register(cors, { origin: true }) — @fastify/cors defaults to origin "*"
    if (name === "register" && args[0] && (corsNames.has(args[0].text) || /^(require|import)\(\s*["'](@fastify\/cors|fastify-cors)["']\s*\)$/.test(args[0].text))) {
      const opts = args[1];
      if (!opts) ctx.report({ node: call, ...corsMessage(false) });
      else if (opts.type === "object") {
        const origin = tsProps(opts).get("origin");
        if (!origin || anyOriginValue(pairValue(origin))) ctx.report({ node: call, ...corsMessage(credentialsIn(opts)) });
      }
      continue;
    }
    // NestJS app.enableCors() / enableCors({ origin: "*" })
    if (name === "enableCors") {
      const opts = args[0];
      if (!opts) ctx.report({ node: call, ...corsMessage(false) });
      else if (opts.type === "object") {
        const origin = tsProps(opts).get("origin");
        if (!origin || anyOriginValue(pairValue(origin))) ctx.report({ node: call, ...corsMessage(credentialsIn(opts)) });
      }
      continue;
    }
    // NestFactory.create(AppModule, { cors: true })
    if (name === "create" && /NestFactory/.test(callee) && args[1]?.type === "object") {
      const c = tsProps(args[1]).get("cors");
      const v = pairValue(c);
      if (c && v && (isBool(v, true) || (v.type === "object" && (!tsProps(v).get("origin") || anyOriginValue(pairValue(tsProps(v).get("origin"))))))) {
        ctx.report({ node: call, ...corsMessage(v.type === "object" && credentialsIn(v)) });
      }
      continue;
    }
    // res.setHeader("Access-Control-Allow-Origin", "*"), res.header(...), res.set(...), reply.header(...), headers.set(...)
    if (["setHeader", "header", "set", "append", "writeHead"].includes(name) && args.length >= 2) {
      const h = stringValue(args[0], "ts")?.toLowerCase();
      if (h === ACAO) {
        const v = args[1]!;
        if (stringValue(v, "ts") === "*" || readsRequestOrigin(v)) ctx.report({ node: call, message: REFLECTED_HEADER });
      }
    }
  }
  // res.set({ "Access-Control-Allow-Origin": "*" }) and header objects in general
  for (const pair of ctx.nodes("pair")) {
    const key = pair.childForFieldName("key");
    if (stringValue(key, "ts")?.toLowerCase() !== ACAO) continue;
    const v = pair.childForFieldName("value");
    if (v && (stringValue(v, "ts") === "*" || readsRequestOrigin(v))) ctx.report({ node: pair, message: REFLECTED_HEADER });
  }
}
