// The extension-host entry (extensionTestsPath): a mocha runner over the *.test.js beside it.
// Runs inside VS Code's extension host, through @vscode/test-electron or the code-server route
// (client/test/run-code-server.mjs). Output goes to console.log, which both routes print.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false, reporter: "spec" });
  const grep = process.env.BACKEND_CHECKLIST_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith(".test.js")).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
