import { defineRule, type Detector, type FileContext } from "../../engine/rule";
import { prefetchInputNodes } from "../_shared/input-common";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust, rustProject } from "./rust";
import { PaginationState } from "./shared";
import { ts } from "./ts";

type PaginationDetector = (ctx: FileContext, state: PaginationState) => void;
const run = (d: PaginationDetector): Detector => (ctx) => {
  prefetchInputNodes(ctx);
  d(ctx, new PaginationState());
};

/** The per-language analyses, also run (silently) by missing-input-validation for the `route-input` fact. */
export const PAGINATION: Record<"ts" | "python" | "go" | "rust" | "java", PaginationDetector> = { ts, python, go, rust, java };

export default defineRule({
  id: "unbounded-pagination",
  checklistItem: "input-validation",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: true,
  description: "A page-size request parameter reaches a query or slice with no upper bound.",
  detectors: { ts: run(ts), python: run(python), go: run(go), rust: run(rust), java: run(java) },
  // Axum/Actix query structs are often declared in another module than the handlers that read them.
  project: rustProject,
});
