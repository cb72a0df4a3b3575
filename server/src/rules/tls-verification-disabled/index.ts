import { defineRule } from "../../engine/rule";
import { go } from "./go";
import { java } from "./java";
import { python } from "./python";
import { rust } from "./rust";
import { ts } from "./ts";

export default defineRule({
  id: "tls-verification-disabled",
  checklistItem: "transport-security",
  severity: "error",
  languages: ["ts", "python", "go", "rust", "java"],
  fixable: false,
  description: "TLS certificate or hostname verification switched off.",
  // The names every detector matches on (a necessary condition).
  textFilter: {
    ts: /rejectUnauthorized|strictSSL|NODE_TLS_REJECT_UNAUTHORIZED/,
    python: /verify|cert_reqs|check_hostname|_create_unverified_context|aiohttp/,
    go: /InsecureSkipVerify/,
    rust: /set_certificate_verifier|with_custom_certificate_verifier|danger_accept_invalid/,
    java: /ostnameVerifier|HOSTNAME_VERIFIER|TrustAllStrategy|loadTrustMaterial|checkServerTrusted|SSLSession/,
  },
  detectors: { ts, python, go, rust, java },
});
