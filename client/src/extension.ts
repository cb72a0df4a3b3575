// The extension: start the language client; the server runs in its own Node process (dist/server.js).
import * as path from "node:path";
import type { ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { registerChecklistView } from "./checklistView";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ["typescript", "typescriptreact", "javascript", "javascriptreact", "python", "go", "rust", "java"].map((language) => ({ scheme: "file", language })).concat([{ scheme: "file", language: "json", pattern: "**/backend-checklist.json" } as never]),
    synchronize: { configurationSection: "backendChecklist" },
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
  };
  client = new LanguageClient("backendChecklist", "Backend Checklist", serverOptions, clientOptions);
  registerChecklistView(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
