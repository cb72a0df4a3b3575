// What the client hands to the server (no `vscode` import: the manifest test reads it in plain Node).

/** The languages the server analyses (VS Code language ids); the manifest's onLanguage events match. */
export const LANGUAGES = ["typescript", "typescriptreact", "javascript", "javascriptreact", "python", "go", "rust", "java"] as const;
export const PROJECT_FILE = "backend-checklist.json";
