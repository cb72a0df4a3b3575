// Typed messages shared by the client, the server and the webview. Every custom request and
// notification is declared here once, with a zod schema checked at each boundary.
import { z } from "zod";

export const RULES_NAMESPACE = "backendChecklist";

const position = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
export const rangeSchema = z.object({ start: position, end: position });

/** What rides in Diagnostic.data: the fixes of the finding and the document version it came from. */
export const diagnosticDataSchema = z.object({
  version: z.number().int(),
  fixes: z.array(
    z.object({
      title: z.string(),
      applicability: z.enum(["safe", "unsafe"]),
      edits: z.array(z.object({ range: rangeSchema, newText: z.string() })),
      files: z.array(z.object({ kind: z.literal("env-var"), name: z.string(), valueFrom: rangeSchema, unescape: z.boolean().optional() })).optional(),
      deferred: z.object({ resolver: z.string(), payload: z.record(z.string(), z.unknown()) }).optional(),
    }),
  ),
});
export type DiagnosticData = z.infer<typeof diagnosticDataSchema>;

/** What rides in CodeAction.data until codeAction/resolve. */
export const codeActionDataSchema = z.object({
  uri: z.string(),
  version: z.number().int(),
  rule: z.string(),
  fix: diagnosticDataSchema.shape.fixes.element,
});
export type CodeActionData = z.infer<typeof codeActionDataSchema>;

export const Methods = {
  /** Client → server: the checklist of every project in the workspace. */
  checklist: "backendChecklist/checklist",
  /** Server → client: the checklist changed (payload as the request's result). */
  checklistChanged: "backendChecklist/checklistChanged",
  /** Client → server: the route inventory. */
  routes: "backendChecklist/routes",
  /** Client → server: attest or un-attest an item. */
  attest: "backendChecklist/attest",
} as const;

// ---------------------------------------------------------------------------------------------
// The checklist (CHECKLIST.md; the CLI JSON shape of RULES.md plus what the panel needs).

export const ITEM_STATUSES = ["met", "partial", "not-met", "unknown", "not-applicable", "done"] as const;
export const itemStatusSchema = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

const int = z.number().int();
const line = int.nonnegative();

export const evidenceEntrySchema = z.object({
  file: z.string(),
  line,
  text: z.string(),
  column: line.optional(),
  endLine: line.optional(),
  endColumn: line.optional(),
});
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;

export const itemFindingSchema = z.object({
  file: z.string(),
  line,
  rule: z.string(),
  column: line.optional(),
  endLine: line.optional(),
  endColumn: line.optional(),
  message: z.string().optional(),
  severity: z.enum(["error", "warning", "info"]).optional(),
});
export type ItemFinding = z.infer<typeof itemFindingSchema>;

export const attestationWireSchema = z.object({
  status: z.enum(["done", "not-applicable"]),
  note: z.string().optional(),
  by: z.string().optional(),
  at: z.string().optional(),
});

export const checklistItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: itemStatusSchema,
  evidence: z.array(evidenceEntrySchema),
  findings: z.array(itemFindingSchema),
  attestation: attestationWireSchema.nullable(),
  /** What the code alone shows (equals `status` without an attestation). */
  computedStatus: itemStatusSchema,
  /** Why the computed status is what it is, in a sentence (not-applicable reason, what is missing). */
  reason: z.string().nullable(),
  /** An attestation the code now contradicts (findings of the item exist). */
  contradicted: z.boolean(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const routeEntrySchema = z.object({
  project: z.string(),
  method: z.string(),
  path: z.string(),
  file: z.string(),
  line,
  handler: z.string(),
  auth: z.boolean(),
  validated: z.boolean().nullable(),
  paginationBounded: z.boolean().nullable(),
});
export type RouteEntryWire = z.infer<typeof routeEntrySchema>;

export const configProblemSchema = z.object({ file: z.string(), line, column: line, message: z.string() });

export const projectChecklistSchema = z.object({
  name: z.string(),
  path: z.string(),
  languages: z.array(z.string()),
  frameworks: z.array(z.string()),
  progress: z.number().min(0).max(1),
  items: z.array(checklistItemSchema),
  /** Server only: absolute project root (the key of attestations) and the folder `file`s are relative to. */
  root: z.string().optional(),
  base: z.string().optional(),
  /** Server only: recent scores, oldest first (the trend). */
  history: z.array(z.number().min(0).max(1)).optional(),
  /** backend-checklist.json does not parse: never rewritten; shown with its place. */
  configProblem: configProblemSchema.optional(),
  routes: z.array(routeEntrySchema).optional(),
});
export type ProjectChecklistWire = z.infer<typeof projectChecklistSchema>;

export const checklistPayloadSchema = z.object({
  projects: z.array(projectChecklistSchema),
  routes: z.array(routeEntrySchema),
  /** While the background scan runs: files done / total; the projects are partial. */
  scanning: z.object({ done: int.nonnegative(), total: int.nonnegative() }).nullable().optional(),
});
export type ChecklistPayload = z.infer<typeof checklistPayloadSchema>;

/** backendChecklist/attest: `status: null` removes the attestation. */
export const attestParamsSchema = z.object({
  root: z.string().min(1),
  item: z.string().min(1),
  status: z.enum(["done", "not-applicable"]).nullable(),
  note: z.string().max(2000).optional(),
});
export type AttestParams = z.infer<typeof attestParamsSchema>;

export const attestResultSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string(), file: z.string().optional(), line: line.optional(), column: line.optional() }),
]);
export type AttestResult = z.infer<typeof attestResultSchema>;

export const ChecklistMethods = {
  /** Client → server: the checklist as a markdown report (for "Export report"). */
  report: "backendChecklist/report",
  /** Client → server: re-read the workspace from disk, then answer with the checklist payload. */
  refresh: "backendChecklist/refresh",
} as const;

// ---------------------------------------------------------------------------------------------
// Webview ⇄ extension messages. Both sides parse every message with these schemas.

export const toWebviewSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("update"), payload: checklistPayloadSchema }),
  z.object({ type: z.literal("filter"), openOnly: z.boolean() }),
  z.object({ type: z.literal("attestResult"), root: z.string(), item: z.string(), result: attestResultSchema }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

const openTarget = z.object({ base: z.string(), file: z.string().min(1), line, column: line.optional(), endLine: line.optional(), endColumn: line.optional() });

export const fromWebviewSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  openTarget.extend({ type: z.literal("open") }),
  z.object({ type: z.literal("attest"), root: z.string(), item: z.string(), status: z.enum(["done", "not-applicable"]), note: z.string().max(2000) }),
  z.object({ type: z.literal("unattest"), root: z.string(), item: z.string() }),
  z.object({ type: z.literal("refresh") }),
  z.object({ type: z.literal("export") }),
  z.object({ type: z.literal("setFilter"), openOnly: z.boolean() }),
  z.object({ type: z.literal("openFolder") }),
]);
export type FromWebview = z.infer<typeof fromWebviewSchema>;

/** What the client passes in initializationOptions. */
export const initializationOptionsSchema = z.object({ storagePath: z.string().optional(), workspaceTrusted: z.boolean().optional() }).loose();
