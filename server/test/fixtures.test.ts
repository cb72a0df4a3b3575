// Every rule's fixtures: annotations must match exactly, and every fix golden must hold.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "../src/rules";
import { checkGoldens, compare, prepare } from "./harness";

const FIXTURES = join(process.cwd(), "server", "test", "fixtures");

describe("rule fixtures", function () {
  this.timeout(120000);
  for (const rule of ALL_RULES) {
    const dir = join(FIXTURES, rule.id);
    if (!existsSync(dir)) continue; // the registry test reports missing fixtures
    for (const lang of readdirSync(dir)) {
      describe(`${rule.id} [${lang}]`, () => {
        const prep = prepare(join(dir, lang));
        it("reports exactly the expected findings", async () => {
          const { missing, extra } = await compare(prep, [rule.id]);
          assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
        });
        it("fix goldens hold (output, parses, finding gone, idempotent)", async () => {
          const results = await checkGoldens(prepare(join(dir, lang)));
          for (const r of results) assert.deepEqual(r.problems, [], r.file);
        });
      });
    }
  }
});
