// The heavy half of the client, bundled apart (dist/client-lsp.js) and required only after activate()
// has returned: the language client library, the checklist view (zod, the webview's HTML).
import * as path from "node:path";
import { workspace, type ExtensionContext, type LogOutputChannel } from "vscode";
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { registerChecklistView } from "./checklistView";
import { LANGUAGES, PROJECT_FILE } from "./languages";

export function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
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
  const client = new LanguageClient("backendChecklist", "Backend Checklist", serverOptions, clientOptions);
  registerChecklistView(context, client);
  return client;
}
