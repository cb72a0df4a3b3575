// Every rule folder is registered, documented with the fixed headings, and has positive and negative
// fixtures in every language it claims.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CHECKLIST_ITEMS } from "../src/engine/types";
import { ALL_RULES } from "../src/rules";
import { ANNOT } from "./harness";

const ROOT = process.cwd();
const HEADINGS = ["## What it flags", "## Why it matters", "## Example", "## Instead", "## Fix", "## Options"];

function annotations(dir: string): { expect: number; ok: number } {
  const n = { expect: 0, ok: 0 };
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else for (const m of readFileSync(p, "utf8").matchAll(ANNOT)) n[m[1] as "expect" | "ok"]++;
    }
  };
  visit(dir);
  return n;
}

describe("rule registry", () => {
  const folders = readdirSync(join(ROOT, "server/src/rules"), { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith("_")).map((d) => d.name);
  it("registers every rule folder, id = folder name", () => {
    assert.deepEqual(ALL_RULES.map((r) => r.id).sort(), folders.sort());
  });
  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      it("has valid metadata", () => {
        assert.ok(CHECKLIST_ITEMS.includes(rule.checklistItem));
        assert.ok(rule.description.length > 10);
        assert.ok(rule.languages.length > 0);
      });
      it("has a docs page with the fixed headings", () => {
        const page = join(ROOT, "docs/rules", `${rule.id}.md`);
        assert.ok(existsSync(page), `missing ${page}`);
        const text = readFileSync(page, "utf8");
        let at = -1;
        for (const h of HEADINGS) {
          const i = text.indexOf(h);
          assert.ok(i > at, `${rule.id}.md: heading "${h}" missing or out of order`);
          at = i;
        }
      });
      for (const lang of rule.languages) {
        it(`has positive and negative fixtures for ${lang}`, () => {
          const dir = join(ROOT, "server/test/fixtures", rule.id, lang);
          assert.ok(existsSync(dir), `missing ${dir}`);
          const n = annotations(dir);
          assert.ok(n.expect > 0, `${rule.id}/${lang}: no expect: annotation`);
          assert.ok(n.ok > 0, `${rule.id}/${lang}: no ok: annotation`);
        });
      }
    });
  }
});
