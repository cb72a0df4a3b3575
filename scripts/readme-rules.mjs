// Regenerates the rule table in README.md from the rules' metadata (`backend-checklist rules --format
// markdown`), between the <!-- rules:begin --> and <!-- rules:end --> markers. `--check` fails when stale.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const table = execFileSync(process.execPath, ["dist/cli.js", "rules", "--format", "markdown"], { encoding: "utf8" });
const readme = readFileSync("README.md", "utf8");
const re = /(<!-- rules:begin -->\n)[\s\S]*?(<!-- rules:end -->)/;
if (!re.test(readme)) throw new Error("README.md has no rules markers");
const next = readme.replace(re, `$1${table}$2`);
if (process.argv.includes("--check")) {
  if (next !== readme) {
    console.error("README.md rule table is stale: run `npm run readme`");
    process.exit(1);
  }
} else writeFileSync("README.md", next);
