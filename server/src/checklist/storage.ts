// What the server keeps between sessions, in the extension's storage folder (never the user's repo):
// per-file analysis results by content hash (bounded), and each project's score history (compact:
// one entry per change, capped). A corrupt or foreign file is ignored with a notice; nothing else
// is lost, and both are rewritten atomically.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { diagnosticDataSchema, ITEM_STATUSES, rangeSchema, type ItemStatus } from "../../../protocol";
import type { FileResult } from "../engine/analyze";
import type { ResultCache } from "../project/scan";

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function readJson(path: string): { value?: unknown; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    return { problem: `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { problem: `${path} is corrupt (${e instanceof Error ? e.message : String(e)}); starting afresh` };
  }
}

const findingSchema = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  checklistItem: z.string(),
  message: z.string(),
  file: z.string(),
  range: rangeSchema,
  fixes: diagnosticDataSchema.shape.fixes,
});
const fileResultSchema = z.object({
  findings: z.array(findingSchema),
  facts: z.array(z.object({ kind: z.string(), file: z.string(), range: rangeSchema, data: z.record(z.string(), z.unknown()) })),
  suppressions: z.object({ lines: z.record(z.string(), z.array(z.string())), file: z.array(z.string()) }),
  errors: z.record(z.string(), z.string()),
});
const cacheFileSchema = z.object({ format: z.literal(1), key: z.string(), entries: z.array(z.tuple([z.string(), fileResultSchema])) });

export interface PersistentCacheOptions {
  /** Entries kept at most. */
  maxEntries?: number;
  /** Size of the cache file at most (bytes); the oldest entries are dropped to fit. */
  maxBytes?: number;
  /** Entries written under another key (engine version, analyzer set) are not reused. */
  key: string;
  saveDelayMs?: number;
}

/** A result cache kept in memory (LRU) and saved to `<dir>/results-cache.json`. */
export class PersistentCache implements ResultCache {
  private map = new Map<string, FileResult>();
  private timer: NodeJS.Timeout | undefined;
  readonly path: string;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  notice: string | undefined;

  constructor(
    readonly dir: string,
    private readonly opts: PersistentCacheOptions,
  ) {
    this.path = join(dir, "results-cache.json");
    this.maxEntries = opts.maxEntries ?? 20000;
    this.maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
    this.load();
  }

  private load(): void {
    const raw = readJson(this.path);
    if (raw.problem) this.notice = raw.problem;
    if (raw.value === undefined) return;
    const parsed = cacheFileSchema.safeParse(raw.value);
    if (!parsed.success) {
      this.notice = `${this.path} has an unexpected shape; ignored`;
      return;
    }
    if (parsed.data.key !== this.opts.key) return; // another engine version: start afresh
    // Validated by the schema above; the zod type differs only in branded string unions.
    for (const [k, v] of parsed.data.entries.slice(-this.maxEntries)) this.map.set(k, v as unknown as FileResult);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): FileResult | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: FileResult): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, this.opts.saveDelayMs ?? 5000);
    this.timer.unref?.();
  }

  /** Write the cache now (bounded: the newest entries that fit in maxBytes). */
  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const entries = [...this.map.entries()];
    const parts: string[] = [];
    let bytes = 64;
    for (let i = entries.length - 1; i >= 0; i--) {
      const s = JSON.stringify(entries[i]);
      if (bytes + s.length + 1 > this.maxBytes) break;
      bytes += s.length + 1;
      parts.push(s);
    }
    parts.reverse();
    try {
      mkdirSync(this.dir, { recursive: true });
      writeAtomic(this.path, `{"format":1,"key":${JSON.stringify(this.opts.key)},"entries":[${parts.join(",")}]}`);
    } catch (e) {
      this.notice = `cannot save ${this.path}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}

// Per-item statuses are stored as one letter each, in CHECKLIST order: compact and diff-friendly.
const CODE: Record<ItemStatus, string> = { met: "m", partial: "p", "not-met": "n", unknown: "u", "not-applicable": "a", done: "d" };
const DECODE = Object.fromEntries(Object.entries(CODE).map(([k, v]) => [v, k])) as Record<string, ItemStatus>;

const historyEntrySchema = z.object({ at: z.string(), score: z.number().min(0).max(1), items: z.string().regex(/^[mpnuad]*$/) });
const historyFileSchema = z.object({ format: z.literal(1), projects: z.record(z.string(), z.array(historyEntrySchema)) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export function encodeStatuses(statuses: readonly ItemStatus[]): string {
  return statuses.map((s) => CODE[s]).join("");
}
export function decodeStatuses(code: string): ItemStatus[] {
  return [...code].map((c) => DECODE[c] ?? "unknown");
}
void ITEM_STATUSES;

/** Each change of a project's score or item statuses, with its date: `<dir>/history.json`. */
export class History {
  private projects: Record<string, HistoryEntry[]> = {};
  readonly path: string;
  notice: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly dir: string | undefined,
    private readonly maxPerProject = 100,
    private readonly maxProjects = 200,
  ) {
    this.path = dir ? join(dir, "history.json") : "";
    if (!dir) return;
    const raw = readJson(this.path);
    if (raw.problem) this.notice = raw.problem;
    if (raw.value === undefined) return;
    const parsed = historyFileSchema.safeParse(raw.value);
    if (parsed.success) this.projects = parsed.data.projects;
    else this.notice = `${this.path} has an unexpected shape; ignored`;
  }

  entries(root: string): readonly HistoryEntry[] {
    return this.projects[root] ?? [];
  }

  /** The recent scores of a project, oldest first. */
  scores(root: string, n = 30): number[] {
    return this.entries(root).slice(-n).map((e) => e.score);
  }

  /** Record a state; returns true when it differs from the last one (and was stored). */
  record(root: string, score: number, statuses: readonly ItemStatus[], at = new Date().toISOString()): boolean {
    const items = encodeStatuses(statuses);
    const list = this.projects[root] ?? [];
    const last = list[list.length - 1];
    if (last && last.score === score && last.items === items) return false;
    list.push({ at, score, items });
    if (list.length > this.maxPerProject) list.splice(0, list.length - this.maxPerProject);
    delete this.projects[root];
    this.projects[root] = list; // most recently changed last
    const roots = Object.keys(this.projects);
    for (const r of roots.slice(0, Math.max(0, roots.length - this.maxProjects))) delete this.projects[r];
    this.scheduleSave();
    return true;
  }

  private scheduleSave(): void {
    if (!this.dir || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, 2000);
    this.timer.unref?.();
  }

  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dir) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeAtomic(this.path, JSON.stringify({ format: 1, projects: this.projects }));
    } catch (e) {
      this.notice = `cannot save ${this.path}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}
