// The evidence analyzer on small projects per language: each case names the item (and part) that
// must be found, with its file and line, and cases that must NOT count (comments, import paths,
// permissive settings).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildChecklists } from "../src/checklist";
import { evidence } from "../src/checklist/evidence";
import { scanWorkspace } from "../src/project/scan";

interface Case {
  name: string;
  files: Record<string, string>;
  /** item → [file, line] of an expected evidence entry. */
  found: Array<[string, string, number]>;
  /** items with no evidence at all. */
  none?: string[];
  status?: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: "TypeScript: tests, OpenAPI file, helmet, request id, permissive CORS is no evidence",
    files: {
      "package.json": '{"name":"t","dependencies":{"express":"4","cors":"2"}}',
      "openapi.yaml": "openapi: 3.1.0\n",
      "src/app.ts": 'import express from "express";\nimport cors from "cors";\nimport helmet from "helmet";\n// import rateLimit from "express-rate-limit";\nconst app = express();\napp.use(helmet());\napp.use(cors({ origin: "*" }));\napp.use((req, _res, next) => { req.headers["x-request-id"] ??= "1"; next(); });\n',
      "src/app.test.ts": 'import request from "supertest";\nimport { app } from "./app";\ndescribe("app", () => {\n  it("works", async () => { await request(app).get("/"); });\n});\n',
    },
    found: [["openapi-contract", "openapi.yaml", 1], ["security-headers", "src/app.ts", 3], ["logging-correlation", "src/app.ts", 8], ["tests", "src/app.test.ts", 1], ["tests", "src/app.test.ts", 3]],
    none: ["rate-limiting", "cors"],
    status: { tests: "met", "openapi-contract": "met", "rate-limiting": "not-met" },
  },
  {
    name: "Python: pytest + TestClient, structlog + asgi-correlation-id, slowapi, mypy strict",
    files: {
      "requirements.txt": "fastapi\nstructlog\nasgi-correlation-id\nslowapi\n",
      "mypy.ini": "[mypy]\nstrict = True\n",
      "app/main.py": "import structlog\nfrom asgi_correlation_id import CorrelationIdMiddleware\nfrom fastapi import FastAPI\nfrom slowapi import Limiter\n\napp = FastAPI()\napp.add_middleware(CorrelationIdMiddleware)\n",
      "tests/test_main.py": "from fastapi.testclient import TestClient\nfrom app.main import app\n\ndef test_root() -> None:\n    assert TestClient(app).get('/').status_code == 404\n",
    },
    found: [["logging-correlation", "app/main.py", 1], ["logging-correlation", "app/main.py", 2], ["rate-limiting", "app/main.py", 4], ["tests", "tests/test_main.py", 1], ["tests", "tests/test_main.py", 4], ["type-annotations", "mypy.ini", 2]],
    status: { "logging-correlation": "met", tests: "met", "rate-limiting": "met" },
  },
  {
    name: "Go: httptest, zap, chi request id, module /v5 paths are no versions",
    files: {
      "go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n",
      "main.go": 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n\t"github.com/go-chi/chi/v5/middleware"\n\t"go.uber.org/zap"\n)\n\nfunc main() {\n\t_ = zap.NewExample()\n\tr := chi.NewRouter()\n\tr.Use(middleware.RequestID)\n\t_ = http.ListenAndServe(":8080", r)\n}\n',
      "main_test.go": 'package main\n\nimport (\n\t"net/http/httptest"\n\t"testing"\n)\n\nfunc TestServer(t *testing.T) {\n\t_ = httptest.NewRecorder()\n}\n',
    },
    found: [["logging-correlation", "main.go", 8], ["logging-correlation", "main.go", 14], ["tests", "main_test.go", 4], ["tests", "main_test.go", 8]],
    none: ["api-versioning"],
    status: { "logging-correlation": "met", tests: "met", "api-versioning": "not-met", "async-io": "not-applicable" },
  },
  {
    name: "Rust: #[tokio::test] + tower ServiceExt, tower_governor, utoipa, CORS with Any is no evidence",
    files: {
      "Cargo.toml": '[package]\nname = "r"\n[dependencies]\naxum = "0.7"\ntower_governor = "0.4"\nutoipa = "4"\ntower-http = "0.5"\n',
      "src/main.rs": "use tower_governor::GovernorLayer;\nuse tower_http::cors::{Any, CorsLayer};\n\n#[derive(utoipa::ToSchema)]\nstruct Item {}\n\nfn cors() -> CorsLayer {\n    CorsLayer::new().allow_origin(Any)\n}\n\n#[cfg(test)]\nmod tests {\n    use tower::ServiceExt;\n\n    #[tokio::test]\n    async fn it_works() {}\n}\n",
    },
    found: [["rate-limiting", "src/main.rs", 1], ["openapi-contract", "src/main.rs", 4], ["tests", "src/main.rs", 13], ["tests", "src/main.rs", 15]],
    none: ["cors"],
    status: { tests: "met", "rate-limiting": "met", "type-annotations": "not-applicable" },
  },
  {
    name: "Rust: a long builder chain is evidence where the limiter is, not where the chain starts",
    files: {
      "Cargo.toml": '[package]\nname = "a"\n[dependencies]\nactix-web = "4"\n',
      "src/main.rs": `use actix_web::{App, HttpServer};\n\nfn main() {\n    let conf = 1;\n    let _ = HttpServer::new(move || {\n${"        let _unused_padding_variable = 1;\n".repeat(8)}        App::new().wrap(Governor::new(&conf))\n    })\n    .bind(("0.0.0.0", 8080));\n}\n`,
    },
    found: [["rate-limiting", "src/main.rs", 14]],
  },
  {
    name: "Java: @SpringBootTest + @Test, @PreAuthorize, @RestControllerAdvice, JOIN FETCH, HikariCP settings",
    files: {
      "pom.xml": "<project><artifactId>j</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency></dependencies></project>",
      "src/main/resources/application.properties": "spring.datasource.hikari.maximum-pool-size=20\n",
      "src/main/java/a/Api.java": 'package a;\n\nimport org.springframework.security.access.prepost.PreAuthorize;\n\n@RestControllerAdvice\nclass Errors {}\n\nclass Api {\n    @PreAuthorize("hasRole(\'ADMIN\')")\n    void admin() {}\n    static final String Q = "select o from Order o join fetch o.lines";\n}\n',
      "src/test/java/a/ApiTest.java": "package a;\n\n@SpringBootTest\nclass ApiTest {\n    @Test\n    void loads() {}\n}\n",
    },
    found: [["auth", "src/main/java/a/Api.java", 9], ["error-handling", "src/main/java/a/Api.java", 5], ["query-optimization", "src/main/java/a/Api.java", 11], ["connection-pooling", "src/main/resources/application.properties", 1], ["tests", "src/test/java/a/ApiTest.java", 3]],
    status: { auth: "met", tests: "met", "connection-pooling": "met", "security-headers": "met" },
  },
];

describe("checklist evidence per language", function () {
  this.timeout(60000);
  for (const c of CASES) {
    it(c.name, async () => {
      const root = mkdtempSync(join(tmpdir(), "bc-ev-"));
      for (const [rel, text] of Object.entries(c.files)) {
        mkdirSync(join(root, rel, ".."), { recursive: true });
        writeFileSync(join(root, rel), text);
      }
      const [p] = buildChecklists(await scanWorkspace([root], { rules: [evidence] }), root);
      assert.ok(p);
      for (const [item, file, line] of c.found) {
        const ev = p.items.find((i) => i.id === item)!.evidence;
        assert.ok(ev.some((e) => e.file === file && e.line === line), `${item} at ${file}:${line}; got ${JSON.stringify(ev.map((e) => `${e.file}:${e.line} ${e.text}`))}`);
        assert.ok(ev.every((e) => e.file !== file || !/HttpServer::new\(move/.test(e.text)), JSON.stringify(ev));
      }
      for (const item of c.none ?? []) assert.deepEqual(p.items.find((i) => i.id === item)!.evidence, [], item);
      for (const [item, status] of Object.entries(c.status ?? {})) assert.equal(p.items.find((i) => i.id === item)!.status, status, item);
    });
  }
});
