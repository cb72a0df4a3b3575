// The extension: start the language client. The server runs in its own Node process (dist/server.js),
// forked from the Node that VS Code ships (no Node of our own, no native modules). Everything else —
// analysis, fixes, the checklist — lives in the server; this file stays thin (vscode-eslint, lsp-sample).
import * as path from "node:path";
import { commands, window, type ExtensionContext, type LogOutputChannel } from "vscode";
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

/** The languages the server analyses (VS Code language ids). */
export const LANGUAGES = ["typescript", "typescriptreact", "javascript", "javascriptreact", "python", "go", "rust", "java"] as const;
export const PROJECT_FILE = "backend-checklist.json";

let client: LanguageClient | undefined;
let output: LogOutputChannel | undefined;

export interface BackendChecklistApi {
  /** The running language client (the checklist view talks to the server through it). */
  readonly client: LanguageClient | undefined;
}

export function activate(context: ExtensionContext): BackendChecklistApi {
  output = window.createOutputChannel("Backend Checklist", { log: true });
  context.subscriptions.push(output);

  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
  };
  const storage = context.storageUri ?? context.globalStorageUri;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.map((language) => ({ scheme: "file", language })),
      { scheme: "file", pattern: `**/${PROJECT_FILE}` },
    ],
    // Settings are pulled (workspace/configuration); this only makes the client notify on change.
    synchronize: { configurationSection: "backendChecklist" },
    initializationOptions: { storagePath: storage.fsPath },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  const c = new LanguageClient("backendChecklist", "Backend Checklist", serverOptions, clientOptions);
  client = c;

  context.subscriptions.push(
    commands.registerCommand("backendChecklist.restartServer", async () => {
      output?.info("restarting the language server");
      await (c.isRunning() ? c.restart() : c.start());
    }),
    commands.registerCommand("backendChecklist.showOutput", () => output?.show(true)),
  );

  // Not awaited: activation stays cheap; the server's first diagnostics arrive when it is ready.
  c.start().catch((e: unknown) => {
    output?.error(`the language server failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void window.showErrorMessage("Backend Checklist: the language server failed to start. See Output › Backend Checklist.");
  });

  return {
    get client() {
      return client;
    },
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.needsStop()) await c.stop();
}
