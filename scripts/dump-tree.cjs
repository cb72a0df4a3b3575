// Print a tree-sitter syntax tree: node scripts/dump-tree.cjs <lang> <file|-e code>
const { Parser, Language } = require("web-tree-sitter");
const fs = require("fs");
(async () => {
  const [lang, a, b] = process.argv.slice(2);
  const src = a === "-e" ? b : fs.readFileSync(a, "utf8");
  await Parser.init();
  const l = await Language.load(require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${lang}.wasm`));
  const p = new Parser(); p.setLanguage(l);
  const t = p.parse(src);
  const walk = (n, d, field) => {
    const leaf = n.childCount === 0 ? ` ${JSON.stringify(n.text)}` : "";
    if (n.isNamed || leaf) console.log(`${"  ".repeat(d)}${field ? field + ": " : ""}${n.isNamed ? n.type : JSON.stringify(n.type)}${leaf}`);
    for (let i = 0; i < n.childCount; i++) walk(n.child(i), d + 1, n.fieldNameForChild(i));
  };
  walk(t.rootNode, 0);
})();
