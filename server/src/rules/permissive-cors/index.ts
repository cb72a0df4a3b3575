import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "permissive-cors",
  checklistItem: "cors",
  severity: "warning",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "CORS configured to accept any origin (an error when credentials are allowed too).",
  detectors: { ts, python, go, rust, java },
});
