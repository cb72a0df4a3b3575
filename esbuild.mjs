// Bundles the client, the server and the CLI into dist/ (CommonJS, node20) and copies the tree-sitter
// runtime and grammars beside them. `--watch` rebuilds on change.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";

const require = createRequire(import.meta.url);
const watch = process.argv.includes("--watch");
execFileSync(process.execPath, ["scripts/gen-rules.mjs"], { stdio: "inherit" });

mkdirSync("dist", { recursive: true });
const grammars = join(dirname(require.resolve("@vscode/tree-sitter-wasm/package.json")), "wasm");
for (const f of readdirSync(grammars)) {
  if (/^tree-sitter-(python|go|rust|java|typescript|tsx|javascript)\.wasm$/.test(f)) copyFileSync(join(grammars, f), join("dist", f));
}
copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), "dist/web-tree-sitter.wasm");

// The checklist webview's static files: its stylesheet and the codicon font, beside its script.
mkdirSync("dist/media", { recursive: true });
const codicons = join(dirname(require.resolve("@vscode/codicons/package.json")), "dist");
for (const f of ["codicon.css", "codicon.ttf"]) copyFileSync(join(codicons, f), join("dist/media", f));
for (const f of readdirSync("media")) if (f.endsWith(".css")) copyFileSync(join("media", f), join("dist/media", f));

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  // This project's tsconfig for every file: node_modules may be a symlink into another checkout, whose
  // own tsconfig.json (found by esbuild above those files) must not matter.
  tsconfig: "tsconfig.json",
  // The ESM entry of web-tree-sitter breaks Parser.init() once bundled: use its CommonJS build.
  alias: { "web-tree-sitter": require.resolve("web-tree-sitter").replace(/\.js$/, ".cjs") },
  // ts-morph is heavy: it stays a separate lazily-loaded bundle (dist/semantic.js), never on the keystroke path.
  external: ["ts-morph", "./semantic"],
};

const builds = [
  // The client: a small bundle loaded on activation, and the language client + checklist view loaded
  // by it right after (client/src/extension.ts); minified, since parse time counts (bench/activation.mjs).
  { ...common, entryPoints: { client: "client/src/extension.ts", "client-lsp": "client/src/lsp.ts" }, outdir: "dist", external: ["vscode"], minify: true },
  { ...common, entryPoints: { server: "server/src/server.ts" }, outdir: "dist" },
  { ...common, entryPoints: { cli: "server/src/cli/main.ts" }, outdir: "dist", banner: { js: "#!/usr/bin/env node" } },
  // The semantic module with ts-morph inside, minified; loaded on first use by computed path
  // (server/src/rules/error-without-cause/resolver.ts), never at start or on a keystroke.
  { ...common, entryPoints: { semantic: "server/src/rules/_shared/semantic.ts" }, outdir: "dist", external: [], minify: true, sourcemap: false },
  // The webview script: a browser bundle, no Node built-ins.
  { bundle: true, platform: "browser", target: "chrome114", format: "iife", sourcemap: true, logLevel: "warning", tsconfig: "tsconfig.json", minify: !watch, entryPoints: { main: "media/src/main.ts" }, outdir: "dist/media" },
];

// Tests: every *.test.ts is bundled to out/test/ (mocha runs them; .mocharc.json).
function testEntries(dir, acc = []) {
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return acc;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "fixtures" && e.name !== "node_modules") testEntries(p, acc);
    } else if (e.name.endsWith(".test.ts")) acc.push(p);
  }
  return acc;
}
const tests = ["server/test", "media/test", "client/test/unit"].flatMap((d) => testEntries(d));
if (tests.length) {
  builds.push({
    ...common,
    entryPoints: tests,
    outdir: "out/test",
    outbase: ".",
    external: [...common.external, "vscode", "playwright-core", "mocha"],
  });
}

// The benchmark (npm run bench) is bundled like the tests.
builds.push({ ...common, entryPoints: { run: "bench/run.ts", profile: "bench/profile.ts" }, outdir: "out/bench", external: [...common.external] });

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log("watching…");
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
