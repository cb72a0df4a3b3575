// Command-line parsing for `backend-checklist`: small on purpose, strict about unknown options.
export interface CliArgs {
  command: "scan" | "routes" | "checklist" | "rules" | "lsp" | "help" | "version";
  paths: string[];
  format: string;
  output?: string;
  fix: boolean;
  unsafeFixes: boolean;
  checklist: boolean;
  stdio: boolean;
  quiet: boolean;
  exitZero: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: backend-checklist <command> [options]

Commands:
  scan [PATH…]        analyse files and print findings
      --format text|json|sarif   output format (default text)
      --output FILE              write the report to FILE instead of stdout
      --fix                      apply safe fixes in place
      --unsafe-fixes             with --fix, apply unsafe fixes too
      --checklist                add each project's checklist to the report
      --exit-zero                exit 0 even with error-severity findings (reporting only)
  routes [PATH…]      list the HTTP routes found (--format text|json)
  checklist [PATH…]   print each project's checklist (--format text|json|markdown)
  rules               list the rules (--format text|json|markdown)
  lsp --stdio         run the language server over stdio (for any LSP editor)

Exit codes: 0 no error-severity findings, 1 error-severity findings (scan), 2 usage or internal error.`;

const FORMATS: Record<string, string[]> = {
  scan: ["text", "json", "sarif"],
  routes: ["text", "json"],
  checklist: ["text", "json", "markdown"],
  rules: ["text", "json", "markdown"],
  lsp: ["text"],
};

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { command: "help", paths: [], format: "text", fix: false, unsafeFixes: false, checklist: false, stdio: false, quiet: false, exitZero: false };
  const rest = [...argv];
  const first = rest.shift();
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return args;
  if (first === "--version" || first === "-v") return { ...args, command: "version" };
  if (!["scan", "routes", "checklist", "rules", "lsp"].includes(first)) throw new UsageError(`unknown command '${first}'`);
  args.command = first as CliArgs["command"];
  while (rest.length) {
    const a = rest.shift()!;
    const value = (name: string) => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = rest.shift();
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const name = a.split("=")[0]!;
    switch (name) {
      case "--format":
      case "-f":
        args.format = value(name);
        break;
      case "--output":
      case "-o":
        args.output = value(name);
        break;
      case "--fix":
        args.fix = true;
        break;
      case "--unsafe-fixes":
        args.unsafeFixes = true;
        break;
      case "--checklist":
        args.checklist = true;
        break;
      case "--exit-zero":
        args.exitZero = true;
        break;
      case "--stdio":
        args.stdio = true;
        break;
      case "--quiet":
      case "-q":
        args.quiet = true;
        break;
      case "--help":
      case "-h":
        return { ...args, command: "help" };
      case "--node-ipc":
      case "--socket":
      case "--clientProcessId":
        // Options some LSP clients append; accepted and ignored.
        if (name === "--clientProcessId" && !a.includes("=")) rest.shift();
        break;
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option '${a}'`);
        args.paths.push(a);
    }
  }
  if (!FORMATS[args.command]!.includes(args.format)) throw new UsageError(`--format must be one of ${FORMATS[args.command]!.join(", ")} for ${args.command}`);
  if (args.unsafeFixes && !args.fix) args.fix = true;
  if (args.paths.length === 0) args.paths.push(".");
  return args;
}
