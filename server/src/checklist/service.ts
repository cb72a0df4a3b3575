// The server's checklist feature: builds the payload of `backendChecklist/checklist` from the
// workspace, streams partial results while the background scan runs, debounces updates after
// edits and file events, records each project's score history, and handles attestations.
// server.ts wires it; this module owns no LSP connection.
import { statSync } from "node:fs";
import { join } from "node:path";
import type { AttestParams, AttestResult, ChecklistPayload } from "../../../protocol";
import type { FileResult } from "../engine/analyze";
import type { Rule } from "../engine/rule";
import type { Workspace } from "../lsp/workspace";
import { ENGINE_VERSION, type ResultCache } from "../project/scan";
import { PROJECT_FILE } from "../project/discover";
import { attest } from "./attest";
import { checklistMarkdown } from "./format";
import { buildPayload, buildProjectChecklist, visibleProjects, type ProjectChecklist } from "./index";
import { clearManifestEvidence } from "./manifest";
import { History, PersistentCache } from "./storage";

/** A result cache whose backing store can be attached once the client has said where storage is. */
export class SwitchableCache implements ResultCache {
  private mem = new Map<string, FileResult>();
  private inner: ResultCache | undefined;
  attach(inner: ResultCache): void {
    for (const [k, v] of this.mem) inner.set(k, v);
    this.mem.clear();
    this.inner = inner;
  }
  get(key: string): FileResult | undefined {
    return this.inner ? this.inner.get(key) : this.mem.get(key);
  }
  set(key: string, value: FileResult): void {
    if (this.inner) this.inner.set(key, value);
    else {
      this.mem.set(key, value);
      if (this.mem.size > 5000) this.mem.delete(this.mem.keys().next().value!);
    }
  }
}

/** Cache entries are reused only by the same engine, analyzer set and server build. */
export function cacheKey(analyzers: readonly Rule[]): string {
  let build = "dev";
  try {
    const st = statSync(__filename);
    build = `${st.size}-${Math.round(st.mtimeMs)}`;
  } catch {
    /* bundled elsewhere */
  }
  return `${ENGINE_VERSION}|${analyzers.map((r) => r.id).join(",")}|${build}`;
}

export interface ChecklistServiceOptions {
  send: (payload: ChecklistPayload) => void;
  log: (msg: string) => void;
  /** The editor's text of an open, possibly unsaved file, if it is open. */
  openText?: (path: string) => string | undefined;
  debounceMs?: number;
  partialEveryMs?: number;
}

export class ChecklistService {
  history = new History(undefined);
  private timer: NodeJS.Timeout | undefined;
  private lastPartial = 0;
  private scanning: { done: number; total: number } | null = null;
  private lastSent = "";
  private ready = false;
  cache: PersistentCache | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly opts: ChecklistServiceOptions,
  ) {}

  /** Use the extension's storage folder for the result cache and the history. */
  useStorage(dir: string, cache: SwitchableCache, analyzers: readonly Rule[]): void {
    this.cache = new PersistentCache(join(dir, "cache"), { key: cacheKey(analyzers) });
    if (this.cache.notice) this.opts.log(this.cache.notice);
    cache.attach(this.cache);
    this.history = new History(dir);
    if (this.history.notice) this.opts.log(this.history.notice);
    this.opts.log(`storage: ${dir} (${this.cache.size} cached file results)`);
  }

  private baseFor(root: string): string {
    return this.workspace.folderFor(root)?.path ?? this.workspace.folders[0]?.path ?? root;
  }

  projects(): ProjectChecklist[] {
    const out: ProjectChecklist[] = [];
    for (const state of visibleProjects(this.workspace.projects.values())) {
      const p = buildProjectChecklist(state, { base: (s) => this.baseFor(s.loaded.info.root), serverFields: true, rules: this.workspace.rules });
      // History: record settled states only (not the partial ones of a running scan).
      if (!this.scanning) this.history.record(state.loaded.info.root, p.progress, p.items.map((i) => i.status));
      p.history = this.history.scores(state.loaded.info.root);
      out.push(p);
    }
    return out;
  }

  payload(): ChecklistPayload {
    return buildPayload(this.projects(), this.scanning);
  }

  report(): string {
    return checklistMarkdown(this.projects());
  }

  /** The scan made progress: send partial results now and then. */
  scanProgress(done: number, total: number): void {
    this.scanning = done < total ? { done, total } : null;
    const now = Date.now();
    if (this.scanning && now - this.lastPartial >= (this.opts.partialEveryMs ?? 1000)) {
      this.lastPartial = now;
      const payload = this.payload();
      this.lastSent = JSON.stringify(payload);
      this.opts.send(payload);
    }
  }

  scanFinished(): void {
    clearManifestEvidence();
    this.scanning = null;
    this.ready = true;
    this.flush();
  }

  /** Files changed on disk (watcher): root files may have too, so manifest evidence is re-read. */
  filesChanged(): void {
    clearManifestEvidence();
    this.changed();
  }

  /** Something changed: send a fresh payload soon (coalesced). */
  changed(): void {
    if (!this.ready || this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.opts.debounceMs ?? 300);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      const payload = this.payload();
      // Typing mostly changes nothing the panel shows: send only what differs from the last payload.
      const text = JSON.stringify(payload);
      if (text === this.lastSent) return;
      this.lastSent = text;
      this.opts.send(payload);
    } catch (e) {
      this.opts.log(`checklist failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  attest(params: AttestParams): AttestResult {
    const state = this.workspace.projects.get(params.root);
    if (!state) return { ok: false, error: `no project at ${params.root}` };
    const file = join(params.root, PROJECT_FILE);
    const result = attest({ root: params.root, item: params.item, status: params.status, note: params.note, editorText: this.opts.openText?.(file) });
    if (result.ok) {
      const next = this.workspace.reloadProject(params.root);
      this.workspace.runProjectPhase(next);
      this.flush();
    }
    return result;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.cache?.save();
    this.history.save();
  }
}
