// backend-checklist-ignore-file hardcoded-secret -- synthetic keys in generated benchmark code
// Synthetic but realistic backend sources for the benchmark: handlers, services, config, error
// handling and a few findings, in each language; deterministic for a given seed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type BenchLang = "python" | "typescript" | "go" | "rust" | "java";
export const EXT: Record<BenchLang, string> = { python: "py", typescript: "ts", go: "go", rust: "rs", java: "java" };
export const LSP_ID: Record<BenchLang, string> = { python: "python", typescript: "typescript", go: "go", rust: "rust", java: "java" };

function block(lang: BenchLang, i: number): string {
  switch (lang) {
    case "python":
      return `
async def handler_${i}(request: Request, limit: int = 20) -> dict:
    """Return page ${i}."""
    try:
        rows = await db.fetch("SELECT id, name FROM items WHERE page = $1", ${i})
    except DatabaseError as exc:
        logger.exception("query failed")
        raise HTTPException(status_code=503, detail="unavailable") from exc
    result = [dict(r) for r in rows if r["id"] > ${i}]
    return {"items": result[:limit], "page": ${i}}
`;
    case "typescript":
      return `
export async function handler${i}(req: Request, res: Response): Promise<void> {
  const limit = Math.min(Number(req.query.limit ?? 20), 100);
  try {
    const rows = await pool.query("SELECT id, name FROM items WHERE page = $1 LIMIT $2", [${i}, limit]);
    res.json({ items: rows.rows.filter((r: { id: number }) => r.id > ${i}), page: ${i} });
  } catch (err) {
    logger.error({ err }, "query failed");
    throw new Error("handler ${i} failed", { cause: err });
  }
}
`;
    case "go":
      return `
func handler${i}(w http.ResponseWriter, r *http.Request) {
	rows, err := db.QueryContext(r.Context(), "SELECT id, name FROM items WHERE page = $1", ${i})
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	defer rows.Close()
	items := make([]Item, 0, 16)
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Name); err != nil {
			log.Printf("scan: %v", err)
			return
		}
		items = append(items, it)
	}
}
`;
    case "rust":
      return `
pub async fn handler_${i}(State(pool): State<PgPool>, Query(p): Query<Page>) -> Result<Json<Vec<Item>>, AppError> {
    let limit = p.limit.unwrap_or(20).clamp(1, 100);
    let rows = sqlx::query_as::<_, Item>("SELECT id, name FROM items WHERE page = $1 LIMIT $2")
        .bind(${i})
        .bind(limit)
        .fetch_all(&pool)
        .await
        .context("query failed")?;
    Ok(Json(rows.into_iter().filter(|r| r.id > ${i}).collect()))
}
`;
    case "java":
      return `
    @GetMapping("/items/${i}")
    public List<Item> handler${i}(@RequestParam(defaultValue = "20") @Max(100) int limit) {
        try {
            return jdbc.query("SELECT id, name FROM items WHERE page = ? LIMIT ?", mapper, ${i}, limit);
        } catch (DataAccessException e) {
            log.error("query failed", e);
            throw new IllegalStateException("handler ${i} failed", e);
        }
    }
`;
  }
}

const HEAD: Record<BenchLang, string> = {
  python: `import logging\nimport os\n\nfrom fastapi import HTTPException, Request\n\nlogger = logging.getLogger(__name__)\nAPI_TOKEN = "tok_9f8e7d6c5b4a3921"\n`,
  typescript: `import type { Request, Response } from "express";\nimport { pool } from "./db";\nimport { logger } from "./logger";\n\nconst apiKey = "q8Zr2LmX0vT7pK4n";\n`,
  go: `package handlers\n\nimport (\n\t"database/sql"\n\t"log"\n\t"net/http"\n)\n\nvar db *sql.DB\nvar apiToken = "tok_9f8e7d6c5b4a3921"\n\ntype Item struct {\n\tID   int\n\tName string\n}\n`,
  rust: `use axum::{extract::{Query, State}, Json};\nuse sqlx::PgPool;\n\nconst API_TOKEN: &str = "tok_9f8e7d6c5b4a3921";\n`,
  java: `package com.acme.bench;\n\nimport java.util.List;\n\n@RestController\npublic class Bench {\n    private static final String API_KEY = "sk_live_9aQ2mX7rL4pT1vB8nC3kZ6wY";\n`,
};

/** A source file of about `lines` lines. */
export function sourceFile(lang: BenchLang, lines: number, seed = 0): string {
  let out = HEAD[lang];
  let i = seed * 10000;
  while (out.split("\n").length < lines) out += block(lang, i++);
  if (lang === "java") out += "}\n";
  return out;
}

/** A workspace of `count` files over the five languages, one project per language. */
export function generateWorkspace(dir: string, count: number, linesPerFile: number): { files: number; lines: number } {
  const langs: BenchLang[] = ["python", "typescript", "go", "rust", "java"];
  const manifests: Record<BenchLang, [string, string]> = {
    python: ["requirements.txt", "fastapi\n"],
    typescript: ["package.json", '{ "dependencies": { "express": "^4" } }\n'],
    go: ["go.mod", "module example.com/bench\n\ngo 1.22\n"],
    rust: ["Cargo.toml", '[package]\nname = "bench"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n'],
    java: ["pom.xml", "<project><artifactId>bench</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n"],
  };
  let lines = 0;
  for (const lang of langs) {
    mkdirSync(join(dir, lang, "src"), { recursive: true });
    writeFileSync(join(dir, lang, manifests[lang][0]), manifests[lang][1]);
  }
  for (let n = 0; n < count; n++) {
    const lang = langs[n % langs.length]!;
    const sub = join(dir, lang, "src", `m${Math.floor(n / 50)}`);
    mkdirSync(sub, { recursive: true });
    const text = sourceFile(lang, linesPerFile, n);
    lines += text.split("\n").length - 1;
    writeFileSync(join(sub, `file${n}.${EXT[lang]}`), text);
  }
  return { files: count, lines };
}
