// The manifest and the JSON schema of backend-checklist.json say the same thing as the code: the zod
// schemas of the settings and the project file, the registered rules, the manifests the server knows.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_MAX_FILE_KB, projectFileSchema, resolveConfig, settingsSchema } from "../../../server/src/engine/config";
import { CHECKLIST_ITEMS } from "../../../server/src/engine/types";
import { MANIFEST_FILES } from "../../../server/src/project/model";
import { ALL_RULES } from "../../../server/src/rules";
import { LANGUAGES } from "../../src/languages";

interface JsonSchema {
  type?: string | string[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  markdownDescription?: string;
  description?: string;
  [k: string]: unknown;
}
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const schema: JsonSchema = JSON.parse(readFileSync("schemas/backend-checklist.schema.json", "utf8"));
const settings: Record<string, JsonSchema> = pkg.contributes.configuration.properties;

/** The JSON-schema type of each top-level key, as zod itself would write it. */
function zodTypes(s: z.ZodType): Record<string, string | undefined> {
  const js = z.toJSONSchema(s, { unrepresentable: "any" }) as JsonSchema;
  return Object.fromEntries(Object.entries(js.properties ?? {}).map(([k, v]) => [k, typeof v.type === "string" ? v.type : undefined]));
}

describe("extension manifest", () => {
  it("contributes exactly the settings of settingsSchema, with the same types and defaults", () => {
    const keys = Object.keys(settings).map((k) => k.replace(/^backendChecklist\./, ""));
    assert.deepEqual(keys.filter((k) => k !== "trace.server").sort(), Object.keys(settingsSchema.shape).sort());
    for (const [k, t] of Object.entries(zodTypes(settingsSchema))) assert.equal(settings[`backendChecklist.${k}`]!.type, t, k);
    const d = resolveConfig(undefined, undefined);
    assert.equal(settings["backendChecklist.maxPageSize"]!.default, d.maxPageSize);
    assert.equal(settings["backendChecklist.includeTests"]!.default, d.includeTests);
    assert.equal(settings["backendChecklist.maxFileSizeKb"]!.default, DEFAULT_MAX_FILE_KB);
    assert.deepEqual(settings["backendChecklist.trace.server"]!.enum, ["off", "messages", "verbose"]);
  });

  it("describes every registered rule, with its default severity", () => {
    const inSettings = settings["backendChecklist.rules"]!.properties!;
    const inSchema = schema.properties!.rules!.properties!;
    for (const r of ALL_RULES) {
      assert.ok(inSettings[r.id]?.markdownDescription?.includes(`Default: \`${r.severity}\``), `backendChecklist.rules.${r.id} in package.json`);
      assert.ok(inSchema[r.id]?.description?.includes(`Default: ${r.severity}.`), `rules.${r.id} in the JSON schema`);
    }
  });

  it("activates lazily on the five languages and on backend manifests", () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes("*") && !events.includes("onStartupFinished"));
    for (const l of LANGUAGES) assert.ok(events.includes(`onLanguage:${l}`), l);
    const globs = events.filter((e) => e.startsWith("workspaceContains:")).join(" ");
    for (const m of [...Object.keys(MANIFEST_FILES), "backend-checklist.json"]) assert.ok(globs.includes(m), m);
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === "backendChecklist.restartServer"));
    assert.equal(pkg.engines.vscode, "^1.91.0");
  });

  it("ships a JSON schema for backend-checklist.json matching projectFileSchema", () => {
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: "backend-checklist.json", url: "./schemas/backend-checklist.schema.json" }]);
    assert.deepEqual(Object.keys(schema.properties!).sort(), Object.keys(projectFileSchema.shape).sort());
    for (const [k, t] of Object.entries(zodTypes(projectFileSchema))) assert.equal(schema.properties![k]!.type, t, k);
    assert.deepEqual(Object.keys(schema.properties!.checklist!.properties!).sort(), [...CHECKLIST_ITEMS].sort());
  });
});
