#!/usr/bin/env node
// `npm run package`: build the .vsix with vsce 3 (`--no-dependencies`: esbuild bundles everything into
// dist/), print its size and fail above the budget (8 MB), then unpack it in a temp folder — far from any
// node_modules — and load each of its bundles there, so a bundle that still needs a package fails here
// rather than in a user's editor. The allow-list of files is .vscodeignore.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET = 8 * 1024 * 1024;
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const out = join(repo, `${pkg.name}-${pkg.version}.vsix`);

// A clean build: a stale file left in dist/ by another branch's build would otherwise ship.
rmSync(join(repo, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, ["esbuild.mjs"], { cwd: repo, stdio: "inherit" });

const vsce = join(dirname(createRequire(import.meta.url).resolve("@vscode/vsce/package.json")), "vsce");
execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", out], { cwd: repo, stdio: "inherit" });
const size = statSync(out).size;
const mb = (size / 1024 / 1024).toFixed(2);
console.log(`package: ${out} — ${mb} MB (budget ${BUDGET / 1024 / 1024} MB)`);
if (size > BUDGET) {
  console.error(`package: the .vsix is over budget (${mb} MB > 8 MB): check .vscodeignore`);
  process.exit(1);
}

// Load every shipped bundle from the unpacked .vsix, with no node_modules in reach. `vscode` is the
// only module the editor provides: a stand-in answers for it. (server.js does not start when required.)
const iso = mkdtempSync(join(tmpdir(), "bc-vsix-"));
try {
  try {
    execFileSync("unzip", ["-q", out, "-d", iso]);
  } catch {
    execFileSync("python3", ["-m", "zipfile", "-e", out, iso]);
  }
  // Everything the build put in dist/ ships, apart from maps and the CLI; no sources or tests do.
  const list = (root, dir = "") =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(root, join(dir, e.name)) : [join(dir, e.name)]));
  const shipped = new Set(list(join(iso, "extension")));
  const missing = list(join(repo, "dist")).filter((f) => !f.endsWith(".map") && f !== "cli.js" && !shipped.has(join("dist", f)));
  const stray = [...shipped].filter((f) => /\.(ts|map)$/.test(f) || /(^|\/)(test|src|node_modules)\//.test(f));
  if (missing.length || stray.length) {
    console.error(`package: .vscodeignore ${missing.length ? `leaves out dist/${missing.join(", dist/")}` : ""}${stray.length ? ` ships ${stray.join(", ")}` : ""}`);
    process.exit(1);
  }
  const dist = join(iso, "extension", "dist");
  const bundles = readdirSync(dist).filter((f) => f.endsWith(".js"));
  for (const f of bundles) {
    // The stand-in: any property is a callable, constructible, extendable no-op; `version` is a version.
    const script = `const M=require("node:module");const load=M._load;const h={get:(t,p)=>p==="then"?undefined:p==="version"?"1.91.0":p===Symbol.toPrimitive?()=>"":x,apply:()=>x,construct:()=>x};const x=new Proxy(function(){},h);M._load=function(r,...a){return r==="vscode"?x:load.call(this,r,...a)};require(${JSON.stringify(join(dist, f))});`;
    try {
      execFileSync(process.execPath, ["-e", script], { cwd: iso, stdio: ["ignore", "ignore", "pipe"] });
    } catch (e) {
      console.error(`package: dist/${f} does not load from the .vsix on its own:\n${String(e.stderr ?? e).slice(0, 2000)}`);
      process.exit(1);
    }
  }
  console.log(`package: ${bundles.join(", ")} load from the unpacked .vsix without node_modules`);
} finally {
  rmSync(iso, { recursive: true, force: true });
}
