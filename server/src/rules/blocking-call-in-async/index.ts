import { prefetched } from "../_shared/app-nodes";
import { defineRule } from "../../engine/rule";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "blocking-call-in-async",
  checklistItem: "async-io",
  severity: "warning",
  languages: ["ts", "python", "rust"],
  fixable: true,
  description: "Blocking I/O or CPU-heavy synchronous calls inside async code.",
  detectors: prefetched({ ts, python, rust }),
});
