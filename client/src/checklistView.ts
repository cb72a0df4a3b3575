// The checklist sidebar: a WebviewViewProvider fed by the language server's checklist (request +
// checklistChanged notification), its title-bar commands (filter, refresh, export), and a status-bar
// item with the active file's project progress. Every webview message is checked against its zod
// schema in both directions; the webview loads local files only (nonce CSP, localResourceRoots).
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import * as vscode from "vscode";
import { State, type LanguageClient } from "vscode-languageclient/node";
import {
  attestResultSchema,
  checklistPayloadSchema,
  ChecklistMethods,
  fromWebviewSchema,
  Methods,
  toWebviewSchema,
  type AttestResult,
  type ChecklistPayload,
  type FromWebview,
  type ToWebview,
} from "../../protocol";
import { webviewHtml } from "../../media/src/html";
import { resolveOpenTarget } from "./openTarget";

export const VIEW_ID = "backendChecklist.checklist";
const OPEN_ONLY_KEY = "backendChecklist.openOnly";

export function registerChecklistView(context: vscode.ExtensionContext, client: LanguageClient): void {
  const view = new ChecklistViewProvider(context, client);
  context.subscriptions.push(
    view,
    vscode.window.registerWebviewViewProvider(VIEW_ID, view),
    vscode.commands.registerCommand("backendChecklist.refresh", () => view.refresh(true)),
    vscode.commands.registerCommand("backendChecklist.showOpenOnly", () => view.setFilter(true)),
    vscode.commands.registerCommand("backendChecklist.showAll", () => view.setFilter(false)),
    vscode.commands.registerCommand("backendChecklist.exportReport", () => view.exportReport()),
  );
}

class ChecklistViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private payload: ChecklistPayload | undefined;
  private openOnly: boolean;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, "dist", "media");
    this.openOnly = context.workspaceState.get<boolean>(OPEN_ONLY_KEY, false);
    void vscode.commands.executeCommand("setContext", OPEN_ONLY_KEY, this.openOnly);
    this.status = vscode.window.createStatusBarItem("backendChecklist.progress", vscode.StatusBarAlignment.Left, 50);
    this.status.name = "Backend Checklist";
    this.status.command = `${VIEW_ID}.focus`;
    this.disposables.push(
      this.status,
      client.onNotification(Methods.checklistChanged, (p: unknown) => this.accept(p)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatusBar()),
    );
    if (client.state === State.Running) void this.refresh();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [this.mediaRoot] };
    const asUri = (f: string) => view.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, f)).toString();
    view.webview.html = webviewHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(24).toString("base64url"),
      scriptUri: asUri("main.js"),
      styleUris: [asUri("codicon.css"), asUri("checklist.css")],
    });
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
      }),
    );
  }

  private post(message: ToWebview): void {
    const checked = toWebviewSchema.safeParse(message);
    if (!checked.success) return;
    void this.view?.webview.postMessage(checked.data);
  }

  private accept(raw: unknown): void {
    const parsed = checklistPayloadSchema.safeParse(raw);
    if (!parsed.success) {
      this.post({ type: "error", message: `The language server sent a checklist this version cannot read (${parsed.error.issues[0]?.message ?? "?"}).` });
      return;
    }
    this.payload = parsed.data;
    this.post({ type: "update", payload: parsed.data });
    this.updateStatusBar();
  }

  /** Fetch the checklist; `rescan` asks the server to re-read the workspace first (the Refresh button). */
  async refresh(rescan = false): Promise<void> {
    if (this.client.state !== State.Running) return;
    try {
      this.accept(await this.client.sendRequest(rescan ? ChecklistMethods.refresh : Methods.checklist));
    } catch (e) {
      this.post({ type: "error", message: `Could not load the checklist: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  setFilter(openOnly: boolean): void {
    this.openOnly = openOnly;
    void this.context.workspaceState.update(OPEN_ONLY_KEY, openOnly);
    void vscode.commands.executeCommand("setContext", OPEN_ONLY_KEY, openOnly);
    this.post({ type: "filter", openOnly });
  }

  async exportReport(): Promise<void> {
    if (this.client.state !== State.Running) return;
    const markdown = await this.client.sendRequest<string>(ChecklistMethods.report);
    if (typeof markdown !== "string") return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, "backend-checklist-report.md") : undefined,
      filters: { Markdown: ["md"] },
      saveLabel: "Export report",
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
    await vscode.window.showTextDocument(target, { preview: false });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = fromWebviewSchema.safeParse(raw);
    if (!parsed.success) return; // a webview message that does not match its schema is dropped
    const m: FromWebview = parsed.data;
    switch (m.type) {
      case "ready":
        this.post({ type: "filter", openOnly: this.openOnly });
        if (this.payload) this.post({ type: "update", payload: this.payload });
        else void this.refresh();
        break;
      case "refresh":
        void this.refresh(true);
        break;
      case "export":
        void this.exportReport();
        break;
      case "setFilter":
        this.setFilter(m.openOnly);
        break;
      case "openFolder":
        void vscode.commands.executeCommand("vscode.openFolder");
        break;
      case "open":
        await this.open(m);
        break;
      case "attest":
      case "unattest": {
        const result = await this.attest(m.root, m.item, m.type === "attest" ? m.status : null, m.type === "attest" ? m.note : undefined);
        this.post({ type: "attestResult", root: m.root, item: m.item, result });
        break;
      }
    }
  }

  /** Open a file the payload refers to, only inside a known project or workspace folder. */
  private async open(m: Extract<FromWebview, { type: "open" }>): Promise<void> {
    const target = resolveOpenTarget(m, this.payload, (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath));
    if (!target) return;
    const range = new vscode.Range(target.start.line, target.start.character, target.end.line, target.end.character);
    try {
      await vscode.window.showTextDocument(vscode.Uri.file(target.file), { selection: range, preview: true });
    } catch (e) {
      void vscode.window.showErrorMessage(`Cannot open ${m.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async attest(root: string, item: string, status: "done" | "not-applicable" | null, note: string | undefined): Promise<AttestResult> {
    if (!this.payload?.projects.some((p) => p.root === root)) return { ok: false, error: "Unknown project." };
    try {
      const raw: unknown = await this.client.sendRequest(Methods.attest, { root, item, status, note });
      const result = attestResultSchema.safeParse(raw);
      if (!result.success) return { ok: false, error: "The language server gave an unexpected answer." };
      if (!result.data.ok && result.data.file && result.data.line) {
        const file = result.data.file;
        const line = result.data.line;
        const column = Math.max(0, (result.data.column ?? 1) - 1);
        void vscode.window.showErrorMessage(result.data.error, "Open backend-checklist.json").then((pick) => {
          if (pick) void vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(line - 1, column, line - 1, column) });
        });
      }
      return result.data;
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  private updateStatusBar(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const projects = this.payload?.projects ?? [];
    let best: (typeof projects)[number] | undefined;
    if (doc?.uri.scheme === "file") {
      const p = doc.uri.fsPath;
      for (const proj of projects) {
        const r = proj.root;
        if (r && (p === r || p.startsWith(r + path.sep)) && (!best || r.length > (best.root ?? "").length)) best = proj;
      }
    }
    if (!best) {
      this.status.hide();
      return;
    }
    const open = best.items.filter((i) => i.status === "not-met" || i.status === "partial" || i.status === "unknown").length;
    this.status.text = `$(checklist) ${Math.round(best.progress * 100)}%`;
    this.status.tooltip = `Backend Checklist — ${best.name}: ${Math.round(best.progress * 100)}% (${open} open item${open === 1 ? "" : "s"}). Click to show the checklist.`;
    this.status.accessibilityInformation = { label: `Backend Checklist ${best.name} ${Math.round(best.progress * 100)} percent, ${open} open items` };
    this.status.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
