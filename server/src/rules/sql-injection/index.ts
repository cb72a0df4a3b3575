import { defineRule, type Detector } from "../../engine/rule";
import { withNodes } from "../_shared/errors";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

/** Schema migrations run with constants chosen by the developer, never with request data. */
const MIGRATION = /(^|\/)(migrations|alembic|migrate|db\/migrate|flyway|liquibase)\//i;
const skipMigrations = (d: Detector): Detector => (ctx) => {
  if (MIGRATION.test(ctx.file.relPath)) return;
  d(ctx);
};

export default defineRule({
  id: "sql-injection",
  checklistItem: "input-validation",
  severity: "error",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "SQL text built by concatenation, interpolation or formatting of non-constant values and passed to an execution API.",
  detectors: withNodes(
    { ts: skipMigrations(ts), python: skipMigrations(python), go: skipMigrations(go), rust: skipMigrations(rust), java: skipMigrations(java) },
    {
      ts: ["call_expression", "lexical_declaration"],
      go: ["call_expression", "const_spec"],
      rust: ["const_item", "static_item", "call_expression"],
      java: ["field_declaration", "method_invocation"],
    },
  ),
});
