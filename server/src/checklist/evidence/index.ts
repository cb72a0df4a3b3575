// The evidence analyzer: an object of the same shape as a rule whose detectors only record facts
// ("evidence", { item, text, part? }) and never report. It runs with the rules (ANALYZERS) so its
// facts are cached with each file's result and follow every edit; ../index.ts turns them, with the
// manifest-level evidence, into item statuses. It lives outside rules/ on purpose: it has no docs,
// fixtures or findings.
import { defineRule, type FileContext } from "../../engine/rule";
import type { ChecklistItemId, LanguageFamily, Node } from "../../engine/types";
import { prefetched } from "../../rules/_shared/app-nodes";
import { PATTERNS } from "./patterns";
import { tokensOf, type Token } from "./tokens";

export const EVIDENCE_FACT = "evidence";
export const EVIDENCE_ANALYZER_ID = "checklist-evidence";
/** A file serves HTTP where no framework dependency says so (plain net/http). */
export const HTTP_API_FACT = "http-api";

export interface EvidenceFactData {
  item: ChecklistItemId;
  text: string;
  part?: string;
  /** type-annotations in Python: annotated and total functions of the file. */
  annotated?: number;
  total?: number;
}

/** At most this many evidence facts per item and file: enough to show where, small to cache. */
const PER_ITEM_PER_FILE = 3;

function detector(family: LanguageFamily) {
  return (ctx: FileContext): void => {
    const counts = new Map<string, number>();
    const seenLines = new Set<string>();
    const record = (node: Node, data: EvidenceFactData) => {
      const key = `${data.item}/${data.part ?? ""}`;
      const n = counts.get(key) ?? 0;
      const lineKey = `${key}@${node.startPosition.row}`;
      if (n >= PER_ITEM_PER_FILE || seenLines.has(lineKey)) return;
      counts.set(key, n + 1);
      seenLines.add(lineKey);
      ctx.fact(EVIDENCE_FACT, node, { ...data });
    };
    const patterns = (PATTERNS[family] ?? []).filter((pat) => !pat.gate || pat.gate.test(ctx.file.text));
    const tokens = tokensOf(ctx);
    for (const tok of tokens) {
      for (const pat of patterns) {
        if (pat.kind !== tok.kind) continue;
        if (pat.tests && !ctx.file.isTest) continue;
        const subject = pat.full ? (tok.tail?.() ?? tok.text) : tok.text;
        if (!pat.re.test(subject)) continue;
        const snippet = tok.text.length > 60 ? tok.text.slice(0, 57) + "…" : tok.text;
        record(tok.node, { item: pat.item, part: pat.part, text: `${pat.label}: ${snippet}` });
      }
    }
    extras[family]?.(ctx, record, tokens);
  };
}

type Record_ = (node: Node, data: EvidenceFactData) => void;

