import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "connection-per-request",
  checklistItem: "connection-pooling",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "A new database connection or client opened per request instead of taken from a pool.",
  detectors: prefetched({ ts, python, go, rust, java }),
});
