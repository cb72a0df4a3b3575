// The extension: start the language client. The server runs in its own Node process (dist/server.js),
// forked from the Node that VS Code ships (no Node of our own, no native modules). Everything else —
// analysis, fixes, the checklist — lives in the server; this file stays thin (vscode-eslint, lsp-sample).
import * as path from "node:path";
import { commands, window, workspace, type ExtensionContext, type LogOutputChannel } from "vscode";
import type { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { LANGUAGES, PROJECT_FILE } from "./languages";

let client: LanguageClient | undefined;
let output: LogOutputChannel | undefined;

export interface BackendChecklistApi {
  /** The language client once it is created (the checklist view talks to the server through it). */
  readonly client: LanguageClient | undefined;
  /** Resolves with the client once it has started (or failed to: see the output channel). */
  readonly ready: Promise<LanguageClient>;
}

export function activate(context: ExtensionContext): BackendChecklistApi {
  output = window.createOutputChannel("Backend Checklist", { log: true });
  context.subscriptions.push(output);
  // The language client library is most of this bundle: load it in the next macrotask, after
  // activate() has returned, so activation stays cheap (bench/activation.mjs).
  const ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => startClient(context));
  ready.catch((e: unknown) => {
    output?.error(`the language server failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void window.showErrorMessage("Backend Checklist: the language server failed to start. See Output › Backend Checklist.");
  });
  context.subscriptions.push(
    commands.registerCommand("backendChecklist.restartServer", async () => {
      await ready.catch(() => undefined);
      output?.info("restarting the language server");
      if (!client) await startClient(context);
      else await (client.isRunning() ? client.restart() : client.start());
    }),
    commands.registerCommand("backendChecklist.showOutput", () => output?.show(true)),
  );
  return {
    get client() {
      return client;
    },
    ready,
  };
}

async function startClient(context: ExtensionContext): Promise<LanguageClient> {
  const { LanguageClient, RevealOutputChannelOn, TransportKind } = await import("vscode-languageclient/node");
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
  };
  const storage = context.storageUri ?? context.globalStorageUri;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...LANGUAGES.map((language) => ({ scheme: "file", language })), { scheme: "file", pattern: `**/${PROJECT_FILE}` }],
    // Settings are pulled (workspace/configuration); this only makes the client notify on change.
    synchronize: { configurationSection: "backendChecklist" },
    // workspaceTrusted: the server must not run programs from an untrusted workspace (e.g. `git` on
    // Windows, where a relative name also resolves against the working directory).
    initializationOptions: { storagePath: storage.fsPath, workspaceTrusted: workspace.isTrusted },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient("backendChecklist", "Backend Checklist", serverOptions, clientOptions);
  // The checklist sidebar (zod, the webview's HTML) loads with the client, after activation too.
  const { registerChecklistView } = await import("./checklistView");
  registerChecklistView(context, client);
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.needsStop()) await c.stop();
}