/** Evidence that needs a look at structure rather than a token. */
const extras: Partial<Record<LanguageFamily, (ctx: FileContext, record: Record_, tokens: readonly Token[]) => void>> = {
  ts(ctx, record, tokens) {
    const text = ctx.file.text;
    // process.env reads
    if (text.includes("process.env")) {
      const env = ctx.nodes("member_expression").find((n) => n.startIndex + 11 <= n.endIndex && text.startsWith("process.env", n.startIndex) && n.text !== "process.env");
      if (env) record(env, { item: "secrets-in-env", text: `configuration from environment: ${env.text.slice(0, 60)}` });
    }
    // Express error middleware: app.use((err, req, res, next) => …)
    for (const tok of tokens) {
      if (tok.kind !== "call" || !/\.use$/.test(tok.text)) continue;
      for (const fn of tok.node.childForFieldName("arguments")?.namedChildren ?? []) {
        if (!fn || !/^(arrow_function|function_expression|function)$/.test(fn.type)) continue;
        const params = fn.childForFieldName("parameters")?.namedChildren ?? [];
        if (params.length === 4 && /^(err|error|e|ex|exception)\b/.test(params[0]?.text ?? "")) record(fn, { item: "error-handling", text: "central error handler: Express error middleware" });
      }
    }
    if (!ctx.file.isTest && /\bawait\b/.test(text)) {
      const a = ctx.nodes("await_expression")[0];
      if (a) record(a, { item: "async-io", text: "async/await for I/O" });
    }
    if (ctx.file.isTest) {
      const call = tokens.find((t) => t.kind === "call" && /^(request|supertest)$/.test(t.text));
      if (call) record(call.node, { item: "tests", part: "integration", text: "HTTP-level integration tests (supertest)" });
    }
  },
  python(ctx, record, tokens) {
    const sub = ctx.file.text.includes("os.environ[") ? ctx.nodes("subscript").find((n) => /^os\.environ\[/.test(n.text.slice(0, 12))) : undefined;
    if (sub) record(sub, { item: "secrets-in-env", text: `configuration from environment: ${sub.text.slice(0, 60)}` });
    for (const r of /\braise\b[^\n]*\bfrom\b/.test(ctx.file.text) ? ctx.nodes("raise_statement") : []) {
      if (r.childForFieldName("cause") && r.childForFieldName("cause")?.text !== "None") {
        record(r, { item: "error-handling", text: "error chained with its cause (raise … from …)" });
        break;
      }
    }
    const defs = ctx.nodes("function_definition");
    const asyncDef = defs.find((d) => d.text.slice(0, 5) === "async");
    if (asyncDef && !ctx.file.isTest) record(asyncDef.childForFieldName("name") ?? asyncDef, { item: "async-io", text: "async handlers (async def)" });
    for (const tok of tokens) {
      if (tok.kind === "call" && tok.text === "FastAPI") {
        const c = tok.node;
        const args = c.childForFieldName("arguments")?.text ?? "";
        if (!/openapi_url\s*=\s*None/.test(args)) record(c, { item: "openapi-contract", text: "FastAPI generates the OpenAPI schema" });
        record(c, { item: "async-io", text: "async framework (FastAPI)" });
      }
    }
    if (ctx.file.isTest) {
      const t = defs.find((d) => /^(async\s+)?def\s+test_/.test(d.text.slice(0, 80)));
      if (t) record(t.childForFieldName("name") ?? t, { item: "tests", part: "unit", text: "unit tests" });
      return;
    }
    // Share of annotated functions (the rule skips tests, so does the share).
    let annotated = 0;
    let total = 0;
    for (const d of defs) {
      const params = d.childForFieldName("parameters")?.namedChildren ?? [];
      const name = d.childForFieldName("name")?.text ?? "";
      const plain = params.filter((p) => p && (p.type === "identifier" || p.type === "default_parameter") && !["self", "cls"].includes(p.type === "identifier" ? p.text : (p.childForFieldName("name")?.text ?? "")));
      const returnsOk = d.childForFieldName("return_type") !== null || name === "__init__";
      total++;
      if (!plain.length && returnsOk) annotated++;
    }
    if (total) {
      const root = ctx.file.tree.rootNode;
      record(root, { item: "type-annotations", part: "share", annotated, total, text: `${annotated} of ${total} functions annotated` });
    }
  },
  go(ctx, record) {
    // Plain net/http servers have no framework dependency: say there is an HTTP API.
    const server = ctx.nodes("call_expression").find((c) => /^http\.(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/.test(c.childForFieldName("function")?.text ?? ""))
      ?? ctx.nodes("composite_literal").find((c) => c.childForFieldName("type")?.text === "http.Server");
    if (server && !ctx.file.isTest) ctx.fact(HTTP_API_FACT, server, { text: "net/http server" });
    if (!ctx.file.isTest) return;
    const t = ctx.nodes("function_declaration").find((f) => /^Test\w*$/.test(f.childForFieldName("name")?.text ?? ""));
    if (t) record(t.childForFieldName("name") ?? t, { item: "tests", part: "unit", text: "unit tests" });
  },
  rust(ctx, record) {
    for (const imp of ctx.nodes("impl_item")) {
      const trait = imp.childForFieldName("trait")?.text ?? "";
      if (/^(IntoResponse|ResponseError|Responder)$/.test(trait.replace(/^.*::/, ""))) {
        record(imp, { item: "error-handling", text: `central error type: impl ${trait} for ${imp.childForFieldName("type")?.text ?? "?"}` });
      }
    }
    const asyncFn = ctx.nodes("function_item").find((f) => f.namedChildren.some((c) => c?.type === "function_modifiers" && c.text.includes("async")));
    if (asyncFn) record(asyncFn.childForFieldName("name") ?? asyncFn, { item: "async-io", text: "async handlers (async fn)" });
  },
};

export const evidence = defineRule({
  id: EVIDENCE_ANALYZER_ID,
  checklistItem: "openapi-contract",
  severity: "info",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "Collects positive evidence for the checklist (facts only; never reports).",
  detectors: prefetched({ ts: detector("ts"), python: detector("python"), go: detector("go"), rust: detector("rust"), java: detector("java") }),
});
