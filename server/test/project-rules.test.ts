// Project-level rules (missing-security-headers, missing-rate-limit) decide over the facts of every file
// of a project: an edit in one file must change the findings reported in another. Exercised through the
// engine API the server uses (analyzeFile per file, analyzeProject over the cached facts), and through
// scanWorkspace on disk.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeFile, analyzeProject, type FileResult } from "../src/engine/analyze";
import { resolveConfig } from "../src/engine/config";
import { languageOf } from "../src/engine/files";
import { initParsers, parse } from "../src/languages/parser";
import { detectFrameworks, type ProjectInfo } from "../src/project/model";
import { makeParsedFile, scanWorkspace } from "../src/project/scan";
import { ALL_RULES } from "../src/rules";

const RULES = ["missing-security-headers", "missing-rate-limit"];
const root = "/virtual/shop";

function project(deps: string[]): ProjectInfo {
  return { root, name: "shop", manifests: ["package.json"], dependencies: deps, binFiles: [], frameworks: detectFrameworks(deps), rootFiles: [], config: resolveConfig(undefined, undefined) };
}

function analyse(info: ProjectInfo, rel: string, text: string): FileResult {
  const path = `${root}/${rel}`;
  const tree = parse(languageOf(path)!, text);
  try {
    return analyzeFile(makeParsedFile(path, info, text, languageOf(path)!, tree), info, ALL_RULES);
  } finally {
    tree.delete();
  }
}

function projectFindings(info: ProjectInfo, files: Map<string, FileResult>): string[] {
  const { findings } = analyzeProject(
    info,
    [...files].map(([rel, r]) => ({ path: `${root}/${rel}`, facts: r.facts, suppressions: r.suppressions })),
    ALL_RULES,
  );
  return findings.filter((f) => RULES.includes(f.rule)).map((f) => `${f.file.slice(root.length + 1)}:${f.range.start.line + 1}:${f.rule}`).sort();
}

const APP = `import express from "express";\nimport { router } from "./routes";\n\nexport const app = express();\napp.use(router);\n`;
const MIDDLEWARE_NONE = `export function noop(): void {}\n`;
const MIDDLEWARE_BOTH = `import helmet from "helmet";\nimport rateLimit from "express-rate-limit";\nimport { app } from "./app";\n\napp.use(helmet());\napp.use(rateLimit({ limit: 100 }));\n`;

describe("project rules follow changes in other files", function () {
  this.timeout(60000);
  before(() => initParsers());

  it("adding helmet and a limiter in another file clears the findings on the app line", () => {
    const info = project(["express"]);
    const files = new Map<string, FileResult>([
      ["src/app.ts", analyse(info, "src/app.ts", APP)],
      ["src/security.ts", analyse(info, "src/security.ts", MIDDLEWARE_NONE)],
    ]);
    assert.deepEqual(projectFindings(info, files), ["src/app.ts:4:missing-rate-limit", "src/app.ts:4:missing-security-headers"]);

    files.set("src/security.ts", analyse(info, "src/security.ts", MIDDLEWARE_BOTH));
    assert.deepEqual(projectFindings(info, files), []);

    // Only the limiter left: the header finding comes back, the rate-limit one stays away.
    files.set("src/security.ts", analyse(info, "src/security.ts", MIDDLEWARE_BOTH.replace(/.*helmet.*\n/g, "")));
    assert.deepEqual(projectFindings(info, files), ["src/app.ts:4:missing-security-headers"]);
  });

  it("a manifest dependency counts as evidence (the project model changes, not a source file)", () => {
    const files = new Map<string, FileResult>();
    const bare = project(["express"]);
    files.set("src/app.ts", analyse(bare, "src/app.ts", APP));
    assert.equal(projectFindings(bare, files).length, 2);
    const guarded = project(["express", "helmet", "express-rate-limit"]);
    files.set("src/app.ts", analyse(guarded, "src/app.ts", APP));
    assert.deepEqual(projectFindings(guarded, files), []);
  });

  it("scanWorkspace: a new app file adds the findings, a limiter in another file removes one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bc-project-"));
    writeFileSync(join(dir, "requirements.txt"), "fastapi==0.111.0\n");
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app", "util.py"), "def ping() -> str:\n    return 'pong'\n");
    let scan = await scanWorkspace([dir], { rules: ALL_RULES });
    assert.equal(scan.findings.filter((f) => RULES.includes(f.rule)).length, 0, "no app, no finding");

    writeFileSync(join(dir, "app", "main.py"), "from fastapi import FastAPI\n\napp = FastAPI()\n");
    scan = await scanWorkspace([dir], { rules: ALL_RULES });
    assert.deepEqual(scan.findings.filter((f) => RULES.includes(f.rule)).map((f) => `${f.range.start.line + 1}:${f.rule}`).sort(), ["3:missing-rate-limit", "3:missing-security-headers"]);

    writeFileSync(join(dir, "app", "util.py"), "from slowapi import Limiter\nfrom slowapi.util import get_remote_address\n\nlimiter = Limiter(key_func=get_remote_address)\n");
    scan = await scanWorkspace([dir], { rules: ALL_RULES });
    assert.deepEqual(scan.findings.filter((f) => RULES.includes(f.rule)).map((f) => `${f.range.start.line + 1}:${f.rule}`), ["3:missing-security-headers"]);
  });
});
