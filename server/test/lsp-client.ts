// A real LSP client over stdio (vscode-jsonrpc), for end-to-end tests and the benchmark: spawns the
// bundled server, answers its requests as an editor would, and records published diagnostics.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver-protocol";

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
  at: number;
}

export class LspClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  readonly diagnostics = new Map<string, Published>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  settings: Record<string, unknown> = {};
  stderr = "";
  private waiters: Array<() => void> = [];

  constructor(serverPath = join(process.cwd(), "dist", "server.js"), args: string[] = ["--stdio"]) {
    this.proc = spawn(process.execPath, [serverPath, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics, at: performance.now() });
      this.wake();
    });
    this.conn.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.conn.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest("client/registerCapability", () => null);
    this.conn.onRequest("client/unregisterCapability", () => null);
    this.conn.onRequest("window/workDoneProgress/create", () => null);
    this.conn.onRequest("window/showMessageRequest", (params: unknown) => {
      this.notifications.push({ method: "window/showMessageRequest", params });
      this.wake();
      return null;
    });
    this.conn.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolve when `test()` holds, checking after every message from the server. */
  async until<T>(test: () => T | undefined | false, timeoutMs = 10000, what = "condition"): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = test();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
  }

  async initialize(rootPath: string, extra: Record<string, unknown> = {}): Promise<unknown> {
    const uri = pathToFileURL(rootPath).toString();
    const result = await this.conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: "ws" }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { dataSupport: true, resolveSupport: { properties: ["edit"] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } },
        },
        window: { workDoneProgress: true },
      },
      ...extra,
    });
    await this.conn.sendNotification("initialized", {});
    return result;
  }

  open(path: string, languageId: string, text: string, version = 1): string {
    const uri = pathToFileURL(path).toString();
    void this.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  change(uri: string, version: number, changes: unknown[]): void {
    void this.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
  }

  async diagnosticsFor(uri: string, version: number, timeoutMs = 10000): Promise<Diagnostic[]> {
    const p = await this.until(() => {
      const d = this.diagnostics.get(uri);
      return d && (d.version === undefined || d.version >= version) ? d : undefined;
    }, timeoutMs, `diagnostics for ${uri} v${version}`);
    return p.diagnostics;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification("exit");
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 100));
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
