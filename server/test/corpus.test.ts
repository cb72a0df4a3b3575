// The shared labelled corpus (../shared/corpus): for every registered rule, findings must match the
// annotations, except for the entries of corpus-known.json — each with its reason, and each checked to
// still be a miss (a stale entry fails too). Per rule and language, precision ≥ 0.95 and recall ≥ 0.90.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "../src/rules";
import { compare, prepare } from "./harness";

const CORPUS = join(process.cwd(), "..", "shared", "corpus");
const KNOWN = join(process.cwd(), "server", "test", "corpus-known.json");

describe("shared corpus", function () {
  this.timeout(300000);
  if (!existsSync(CORPUS)) {
    it("is present", function () {
      if (process.env.CI) assert.fail(`${CORPUS} not found`);
      console.warn(`  (skipped: ${CORPUS} not found; it sits beside the project in the workplace)`);
      this.skip();
    });
    return;
  }
  let result: Awaited<ReturnType<typeof compare>>;
  before(async () => {
    result = await compare(prepare(CORPUS));
  });
  it("matches the annotations, apart from the documented known misses", () => {
    const known = existsSync(KNOWN) ? (JSON.parse(readFileSync(KNOWN, "utf8")) as { missing?: Record<string, string>; extra?: Record<string, string> }) : {};
    assert.deepEqual(
      { missing: result.missing, extra: result.extra },
      { missing: Object.keys(known.missing ?? {}).sort(), extra: Object.keys(known.extra ?? {}).sort() },
    );
  });
  it("meets precision ≥ 0.95 and recall ≥ 0.90 per rule and language", () => {
    const problems: string[] = [];
    const tally = new Map<string, { tp: number; fp: number; fn: number }>();
    const key = (k: string) => `${k.slice(k.lastIndexOf(":") + 1)} [${k.split("/")[0]}]`;
    const row = (k: string) => tally.get(k) ?? (tally.set(k, { tp: 0, fp: 0, fn: 0 }), tally.get(k)!);
    const prep = prepare(CORPUS);
    const ruleIds = new Set(ALL_RULES.map((r) => r.id));
    for (const k of prep.expected) if (ruleIds.has(k.slice(k.lastIndexOf(":") + 1))) row(key(k)).tp++;
    for (const k of result.missing) {
      row(key(k)).tp--;
      row(key(k)).fn++;
    }
    for (const k of result.extra) row(key(k)).fp++;
    for (const [k, t] of tally) {
      const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
      const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
      if (p < 0.95 || r < 0.9) problems.push(`${k}: precision ${p.toFixed(2)} recall ${r.toFixed(2)}`);
    }
    assert.deepEqual(problems, []);
  });
});
