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
  // A CORS library, option or header name (a necessary condition): `cors`, @CrossOrigin,
  // Access-Control-Allow-Origin / ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin / AllowOrigins /
  // AllowedOrigins / AllowAllOrigins / allow_any_origin / allowedOrigins.
  textFilter: /cors|crossorigin|access[-_]control|allow_?(any_)?origin|allowed_?origin|allowallorigins/i,
  detectors: { ts, python, go, rust, java },
});
