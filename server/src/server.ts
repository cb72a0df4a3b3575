// The language server: LSP wiring only. Diagnostics are pushed (publishDiagnostics) so that every
// LSP client gets them, including ones without pull diagnostics (Neovim 0.7, older eglot), and so that
// project-level findings can refresh a file that did not change. Each open document is analysed
// after the queue of edits drains; a result for a superseded version is never published.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { attestParamsSchema, ChecklistMethods, type AttestResult, codeActionDataSchema, diagnosticDataSchema, initializationOptionsSchema, Methods } from "../../protocol";
import { analyzeFile, compareFindings } from "./engine/analyze";
import { parseProjectFile } from "./engine/config";
import { familyOf } from "./engine/files";
import { ignoreLineEdit } from "./engine/suppress";
import type { Finding } from "./engine/types";
import { initParsers } from "./languages/parser";
import { fixInPasses, materializeFix, readIfExists } from "./project/apply";
import { PROJECT_FILE } from "./project/discover";
import { analyzeText, makeParsedFile, type ProjectState } from "./project/scan";
import { ANALYZERS } from "./checklist/analyzers";
import { evidence } from "./checklist/evidence";
import { ALL_RULES } from "./rules";
import { ChecklistService, SwitchableCache } from "./checklist/service";
import { setWorkspaceTrusted } from "./checklist/attest";
import { OpenDocument, uriToPath } from "./lsp/documents";
import { buildWorkspaceEdit, SOURCE, toDiagnostic, type EditCapabilities } from "./lsp/convert";
import { Workspace } from "./lsp/workspace";

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const docs = new Map<string, OpenDocument>();
  const resultCache = new SwitchableCache();
  const workspace = new Workspace(ANALYZERS, resultCache);
  const pending = new Set<string>();
  let flushScheduled = false;
  let caps: EditCapabilities = { documentChanges: false, createFiles: false };
  let resolveSupport = false;
  let configPull = false;
  let watchRegistration = false;
  let progressSupport = false;
  let foldersSupport = false;
  let scanDone = false;
  const ready = initParsers();

  const log = (msg: string) => connection.console.log(msg);
  const checklist = new ChecklistService(workspace, {
    send: (payload) => void connection.sendNotification(Methods.checklistChanged, payload),
    log,
    openText: (path) => [...docs.values()].find((d) => d.path === path)?.text,
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps = {
      documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: c.workspace?.workspaceEdit?.resourceOperations?.includes("create") === true,
    };
    resolveSupport = c.textDocument?.codeAction?.resolveSupport?.properties.includes("edit") === true;
    configPull = c.workspace?.configuration === true;
    watchRegistration = c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    progressSupport = c.window?.workDoneProgress === true;
    foldersSupport = c.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : []);
    workspace.folders = folders.map((f) => ({ uri: f.uri, path: uriToPath(f.uri) }));
    const init = initializationOptionsSchema.safeParse(params.initializationOptions ?? {});
    if (init.success && init.data.storagePath) checklist.useStorage(init.data.storagePath, resultCache, ANALYZERS);
    if (init.success && init.data.workspaceTrusted === false) setWorkspaceTrusted(false);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.backend-checklist`], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "backend-checklist", version: "0.1.0" },
    };
  });

  connection.onInitialized(async () => {
    // A client may refuse a registration (eglot 1.9 answers an error to some watcher globs): log it, never
    // leave the rejection unhandled, which ends the Node process.
    const refused = (what: string) => (e: unknown) => log(`the client refused ${what}: ${e instanceof Error ? e.message : String(e)}`);
    if (configPull) connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(refused("configuration change notifications"));
    if (watchRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,py,go,rs,java}" },
          { globPattern: `**/{${PROJECT_FILE},package.json,pyproject.toml,requirements.txt,setup.py,manage.py,Pipfile,go.mod,Cargo.toml,pom.xml,build.gradle,build.gradle.kts,.gitignore}` },
          // Root files the checklist reads (evidence): no re-analysis, only a fresh checklist.
          { globPattern: "**/{tsconfig.json,mypy.ini,setup.cfg,pyrightconfig.json,.env,.env.example,openapi.*,swagger.*,application.properties,application.yml,application.yaml}" },
        ],
      }).catch(refused("file watching"));
    }
    // Only where the client supports folder changes: registering otherwise throws, and the scan below would never start.
    if (foldersSupport) connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      workspace.folders = [...workspace.folders.filter((f) => !removed.has(f.path)), ...e.added.map((f) => ({ uri: f.uri, path: uriToPath(f.uri) }))];
      void reloadSettings().then(() => startScan());
    });
    await ready;
    await reloadSettings();
    await startScan();
  });

  async function reloadSettings(): Promise<void> {
    const problems: string[] = [];
    if (configPull) {
      const folders = workspace.folders.length ? workspace.folders : [{ uri: undefined, path: "" }];
      try {
        const values: unknown[] = await connection.workspace.getConfiguration(folders.map((f) => ({ scopeUri: f.uri, section: "backendChecklist" })));
        folders.forEach((f, i) => {
          const p = workspace.setSettings(f.path, values[i]);
          if (p) problems.push(p);
        });
      } catch (e) {
        log(`could not read settings: ${String(e)}`);
      }
    }
    for (const p of problems) void connection.window.showWarningMessage(p);
    for (const root of [...workspace.projects.keys()]) workspace.reloadProject(root);
  }

  async function startScan(): Promise<void> {
    if (!workspace.folders.length) {
      scanDone = true;
      checklist.scanFinished();
      return;
    }
    const progress = progressSupport ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin("Backend Checklist", 0, "scanning workspace…", false);
    let last = 0;
    try {
      await workspace.scanAll({
        skip: (p) => [...docs.values()].some((d) => d.path === p),
        onProgress: (done, total) => {
          const pct = Math.floor((done / Math.max(total, 1)) * 100);
          if (pct !== last) {
            last = pct;
            progress?.report(pct, `${done}/${total} files`);
          }
          checklist.scanProgress(done, total);
        },
      });
    } finally {
      progress?.done();
    }
    scanDone = true;
    for (const state of workspace.projects.values()) workspace.runProjectPhase(state);
    for (const d of docs.values()) schedule(d.uri);
    checklist.scanFinished();
  }

  connection.onRequest(Methods.checklist, () => checklist.payload());
  connection.onRequest(Methods.routes, () => checklist.payload().routes);
  connection.onRequest(ChecklistMethods.report, () => checklist.report());
  // "Refresh" in the view: re-read the workspace from disk (the cache makes unchanged files cheap).
  let rescan: Promise<void> | undefined;
  connection.onRequest(ChecklistMethods.refresh, async () => {
    if (scanDone) await (rescan ??= startScan().finally(() => (rescan = undefined)));
    return checklist.payload();
  });
  connection.onRequest<AttestResult, unknown>(Methods.attest, (params: unknown): AttestResult => {
    const p = attestParamsSchema.safeParse(params);
    if (!p.success) return { ok: false, error: `invalid attest request: ${p.error.issues[0]?.message ?? "?"}` };
    return checklist.attest(p.data);
  });

  connection.onDidChangeConfiguration(async () => {
    await reloadSettings();
    for (const d of docs.values()) schedule(d.uri);
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    const prev = docs.get(t.uri);
    prev?.dispose();
    docs.set(t.uri, new OpenDocument(t.uri, t.languageId, t.version, t.text));
    schedule(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const d = docs.get(textDocument.uri);
    if (!d) return;
    d.update(contentChanges, textDocument.version);
    schedule(textDocument.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const d = docs.get(textDocument.uri);
    if (!d) return;
    d.dispose();
    docs.delete(textDocument.uri);
    pending.delete(textDocument.uri);
    // The file on disk is what the project now sees.
    const r = workspace.refreshFileFromDisk(d.path);
    if (r?.factsChanged) projectChanged(r.state);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const touched = new Set<ProjectState>();
    const reload = new Set<string>();
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (workspace.isProjectFile(path)) {
        reload.add(path.slice(0, path.lastIndexOf("/")));
        continue;
      }
      if ([...docs.values()].some((d) => d.path === path)) continue; // the editor's copy wins
      if (change.type === FileChangeType.Deleted) {
        for (const s of workspace.projects.values()) if (s.files.delete(path)) touched.add(s);
        continue;
      }
      const r = workspace.refreshFileFromDisk(path);
      if (r?.factsChanged) touched.add(r.state);
    }
    if (reload.size) workspace.forgetRoots();
    for (const root of reload) {
      if (workspace.projects.has(root)) touched.add(workspace.reloadProject(root));
      else for (const s of workspace.adoptNewProject(root)) touched.add(s);
    }
    for (const s of touched) projectChanged(s);
    if (reload.size) for (const d of docs.values()) schedule(d.uri);
    checklist.filesChanged();
  });

  const PROJECT_PHASE_DELAY_MS = 120;
  const projectTimers = new Map<ProjectState, ReturnType<typeof setTimeout>>();
  /** Debounced projectChanged: typing keeps the per-keystroke path to the file's own analysis. */
  function scheduleProjectPhase(state: ProjectState): void {
    const t = projectTimers.get(state);
    if (t) clearTimeout(t);
    projectTimers.set(
      state,
      setTimeout(() => {
        projectTimers.delete(state);
        projectChanged(state);
      }, PROJECT_PHASE_DELAY_MS),
    );
  }

  /** Re-run a project's phase and re-publish its open documents from their last file results. */
  function projectChanged(state: ProjectState): void {
    for (const [rule, err] of Object.entries(workspace.runProjectPhase(state))) log(`rule ${rule} failed in the project phase of ${state.loaded.info.root}: ${err}`);
    for (const d of docs.values()) {
      if (!d.lastFindings || workspace.projectFor(d.path) !== state) continue;
      publish(d, d.lastFindings.version, d.lastFindings.findings, state);
    }
    checklist.changed();
  }

  /** Coalesce work: analyse each changed document once, after the current burst of messages. */
  function schedule(uri: string): void {
    pending.add(uri);
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      void ready.then(flush);
    });
  }

  function flush(): void {
    const uris = [...pending];
    pending.clear();
    const changedProjects = new Set<ProjectState>();
    for (const uri of uris) {
      const d = docs.get(uri);
      if (!d) continue;
      try {
        const changed = validate(d);
        if (changed) changedProjects.add(changed);
      } catch (e) {
        log(`analysis of ${d.path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void connection.sendDiagnostics({ uri, version: d.version, diagnostics: [] });
      }
    }
    for (const s of changedProjects) scheduleProjectPhase(s);
    // Findings may change without facts changing: the checklist follows (debounced).
    if (uris.length) checklist.changed();
  }

  /**
   * Analyse an open document. Publishes at once unless its facts changed, in which case the caller
   * re-runs the project phase and publishes every open document of the project (this one included).
   */
  function validate(d: OpenDocument): ProjectState | undefined {
    if (d.path.endsWith(`/${PROJECT_FILE}`)) {
      validateProjectFile(d);
      return undefined;
    }
    if (!d.language) return undefined;
    const state = workspace.projectFor(d.path);
    const info = state.loaded.info;
    const text = d.text;
    if (text.length > info.config.maxFileSizeBytes || text.includes("\0")) {
      const why = text.includes("\0") ? "binary content" : `too large (${Math.round(text.length / 1024)} KiB > ${Math.round(info.config.maxFileSizeBytes / 1024)} KiB limit; see backendChecklist.maxFileSizeKb)`;
      d.lastFindings = undefined;
      void connection.sendDiagnostics({
        uri: d.uri,
        version: d.version,
        diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: SOURCE, message: `Backend Checklist skipped this file: ${why}.` }],
      });
      return undefined;
    }
    const version = d.version;
    const tree = d.getTree()!;
    // On the keystroke path only the rules run; the checklist's evidence (facts only, not shown as
    // diagnostics) is refreshed once typing pauses, its last facts standing in meanwhile.
    const result = analyzeFile(makeParsedFile(d.path, info, text, d.language, tree), info, ALL_RULES);
    for (const [rule, err] of Object.entries(result.errors)) log(`rule ${rule} failed on ${d.path}: ${err}`);
    d.lastFindings = { version, findings: result.findings };
    d.lastRuleFacts = result.facts;
    const factsChanged = workspace.recordFile(state, d.path, text, { ...result, facts: [...result.facts, ...(d.evidenceFacts ?? [])] });
    scheduleEvidence(d);
    // File-local findings go out now; when facts changed, the project phase (which may move or clear
    // project-level findings in this and other open files) follows once the burst of edits settles.
    publish(d, version, result.findings, state);
    return factsChanged && scanDone ? state : undefined;
  }

  const EVIDENCE_IDLE_MS = 400;
  function scheduleEvidence(d: OpenDocument): void {
    if (d.evidenceTimer) clearTimeout(d.evidenceTimer);
    d.evidenceTimer = setTimeout(() => {
      d.evidenceTimer = undefined;
      if (docs.get(d.uri) !== d || !d.language || !d.lastRuleFacts) return;
      try {
        const state = workspace.projectFor(d.path);
        const info = state.loaded.info;
        const tree = d.getTree();
        if (!tree) return;
        const ev = analyzeFile(makeParsedFile(d.path, info, d.text, d.language, tree), info, [evidence]);
        d.evidenceFacts = ev.facts;
        const rules = { findings: d.lastFindings?.findings ?? [], facts: [...d.lastRuleFacts, ...ev.facts], suppressions: ev.suppressions, errors: {} };
        if (workspace.recordFile(state, d.path, d.text, rules) && scanDone) projectChanged(state);
      } catch (e) {
        log(`evidence for ${d.path} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }, EVIDENCE_IDLE_MS);
  }

  function publish(d: OpenDocument, version: number, fileFindings: Finding[], state: ProjectState): void {
    if (d.version !== version) return; // superseded: the newer version is already queued
    const all = [...fileFindings, ...state.projectFindings.filter((f) => f.file === d.path)].sort(compareFindings);
    void connection.sendDiagnostics({ uri: d.uri, version, diagnostics: all.map((f) => toDiagnostic(f, version)) });
  }

  function validateProjectFile(d: OpenDocument): void {
    const parsed = parseProjectFile(d.text);
    const diagnostics: Diagnostic[] = parsed.ok
      ? []
      : [
          {
            range: { start: { line: parsed.problem.line, character: parsed.problem.column }, end: { line: parsed.problem.line, character: parsed.problem.column + 1 } },
            severity: 1,
            source: SOURCE,
            message: `${parsed.problem.message}. The last valid configuration stays in force.`,
          },
        ];
    void connection.sendDiagnostics({ uri: d.uri, version: d.version, diagnostics });
  }

  connection.onCodeAction(async (params, token) => {
    const d = docs.get(params.textDocument.uri);
    if (!d || !d.language) return [];
    const actions: CodeAction[] = [];
    const family = familyOf(d.language);
    const only = params.context.only;
    const wantsFixAll = only?.some((k) => k.startsWith(CodeActionKind.SourceFixAll));
    if (wantsFixAll) return fixAll(d);
    for (const diag of params.context.diagnostics) {
      if (token.isCancellationRequested) return null; // the editor moved on: drop the work
      if (diag.source !== SOURCE || typeof diag.code !== "string") continue;
      const data = diagnosticDataSchema.safeParse(diag.data);
      if (data.success && data.data.version === d.version) {
        for (const [i, fix] of data.data.fixes.entries()) {
          const action: CodeAction = {
            title: fix.title + (fix.applicability === "unsafe" ? " (unsafe)" : ""),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diag],
            isPreferred: i === 0,
            data: { uri: d.uri, version: d.version, rule: diag.code, fix },
          };
          // Cheap fixes ride complete; ones with other files or deferred parts resolve later.
          if (!fix.files?.length && !fix.deferred) action.edit = buildWorkspaceEdit(d.uri, d.version, fix.edits, [], caps);
          else if (!resolveSupport || (fix.files?.length && !caps.createFiles)) {
            // Resolve now: a client without resolve support, or one that cannot create files
            // (.env.example, .env), must not be offered an action that turns out to do nothing.
            const resolved = await resolveAction(action);
            if (!resolved.edit) continue;
          }
          actions.push(action);
        }
      }
      const edit = ignoreLineEdit(d.text, family, diag.code, diag.range);
      actions.push({
        title: `Ignore ${diag.code} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        edit: buildWorkspaceEdit(d.uri, d.version, [edit], [], caps),
      });
    }
    return actions;
  });

  async function resolveAction(action: CodeAction): Promise<CodeAction> {
    const data = codeActionDataSchema.safeParse(action.data);
    if (!data.success) return action;
    const d = docs.get(data.data.uri);
    if (!d || d.version !== data.data.version) return action; // stale: no edit
    const state = workspace.projectFor(d.path);
    const read = (p: string) => [...docs.values()].find((x) => x.path === p)?.text ?? readIfExists(p);
    const m = await materializeFix(data.data.fix, d.path, d.text, state.loaded.info, read);
    if (m) action.edit = buildWorkspaceEdit(d.uri, d.version, m.edits, m.changes, caps);
    return action;
  }

  connection.onCodeActionResolve((action, token) => (token.isCancellationRequested ? action : resolveAction(action)));

  /** source.fixAll: every safe fix of the document, applied in passes in memory, as one edit. */
  async function fixAll(d: OpenDocument): Promise<CodeAction[]> {
    const state = workspace.projectFor(d.path);
    const tree = d.getTree();
    if (!tree || !d.language) return [];
    const info = state.loaded.info;
    const version = d.version;
    const result = analyzeFile(makeParsedFile(d.path, info, d.text, d.language, tree), info, ALL_RULES);
    const out = await fixInPasses(d.path, d.text, info, result.findings, (t) => analyzeText(d.path, t, info, ALL_RULES, d.language)?.findings ?? [], { unsafe: false, withFiles: false });
    if (out.fixes === 0 || out.text === d.text || d.version !== version) return [];
    const whole = { range: { start: { line: 0, character: 0 }, end: d.doc.positionAt(d.text.length) }, newText: out.text };
    return [{ title: "Fix all safe Backend Checklist findings", kind: `${CodeActionKind.SourceFixAll}.backend-checklist`, edit: buildWorkspaceEdit(d.uri, d.version, [whole], [], caps) }];
  }

  connection.onShutdown(() => {
    checklist.dispose();
    for (const d of docs.values()) d.dispose();
    docs.clear();
  });

  connection.listen();
  return connection;
}

if (require.main === module) startServer();
