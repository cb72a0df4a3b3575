import { prefetched } from "../_shared/app-nodes";
import { defineRule, type Detector } from "../../engine/rule";
import type { LanguageFamily } from "../../engine/types";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

/**
 * CLI/script files (shebang, bin/, scripts/, package.json bin, management commands, migrations,
 * seeds) and tests run one task at a time: a synchronous call there blocks no one else's request.
 */
function serviceCodeOnly(detectors: Partial<Record<LanguageFamily, Detector>>): Partial<Record<LanguageFamily, Detector>> {
  const out: Partial<Record<LanguageFamily, Detector>> = {};
  for (const [family, detect] of Object.entries(detectors) as Array<[LanguageFamily, Detector]>) {
    out[family] = (ctx) => {
      if (ctx.file.isScript || ctx.file.isTest) return;
      detect(ctx);
    };
  }
  return out;
}

export default defineRule({
  id: "blocking-call-in-async",
  checklistItem: "async-io",
  severity: "warning",
  languages: ["ts", "python", "rust"],
  fixable: true,
  description: "Blocking I/O or CPU-heavy synchronous calls inside async code.",
  detectors: prefetched(serviceCodeOnly({ ts, python, rust })),
});
