// The rule registry: every folder under rules/ with an index.ts, registered by scripts/gen-rules.mjs.
import type { Rule } from "../engine/rule";
import { ALL_RULES } from "./registry.generated";

export { ALL_RULES };

const byId = new Map(ALL_RULES.map((r) => [r.id, r]));
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
