// `backend-checklist` CLI: scan, routes, checklist, lsp. A thin shell over the same engine as the server.
import { writeFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { statSync } from "node:fs";
import { ALL_RULES } from "../rules";
import { ANALYZERS } from "../checklist/analyzers";
import { scanWorkspace, type ScanOutput } from "../project/scan";
import { parseArgs, UsageError, USAGE, type CliArgs } from "./args";
import { formatJson, formatSarif, formatText, relPath } from "./format";
import { applyFixes } from "./fix";
import { checklistReport, routesReport } from "./reports";

export const VERSION = "0.1.0";

const FAMILY_NAMES = { ts: "TS/JS", python: "Python", go: "Go", rust: "Rust", java: "Java" } as const;

/** The rule table (README's is generated from this: `npm run readme`). */
export function rulesReport(format: string): string {
  if (format === "json") return JSON.stringify({ rules: ALL_RULES.map((r) => ({ id: r.id, checklistItem: r.checklistItem, severity: r.severity, languages: r.languages, fixable: r.fixable, description: r.description })) }, null, 2) + "\n";
  if (format === "markdown") {
    const rows = ALL_RULES.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | \`${r.checklistItem}\` | ${r.severity} | ${r.languages.map((l) => FAMILY_NAMES[l]).join(", ")} | ${r.fixable ? "yes" : "—"} | ${r.description} |`);
    return ["| rule | checklist item | severity | languages | quick fix | what it flags |", "|---|---|---|---|---|---|", ...rows].join("\n") + "\n";
  }
  return ALL_RULES.map((r) => `${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.checklistItem.padEnd(20)} ${r.description}`).join("\n") + "\n";
}

function scanBase(paths: string[]): string {
  if (paths.length !== 1) return process.cwd();
  const abs = resolve(paths[0]!);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return abs;
  }
}

async function runScan(args: CliArgs): Promise<number> {
  const base = scanBase(args.paths);
  const progress = process.stderr.isTTY && !args.quiet;
  const t0 = Date.now();
  let lastPrint = 0;
  const scan = (): Promise<ScanOutput> =>
    scanWorkspace(args.paths, {
      rules: ANALYZERS,
      onProgress: progress
        ? (done, total) => {
            const now = Date.now();
            if (now - t0 > 1500 && now - lastPrint > 200) {
              lastPrint = now;
              process.stderr.write(`\rscanning ${done}/${total} files…`);
            }
          }
        : undefined,
    });
  let result = await scan();
  if (lastPrint) process.stderr.write("\r\x1b[K");
  if (args.fix) {
    const applied = await applyFixes(result, { unsafe: args.unsafeFixes });
    if (!args.quiet) process.stderr.write(`applied ${applied.fixes} fix${applied.fixes === 1 ? "" : "es"} in ${applied.files} file${applied.files === 1 ? "" : "s"}\n`);
    if (applied.fixes > 0) result = await scan();
  }
  for (const s of result.stats.skipped) process.stderr.write(`${relPath(base, s.file)}: skipped: ${s.reason}\n`);
  for (const n of result.stats.notices) process.stderr.write(`notice: ${n}\n`);
  const input = { scan: result, base, rules: ALL_RULES };
  let text: string;
  if (args.format === "json") text = formatJson({ ...input, projects: args.checklist ? checklistReport(result, base).json : undefined });
  else if (args.format === "sarif") text = formatSarif(input, VERSION);
  else text = formatText({ ...input, checklistText: args.checklist ? checklistReport(result, base).text : undefined }, !args.output && process.stdout.isTTY === true);
  if (args.output) writeFileSync(args.output, text);
  else process.stdout.write(text);
  return !args.exitZero && result.findings.some((f) => f.severity === "error") ? 1 : 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`backend-checklist: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  switch (args.command) {
    case "help":
      process.stdout.write(USAGE + "\n");
      return 0;
    case "version":
      process.stdout.write(VERSION + "\n");
      return 0;
    case "scan":
      return runScan(args);
    case "routes": {
      const base = scanBase(args.paths);
      const scan = await scanWorkspace(args.paths, { rules: ANALYZERS });
      const report = routesReport(scan, base);
      const text = args.format === "json" ? JSON.stringify(report.json, null, 2) + "\n" : report.text;
      if (args.output) writeFileSync(args.output, text);
      else process.stdout.write(text);
      return 0;
    }
    case "checklist": {
      const base = scanBase(args.paths);
      const scan = await scanWorkspace(args.paths, { rules: ANALYZERS });
      const report = checklistReport(scan, base);
      const text =
        args.format === "json" ? JSON.stringify({ projects: report.json }, null, 2) + "\n" : args.format === "markdown" ? report.markdown : report.text + "\n";
      if (args.output) writeFileSync(args.output, text);
      else process.stdout.write(text);
      return 0;
    }
    case "rules": {
      const text = rulesReport(args.format);
      if (args.output) writeFileSync(args.output, text);
      else process.stdout.write(text);
      return 0;
    }
    case "lsp": {
      const { startServer } = await import("../server");
      startServer();
      return new Promise<number>(() => {
        /* the server runs until the client exits it */
      });
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`backend-checklist: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
