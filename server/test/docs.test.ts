// Each rule page's examples are linted (typescript-eslint's docs test): every code block under
// "## Example" gives exactly one finding of the rule, every block under "## Instead" gives none.
// A block's info string is its language, optionally with `file=<path>` to name it; blocks of
// manifests (`json file=package.json`, `toml file=Cargo.toml`, …) are written beside the example.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { scanWorkspace } from "../src/project/scan";
import { ALL_RULES } from "../src/rules";

const EXT: Record<string, string> = { python: "py", py: "py", ts: "ts", typescript: "ts", js: "js", javascript: "js", go: "go", rust: "rs", rs: "rs", java: "java" };

interface Block {
  section: string;
  lang: string;
  file?: string;
  code: string;
}

export function docBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let section = "";
  const re = /^(## .*)$|^```([^\n]*)\n([\s\S]*?)^```/gm;
  for (const m of text.matchAll(re)) {
    if (m[1]) {
      section = m[1].slice(3).trim();
      continue;
    }
    const [lang = "", ...rest] = m[2]!.trim().split(/\s+/);
    const file = rest.find((r) => r.startsWith("file="))?.slice(5);
    blocks.push({ section, lang, file, code: m[3]! });
  }
  return blocks;
}

async function findingsFor(rule: string, block: Block, context: Block[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "bc-doc-"));
  for (const c of context) {
    mkdirSync(dirname(join(dir, c.file!)), { recursive: true });
    writeFileSync(join(dir, c.file!), c.code);
  }
  const name = block.file ?? `src/example.${EXT[block.lang]}`;
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), block.code);
  const scan = await scanWorkspace([dir], { rules: ALL_RULES });
  return scan.findings.filter((f) => f.rule === rule).length;
}

describe("rule docs examples", function () {
  this.timeout(60000);
  for (const rule of ALL_RULES) {
    const page = join(process.cwd(), "docs/rules", `${rule.id}.md`);
    if (!existsSync(page)) continue;
    const blocks = docBlocks(readFileSync(page, "utf8"));
    const context = blocks.filter((b) => b.file && !EXT[b.lang]);
    const code = blocks.filter((b) => EXT[b.lang] && (b.section === "Example" || b.section === "Instead"));
    it(`${rule.id}: has examples`, () => {
      assert.ok(code.some((b) => b.section === "Example"), "no code block under ## Example");
      assert.ok(code.some((b) => b.section === "Instead"), "no code block under ## Instead");
    });
    code.forEach((b, i) => {
      it(`${rule.id}: ${b.section} block ${i + 1} (${b.lang}) gives ${b.section === "Example" ? "exactly one finding" : "no finding"}`, async () => {
        const n = await findingsFor(rule.id, b, context);
        assert.equal(n, b.section === "Example" ? 1 : 0, b.code);
      });
    });
  }
});
