// The 16 checklist items (RULES.md / CHECKLIST.md), with how each is judged when no person attests it.
import type { ChecklistItemId } from "../engine/types";

export interface ChecklistItemDef {
  id: ChecklistItemId;
  title: string;
  /** "evidence": needs positive evidence to be met; "absence": met when there is something to judge and no finding. */
  judgedBy: "evidence" | "absence";
}

export const CHECKLIST: readonly ChecklistItemDef[] = [
  { id: "openapi-contract", title: "API contract defined with OpenAPI", judgedBy: "evidence" },
  { id: "input-validation", title: "Input validation on all endpoints", judgedBy: "absence" },
  { id: "auth", title: "Proper authentication and authorization", judgedBy: "evidence" },
  { id: "secrets-in-env", title: "Secrets in environment variables", judgedBy: "absence" },
  { id: "error-handling", title: "Structured error handling with context", judgedBy: "absence" },
  { id: "connection-pooling", title: "Database connection pooling", judgedBy: "evidence" },
  { id: "query-optimization", title: "Query optimization (no N+1)", judgedBy: "absence" },
  { id: "rate-limiting", title: "Rate limiting implemented", judgedBy: "evidence" },
  { id: "logging-correlation", title: "Comprehensive logging with correlation IDs", judgedBy: "evidence" },
  { id: "tests", title: "Unit and integration tests", judgedBy: "evidence" },
  { id: "type-annotations", title: "Type hints/annotations everywhere", judgedBy: "absence" },
  { id: "security-headers", title: "Security headers configured", judgedBy: "evidence" },
  { id: "cors", title: "CORS properly configured", judgedBy: "absence" },
  { id: "api-versioning", title: "API versioning strategy", judgedBy: "evidence" },
  { id: "transport-security", title: "TLS for transport", judgedBy: "absence" },
  { id: "async-io", title: "Async/await for I/O, no blocking calls in async code", judgedBy: "absence" },
];
