// `npm run bench`: figures, not a test. Through the real server over stdio: didOpen→diagnostics and
// edit→diagnostics latency on ~2,000-line files per language (p50/p95 over 30 edits), edit latency
// while a workspace scan runs, server RSS after scanning the workspace; in process: scan files/s and
// lines/s on a generated tree and the ratio of scan time to parse-only time of the same files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { languageOf } from "../server/src/engine/files";
import { initParsers, parse } from "../server/src/languages/parser";
import { scanWorkspace } from "../server/src/project/scan";
import { ALL_RULES } from "../server/src/rules";
import { LspClient } from "../server/test/lsp-client";
import { EXT, generateWorkspace, LSP_ID, sourceFile, type BenchLang } from "./generate";

const LANGS: BenchLang[] = ["python", "typescript", "go", "rust", "java"];
const EDITS = 30;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

function walk(dir: string, acc: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (languageOf(p)) acc.push(p);
  }
  return acc;
}

async function editLatency(client: LspClient, uri: string, text: string, startVersion: number, edits: number): Promise<number[]> {
  const lines = text.split("\n");
  const mid = Math.floor(lines.length / 2);
  const times: number[] = [];
  let version = startVersion;
  for (let i = 0; i < edits; i++) {
    version++;
    const line = mid + (i % 10);
    const t0 = performance.now();
    client.change(uri, version, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 2 ? "" : " " }]);
    await client.diagnosticsFor(uri, version, 30000);
    times.push(performance.now() - t0);
    // Undo on odd steps so the file stays the same size.
    if (i % 2 === 0) {
      version++;
      client.change(uri, version, [{ range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: "" }]);
      await client.diagnosticsFor(uri, version, 30000);
    }
  }
  return times;
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  const out: string[] = [];
  const say = (s: string) => {
    out.push(s);
    console.log(s);
  };

  // 1. Per-language latency through the server, on an otherwise empty workspace.
  const dir = mkdtempSync(join(tmpdir(), "bc-bench-"));
  const client = new LspClient();
  await client.initialize(dir);
  await client.until(() => client.notifications.some((n) => n.method === "backendChecklist/checklistChanged"), 30000, "initial scan");
  say("## Latency through the language server (stdio), ~2,000-line files");
  say("| language | lines | didOpen→diagnostics | edit→diagnostics p50 | p95 | in-process incremental parse p50 |");
  say("|---|---|---|---|---|---|");
  await initParsers();
  const latency: Record<string, unknown> = {};
  for (const lang of LANGS) {
    const text = sourceFile(lang, 2000, 7);
    const path = join(dir, `big.${EXT[lang]}`);
    writeFileSync(path, text);
    const t0 = performance.now();
    const uri = client.open(path, LSP_ID[lang], text, 1);
    await client.diagnosticsFor(uri, 1, 30000);
    const open = performance.now() - t0;
    const times = await editLatency(client, uri, text, 1, EDITS);
    // Incremental parse alone (the floor of edit latency).
    const id = languageOf(path)!;
    const tree = parse(id, text);
    const parseTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      parse(id, text + " ", tree).delete();
      parseTimes.push(performance.now() - t);
    }
    tree.delete();
    latency[lang] = { lines: text.split("\n").length, openMs: open, p50: pct(times, 50), p95: pct(times, 95), parseP50: pct(parseTimes, 50) };
    say(`| ${lang} | ${text.split("\n").length} | ${ms(open)} | ${ms(pct(times, 50))} | ${ms(pct(times, 95))} | ${ms(pct(parseTimes, 50))} |`);
    void client.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }
  results.latency = latency;
  await client.close();

  // 2. Workspace scan in process: throughput and the ratio to parse-only time.
  const ws = mkdtempSync(join(tmpdir(), "bc-bench-ws-"));
  const gen = generateWorkspace(ws, 1000, 120);
  const files = walk(ws);
  const tp = performance.now();
  for (const f of files) parse(languageOf(f)!, readFileSync(f, "utf8")).delete();
  const parseOnly = performance.now() - tp;
  const ts = performance.now();
  const scan = await scanWorkspace([ws], { rules: ALL_RULES });
  const scanMs = performance.now() - ts;
  say("");
  say(`## Workspace scan (in process, ${gen.files} files, ${scan.stats.lines} lines, ${ALL_RULES.length} rules)`);
  say(`- scan: ${(scanMs / 1000).toFixed(2)} s → ${Math.round(scan.stats.files / (scanMs / 1000))} files/s, ${Math.round(scan.stats.lines / (scanMs / 1000))} lines/s; ${scan.findings.length} findings`);
  say(`- parse only, same files: ${(parseOnly / 1000).toFixed(2)} s; scan / parse-only = ${(scanMs / parseOnly).toFixed(2)}`);
  results.scan = { files: scan.stats.files, lines: scan.stats.lines, scanMs, parseOnlyMs: parseOnly, ratio: scanMs / parseOnly, filesPerS: scan.stats.files / (scanMs / 1000), linesPerS: scan.stats.lines / (scanMs / 1000) };

  // 3. The server scanning that workspace: typing latency during the scan, RSS after it.
  const c2 = new LspClient();
  const typed = join(ws, "python", "src", "typing.py");
  const typedText = sourceFile("python", 2000, 3);
  writeFileSync(typed, typedText);
  const t2 = performance.now();
  await c2.initialize(ws);
  const uri = c2.open(typed, "python", typedText, 1);
  await c2.diagnosticsFor(uri, 1, 60000);
  const during = await editLatency(c2, uri, typedText, 1, EDITS);
  const scanDone = c2.notifications.some((n) => n.method === "backendChecklist/checklistChanged");
  await c2.until(() => c2.notifications.some((n) => n.method === "backendChecklist/checklistChanged"), 300000, "server scan");
  const serverScan = performance.now() - t2;
  const mem = rssOf(c2.proc.pid!);
  say("");
  say("## Server on that workspace");
  say(`- edit→diagnostics on a 2,000-line file while the background scan runs${scanDone ? " (the scan had already finished: figure is post-scan)" : ""}: p50 ${ms(pct(during, 50))}, p95 ${ms(pct(during, 95))}`);
  say(`- background scan of ${gen.files} files completed in ${(serverScan / 1000).toFixed(1)} s`);
  say(`- server RSS after the scan: ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB)`);
  results.server = { duringScanP50: pct(during, 50), duringScanP95: pct(during, 95), scanMs: serverScan, rssMb: mem.rss, peakRssMb: mem.peak };
  await c2.close();
  rmSync(ws, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });

  writeFileSync(join(process.cwd(), "bench", "last-run.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("\n(written to bench/last-run.json)");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
