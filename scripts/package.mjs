#!/usr/bin/env node
// `npm run package`: build the .vsix with vsce 3 (`--no-dependencies`: esbuild bundles everything into
// dist/), check that the bundles need nothing from node_modules at run time, print the size, and fail
// above the budget (8 MB). The allow-list of files is .vscodeignore.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET = 8 * 1024 * 1024;
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const out = join(repo, `${pkg.name}-${pkg.version}.vsix`);

// A bundle that still requires a package would break in the .vsix, which ships no node_modules.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const allowed = new Set(["vscode", "./semantic", "./semantic.js"]);
for (const f of ["client.js", "server.js"]) {
  const text = readFileSync(join(repo, "dist", f), "utf8");
  const missing = new Set();
  for (const m of text.matchAll(/\brequire\(["']([^"']+)["']\)/g)) {
    const id = m[1];
    if (!builtins.has(id) && !allowed.has(id) && !id.startsWith("node:")) missing.add(id);
  }
  if (missing.size) {
    console.error(`package: dist/${f} requires ${[...missing].join(", ")} at run time; bundle it (esbuild.mjs) or the .vsix breaks`);
    process.exit(1);
  }
}

const vsce = join(dirname(createRequire(import.meta.url).resolve("@vscode/vsce/package.json")), "vsce");
execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", out], { cwd: repo, stdio: "inherit" });
const size = statSync(out).size;
const mb = (size / 1024 / 1024).toFixed(2);
console.log(`package: ${out} — ${mb} MB (budget ${BUDGET / 1024 / 1024} MB)`);
if (size > BUDGET) {
  console.error(`package: the .vsix is over budget (${mb} MB > 8 MB): check .vscodeignore`);
  process.exit(1);
}
