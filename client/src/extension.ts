// The extension: start the language client. The server runs in its own Node process (dist/server.js),
// forked from the Node that VS Code ships (no Node of our own, no native modules). Everything else —
// analysis, fixes, the checklist — lives in the server; this file stays thin (vscode-eslint, lsp-sample).
// Activation loads only this small bundle: the language client library and the checklist view are in
// dist/client-lsp.js (client/src/lsp.ts), required in the next macrotask (bench/activation.mjs).
import * as path from "node:path";
import { commands, window, type ExtensionContext, type LogOutputChannel } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export interface BackendChecklistApi {
  /** The language client once it is created (the checklist view talks to the server through it). */
  readonly client: LanguageClient | undefined;
  /** Resolves with the client once it has started (or failed to: see the output channel). */
  readonly ready: Promise<LanguageClient>;
}

export function activate(context: ExtensionContext): BackendChecklistApi {
  const out = window.createOutputChannel("Backend Checklist", { log: true });
  context.subscriptions.push(out);
  const ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => startClient(context, out));
  ready.catch((e: unknown) => {
    out.error(`the language server failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void window.showErrorMessage("Backend Checklist: the language server failed to start. See Output › Backend Checklist.");
  });
  context.subscriptions.push(
    commands.registerCommand("backendChecklist.restartServer", async () => {
      await ready.catch(() => undefined);
      out.info("restarting the language server");
      if (!client) await startClient(context, out);
      else await (client.isRunning() ? client.restart() : client.start());
    }),
    commands.registerCommand("backendChecklist.showOutput", () => out.show(true)),
  );
  return {
    get client() {
      return client;
    },
    ready,
  };
}

async function startClient(context: ExtensionContext, out: LogOutputChannel): Promise<LanguageClient> {
  // A computed path, so that esbuild leaves the require alone: the module is its own bundle.
  const lsp = require(path.join(__dirname, "client-lsp.js")) as typeof import("./lsp");
  client = lsp.createClient(context, out);
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.needsStop()) await c.stop();
}
