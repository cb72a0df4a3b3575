// The 16 checklist items (RULES.md / CHECKLIST.md), with how each is judged when no person attests it.
import type { ChecklistItemId, LanguageFamily } from "../engine/types";

export interface ChecklistItemDef {
  id: ChecklistItemId;
  title: string;
  /** "evidence": needs positive evidence to be met; "absence": met when there is something to judge and no finding. */
  judgedBy: "evidence" | "absence";
  /** Pieces of evidence the item needs together (CHECKLIST.md: "… and …"); one alone is partial. */
  parts?: Array<{ id: string; label: string }>;
}

export const CHECKLIST: readonly ChecklistItemDef[] = [
  { id: "openapi-contract", title: "API contract defined with OpenAPI", judgedBy: "evidence" },
  { id: "input-validation", title: "Input validation on all endpoints", judgedBy: "absence" },
  {
    id: "auth",
    title: "Proper authentication and authorization",
    judgedBy: "evidence",
    parts: [
      { id: "mechanism", label: "an authentication mechanism" },
      { id: "rbac", label: "role/permission checks (RBAC)" },
    ],
  },
  { id: "secrets-in-env", title: "Secrets in environment variables", judgedBy: "absence" },
  { id: "error-handling", title: "Structured error handling with context", judgedBy: "absence" },
  { id: "connection-pooling", title: "Database connection pooling", judgedBy: "evidence" },
  { id: "query-optimization", title: "Query optimization (no N+1)", judgedBy: "absence" },
  { id: "rate-limiting", title: "Rate limiting implemented", judgedBy: "evidence" },
  {
    id: "logging-correlation",
    title: "Comprehensive logging with correlation IDs",
    judgedBy: "evidence",
    parts: [
      { id: "logger", label: "a structured logger" },
      { id: "correlation", label: "a request/correlation id" },
    ],
  },
  {
    id: "tests",
    title: "Unit and integration tests",
    judgedBy: "evidence",
    parts: [
      { id: "unit", label: "unit tests" },
      { id: "integration", label: "HTTP-level integration tests" },
    ],
  },
  { id: "type-annotations", title: "Type hints/annotations everywhere", judgedBy: "absence" },
  { id: "security-headers", title: "Security headers configured", judgedBy: "evidence" },
  { id: "cors", title: "CORS properly configured", judgedBy: "absence" },
  { id: "api-versioning", title: "API versioning strategy", judgedBy: "evidence" },
  { id: "transport-security", title: "TLS for transport", judgedBy: "absence" },
  { id: "async-io", title: "Async/await for I/O, no blocking calls in async code", judgedBy: "absence" },
];

const ALL: LanguageFamily[] = ["ts", "python", "go", "rust", "java"];

/**
 * The rule catalogue of RULES.md: which item each rule serves and which language families it covers.
 * Kept here (not read from the registry) because the rules land in parallel: an item's applicability
 * must not depend on which rules happen to be merged. Registered rules are added on top.
 */
export const RULE_CATALOGUE: Record<string, { item: ChecklistItemId; languages: LanguageFamily[] }> = {
  "hardcoded-secret": { item: "secrets-in-env", languages: ALL },
  "error-without-cause": { item: "error-handling", languages: ALL },
  "swallowed-exception": { item: "error-handling", languages: ALL },
  "broad-exception-handler": { item: "error-handling", languages: ["python", "java"] },
  "internal-error-exposure": { item: "error-handling", languages: ALL },
  "debug-mode-enabled": { item: "error-handling", languages: ["python", "go", "ts", "java", "rust"] },
  "unbounded-pagination": { item: "input-validation", languages: ALL },
  "missing-input-validation": { item: "input-validation", languages: ALL },
  "sql-injection": { item: "input-validation", languages: ALL },
  "permissive-cors": { item: "cors", languages: ALL },
  "jwt-without-expiry": { item: "auth", languages: ALL },
  "jwt-verification-disabled": { item: "auth", languages: ALL },
  "missing-auth": { item: "auth", languages: ALL },
  "tls-verification-disabled": { item: "transport-security", languages: ALL },
  "blocking-call-in-async": { item: "async-io", languages: ["ts", "python", "rust"] },
  "n-plus-one-query": { item: "query-optimization", languages: ALL },
  "connection-per-request": { item: "connection-pooling", languages: ALL },
  "unstructured-logging": { item: "logging-correlation", languages: ALL },
  "missing-type-annotations": { item: "type-annotations", languages: ["ts", "python"] },
  "missing-security-headers": { item: "security-headers", languages: ALL },
  "missing-rate-limit": { item: "rate-limiting", languages: ALL },
};

export const FAMILY_NAMES: Record<LanguageFamily, string> = { ts: "TypeScript/JavaScript", python: "Python", go: "Go", rust: "Rust", java: "Java" };
