// The server's view of the workspace: projects (model + per-file facts and findings), settings per
// workspace folder, a background scan that fills the projects, and updates from edits and file events.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { settingsSchema, type Settings } from "../engine/config";
import { languageOf } from "../engine/files";
import type { Rule } from "../engine/rule";
import { findProjectRootUp, loadProject, PROJECT_FILE, walkWorkspace } from "../project/discover";
import { MANIFEST_FILES } from "../project/model";
import {
  analyzeText,
  contentHash,
  decodeSource,
  projectFingerprint,
  runProjectPhase,
  MemoryCache,
  type FileRecord,
  type ProjectState,
  type ResultCache,
} from "../project/scan";
import type { FileResult } from "../engine/analyze";

export interface WorkspaceFolderInfo {
  path: string;
  uri: string;
}

export class Workspace {
  readonly projects = new Map<string, ProjectState>();
  private settingsByFolder = new Map<string, Settings>();
  folders: WorkspaceFolderInfo[] = [];
  readonly cache: ResultCache;
  settingsProblems: string[] = [];

  constructor(
    readonly rules: readonly Rule[],
    cache?: ResultCache,
  ) {
    this.cache = cache ?? new MemoryCache();
  }

  folderFor(path: string): WorkspaceFolderInfo | undefined {
    let best: WorkspaceFolderInfo | undefined;
    for (const f of this.folders) if ((path === f.path || path.startsWith(f.path + sep)) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }

  /** Validate and store a folder's settings; invalid settings are reported and defaults used. */
  setSettings(folderPath: string, raw: unknown): string | undefined {
    const parsed = settingsSchema.safeParse(raw ?? {});
    if (parsed.success) {
      this.settingsByFolder.set(folderPath, parsed.data);
      return undefined;
    }
    this.settingsByFolder.set(folderPath, {});
    const issue = parsed.error.issues[0]!;
    return `Invalid backendChecklist settings (${issue.path.join(".") || "root"}: ${issue.message}); defaults are used.`;
  }

  settingsFor(path: string): Settings | undefined {
    const folder = this.folderFor(path);
    return folder ? this.settingsByFolder.get(folder.path) : this.settingsByFolder.get("");
  }

  /** file → project root, so the hot path (every edit) never walks the disk. Cleared when manifests change. */
  private rootOf = new Map<string, string>();

  /** The project a file belongs to, loading it when first seen. */
  projectFor(path: string): ProjectState {
    let root = this.rootOf.get(path);
    if (root === undefined) {
      const folder = this.folderFor(path);
      root = findProjectRootUp(path, folder?.path) ?? folder?.path ?? dirname(path);
      this.rootOf.set(path, root);
    }
    return this.ensureProject(root);
  }

  /** A manifest appeared, moved or vanished: project membership must be recomputed. */
  forgetRoots(): void {
    this.rootOf.clear();
  }

  ensureProject(root: string): ProjectState {
    let state = this.projects.get(root);
    if (!state) {
      state = { loaded: loadProject(root, this.settingsFor(join(root, "x"))), files: new Map(), projectFindings: [] };
      this.projects.set(root, state);
    }
    return state;
  }

  /** Reload a project's model (manifest, config or settings changed); keeps files, re-runs its phase. */
  reloadProject(root: string): ProjectState {
    const old = this.projects.get(root);
    const loaded = loadProject(root, this.settingsFor(join(root, "x")), old?.loaded.projectFile);
    const state: ProjectState = { loaded, files: old?.files ?? new Map(), projectFindings: [] };
    this.projects.set(root, state);
    return state;
  }

  /**
   * A manifest appeared in a folder that was not a project root: create the project and move into it
   * the files of enclosing projects that now belong to it. Returns the projects whose files changed.
   */
  adoptNewProject(root: string): ProjectState[] {
    this.forgetRoots();
    const created = this.ensureProject(root);
    const changed = new Set<ProjectState>([created]);
    for (const [otherRoot, state] of this.projects) {
      if (state === created || !root.startsWith(otherRoot + sep)) continue;
      for (const path of [...state.files.keys()]) {
        if (!path.startsWith(root + sep)) continue;
        state.files.delete(path);
        changed.add(state);
        // Re-analysed under the new project's model (its dependencies and configuration).
        this.refreshFileFromDisk(path);
      }
    }
    return [...changed];
  }

  /** Store a file's result in its project; returns true when its facts changed (project phase must re-run). */
  recordFile(state: ProjectState, path: string, text: string, result: FileResult): boolean {
    const language = languageOf(path);
    if (!language) return false;
    const prev = state.files.get(path);
    const rec: FileRecord = { path, language, hash: contentHash(text), lines: text.split("\n").length, result };
    state.files.set(path, rec);
    return !prev || JSON.stringify(prev.result.facts) !== JSON.stringify(result.facts) || JSON.stringify(prev.result.suppressions) !== JSON.stringify(result.suppressions);
  }

  /** Analyse a file from disk into its project (watched-file changes, background scan). */
  refreshFileFromDisk(path: string): { state: ProjectState; factsChanged: boolean } | undefined {
    if (!languageOf(path)) return undefined;
    const state = this.projectFor(path);
    let buf: Buffer;
    try {
      if (!statSync(path).isFile()) return undefined;
      buf = readFileSync(path);
    } catch {
      // Deleted: forget it.
      const had = state.files.delete(path);
      return { state, factsChanged: had };
    }
    const decoded = decodeSource(buf, state.loaded.info.config.maxFileSizeBytes);
    if ("skip" in decoded) return undefined;
    const info = state.loaded.info;
    const key = `${contentHash(decoded.text)}:${projectFingerprint(info)}:${path}`;
    let result = this.cache.get(key);
    if (!result) {
      result = analyzeText(path, decoded.text, info, this.rules);
      if (!result) return undefined;
      this.cache.set(key, result);
    }
    return { state, factsChanged: this.recordFile(state, path, decoded.text, result) };
  }

  runProjectPhase(state: ProjectState): Record<string, string> {
    return runProjectPhase(state, this.rules);
  }

  /** Walk every workspace folder, yielding to the event loop between files so typing is never blocked. */
  async scanAll(opts: { onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean; skip?: (path: string) => boolean }): Promise<void> {
    const files: string[] = [];
    for (const folder of this.folders) {
      const settings = this.settingsFor(join(folder.path, "x"));
      const walk = walkWorkspace(folder.path, settings?.ignore ?? []);
      for (const r of walk.projectRoots) this.ensureProject(r);
      files.push(...walk.files);
    }
    let done = 0;
    const touched = new Set<ProjectState>();
    for (const f of files) {
      if (opts.isCancelled?.()) return;
      if (!opts.skip?.(f)) {
        const r = this.refreshFileFromDisk(f);
        if (r) touched.add(r.state);
      }
      done++;
      opts.onProgress?.(done, files.length);
      // Yield after every file: an edit waiting in the queue is served before the next file.
      await new Promise((res) => setImmediate(res));
    }
    for (const s of touched) this.runProjectPhase(s);
  }

  isProjectFile(path: string): boolean {
    const base = path.slice(path.lastIndexOf(sep) + 1);
    return base === PROJECT_FILE || MANIFEST_FILES[base] !== undefined || base === ".gitignore";
  }
}
