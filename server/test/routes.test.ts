// The route inventory end to end: `backend-checklist routes --format json` on projects of the shared
// corpus (at least one per framework present there) lists every route with its resolved path, the
// line of its registration, its handler, and the auth / validation / pagination flags. The expected
// rows were written by reading each project: routers mounted in other files (app.use, include_router,
// register_blueprint, register, nest/merge, scope, mount), auth on routers/groups/apps and in
// framework configuration (Spring Security, micronaut-security), exempt entry points left open.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Fact } from "../src/engine/types";
import type { ProjectInfo } from "../src/project/model";
import { resolveRoutes } from "../src/rules/_shared/routes";

const CORPUS = join(process.cwd(), "..", "shared", "corpus");
const CLI = join(process.cwd(), "dist", "cli.js");

type Row = [method: string, path: string, file: string, line: number, handler: string, auth: boolean, validated: boolean | null, paginationBounded: boolean | null];

interface RouteJson {
  project: string;
  method: string;
  path: string;
  file: string;
  line: number;
  handler: string;
  auth: boolean;
  validated: boolean | null;
  paginationBounded: boolean | null;
}

const EXPECTED: Record<string, Row[]> = {
  "typescript/express-api": [
    ["GET","/health","src/app.ts",16,"(inline)",false,null,null],
    ["POST","/api/v1/accounts/register","src/routes/accounts.ts",12,"(inline)",false,true,null],
    ["POST","/api/v1/accounts/login","src/routes/accounts.ts",19,"(inline)",false,true,null],
    ["GET","/api/v1/accounts/search","src/routes/accounts.ts",31,"(inline)",true,null,false],
    ["PATCH","/api/v1/accounts/me","src/routes/accounts.ts",38,"(inline)",true,false,null],
    ["DELETE","/api/v1/accounts/:id","src/routes/accounts.ts",44,"(inline)",true,null,null],
    ["GET","/api/v1/orders","src/routes/orders.ts",13,"(inline)",true,null,true],
    ["POST","/api/v1/orders","src/routes/orders.ts",23,"(inline)",false,false,null],
    ["GET","/api/v1/orders/:id/invoice","src/routes/orders.ts",33,"(inline)",true,null,null],
    ["GET","/api/v1/orders/legacy/:ref","src/routes/orders.ts",39,"(inline)",true,null,null],
    ["POST","/api/v1/orders/:id/capture","src/routes/orders.ts",50,"(inline)",true,null,null],
    ["DELETE","/api/v1/orders/:id","src/routes/orders.ts",61,"(inline)",true,null,null],
  ],
  "typescript/fastify-api": [
    ["GET","/v1/accounts/:id/activity","src/routes/accounts.ts",10,"(inline)",true,null,null],
    ["PUT","/v1/accounts/:id/credentials","src/routes/accounts.ts",20,"(inline)",true,false,null],
    ["POST","/v1/accounts/:id/recalculate","src/routes/accounts.ts",28,"(inline)",true,null,null],
    ["GET","/v1/accounts/:id/lines","src/routes/accounts.ts",35,"(inline)",true,null,null],
    ["GET","/v1/products","src/routes/products.ts",28,"(inline)",false,null,true],
    ["GET","/v1/products/search","src/routes/products.ts",34,"(inline)",false,null,false],
    ["GET","/v1/products/by-tag/:tag","src/routes/products.ts",40,"(inline)",false,null,null],
    ["POST","/v1/products","src/routes/products.ts",44,"(inline)",true,true,null],
    ["PUT","/v1/products/:id/stock","src/routes/products.ts",50,"(inline)",false,false,null],
    ["DELETE","/v1/products/:id","src/routes/products.ts",63,"(inline)",true,null,null],
    ["GET","/healthz","src/server.ts",17,"(inline)",false,null,null],
  ],
  "typescript/nest-api": [
    ["POST","/v1/auth/login","src/auth/auth.controller.ts",19,"AuthController.login",false,true,null],
    ["GET","/v1/customers/:id","src/customers/customers.controller.ts",24,"CustomersController.findOne",true,null,null],
    ["POST","/v1/customers","src/customers/customers.controller.ts",29,"CustomersController.create",true,true,null],
    ["PATCH","/v1/customers/:id","src/customers/customers.controller.ts",34,"CustomersController.patch",true,false,null],
    ["GET","/v1/invoices","src/invoices/invoices.controller.ts",58,"InvoicesController.list",false,null,true],
    ["GET","/v1/invoices/search","src/invoices/invoices.controller.ts",63,"InvoicesController.search",false,null,false],
    ["GET","/v1/invoices/recent","src/invoices/invoices.controller.ts",68,"InvoicesController.recent",false,null,false],
    ["GET","/v1/invoices/with-customers","src/invoices/invoices.controller.ts",73,"InvoicesController.withCustomers",false,null,null],
    ["POST","/v1/invoices","src/invoices/invoices.controller.ts",78,"InvoicesController.create",false,true,null],
    ["PUT","/v1/invoices/:id","src/invoices/invoices.controller.ts",83,"InvoicesController.replace",false,false,null],
    ["DELETE","/v1/invoices/:id","src/invoices/invoices.controller.ts",89,"InvoicesController.remove",true,null,null],
  ],
  "python/fastapi-shop": [
    ["POST","/token","app/auth.py",62,"login",false,true,null],
    ["GET","/health","app/main.py",21,"health",false,null,null],
    ["GET","/v1/orders","app/routers/orders.py",28,"list_orders",true,true,false],
    ["GET","/v1/orders/report","app/routers/orders.py",41,"order_report",true,true,true],
    ["GET","/v1/orders/search","app/routers/orders.py",56,"search_orders",true,true,null],
    ["GET","/v1/orders/stats","app/routers/orders.py",66,"order_stats",true,true,null],
    ["POST","/v1/orders","app/routers/orders.py",72,"create_order",true,true,null],
    ["PATCH","/v1/orders/{order_id}/cancel","app/routers/orders.py",89,"cancel_order",false,null,null],
    ["PUT","/v1/orders/{order_id}/note","app/routers/orders.py",100,"replace_note",false,false,null],
    ["GET","/v1/products","app/routers/products.py",17,"list_products",false,null,false],
    ["POST","/v1/products/import","app/routers/products.py",26,"import_products",false,false,null],
    ["DELETE","/v1/admin/products/{product_id}","app/routers/products.py",33,"delete_product",true,null,null],
  ],
  "python/fastapi-reports": [
    ["GET","/v1/regions/summary","app.py",43,"region_summary",false,null,null],
    ["GET","/v1/regions/batch","app.py",55,"region_batch",false,null,null],
    ["POST","/v1/reports","app.py",64,"create_report",true,true,null],
    ["POST","/v1/reports/{name}/rebuild","app.py",72,"rebuild_report",false,false,null],
    ["DELETE","/v1/reports/{name}","app.py",81,"delete_report",false,null,null],
  ],
  "python/flask-notes": [
    ["GET","/healthz","notes/app.py",25,"healthz",false,null,null],
    ["POST","/api/v1/auth/login","notes/auth.py",23,"login",false,true,null],
    ["GET","/api/v1/notes","notes/views.py",29,"list_notes",true,null,false],
    ["GET","/api/v1/notes/search","notes/views.py",42,"search_notes",true,null,true],
    ["POST","/api/v1/notes","notes/views.py",56,"create_note",true,false,null],
    ["PUT","/api/v1/notes/<int:note_id>","notes/views.py",70,"update_note",true,true,null],
    ["DELETE","/api/v1/notes/<int:note_id>","notes/views.py",86,"delete_note",true,null,null],
    ["GET","/api/v1/notes/archive/<int:year>","notes/views.py",101,"archived_notes",true,null,null],
  ],
  "python/django-blog": [
    ["GET","/api/v1/posts/","blog/views.py",19,"post_list",false,null,false],
    ["GET","/api/v1/posts/feed/","blog/views.py",30,"post_feed",false,null,true],
    ["GET","/api/v1/posts/search/","blog/views.py",38,"search_posts",false,null,null],
    ["GET","/api/v1/me/tags/","blog/views.py",46,"my_tags",true,null,null],
    ["POST","/api/v1/posts/<int:post_id>/comments/","blog/views.py",56,"add_comment",true,true,null],
    ["POST","/api/v1/posts/import/","blog/views.py",68,"import_posts",true,false,null],
    ["POST","/api/v1/posts/<int:post_id>/publish/","blog/views.py",79,"publish_post",true,null,null],
    ["GET","/api/v1/stats/legacy/","blog/views.py",94,"legacy_stats",false,null,null],
    ["GET","/healthz/","blog/views.py",108,"healthz",false,null,null],
  ],
  "go/gin-api": [
    ["POST","/admin/reports/rebuild","cmd/admin/main.go",30,"(inline)",true,null,null],
    ["POST","/admin/cache/flush","cmd/admin/main.go",38,"(inline)",false,null,null],
    ["POST","/v1/login","main.go",28,"h.Login",false,true,null],
    ["GET","/v1/products","main.go",29,"h.ListProducts",false,null,false],
    ["GET","/v1/products/search","main.go",30,"h.SearchProducts",false,null,true],
    ["POST","/v1/orders","main.go",31,"h.CreateOrder",false,false,null],
    ["PUT","/v1/admin/products/:id","main.go",35,"h.UpdateProduct",true,true,null],
    ["DELETE","/v1/admin/products/:id","main.go",36,"h.DeleteProduct",true,null,null],
  ],
  "go/gin-catalog": [
    ["GET","/v1/items","main.go",46,"listItems",false,null,true],
    ["GET","/v1/items/by-supplier","main.go",47,"itemsBySupplier",false,null,null],
    ["GET","/v1/suppliers/report","main.go",48,"supplierReport",false,null,null],
    ["POST","/v1/items/import","main.go",49,"importItems",false,false,null],
  ],
  "go/echo-api": [
    ["POST","/v1/auth/token","main.go",37,"h.issueToken",false,true,null],
    ["GET","/v1/tickets","main.go",38,"h.listTickets",false,null,false],
    ["GET","/v1/tickets/watchers","main.go",39,"h.ticketWatchers",false,null,null],
    ["POST","/v1/tickets","main.go",42,"h.createTicket",true,true,null],
    ["PATCH","/v1/tickets/:id/status","main.go",43,"h.updateStatus",false,false,null],
    ["DELETE","/v1/tickets/:id","main.go",44,"h.deleteTicket",false,null,null],
  ],
  "go/nethttp-api": [
    ["GET","/v1/books","main.go",26,"s.listBooks",false,null,false],
    ["POST","/v1/books","main.go",27,"s.createBook",false,false,null],
    ["DELETE","/v1/books/{id}","main.go",28,"s.deleteBook",true,null,null],
    ["PUT","/v1/books/{id}/cover","main.go",29,"s.uploadCover",false,true,null],
    ["POST","/v1/webhooks/payments","main.go",30,"s.paymentWebhook",false,null,null],
  ],
  "rust/axum-api": [
    ["GET","/v1/tasks","src/routes.rs",45,"list_tasks",false,null,false],
    ["GET","/v1/tasks/search","src/routes.rs",46,"search_tasks",false,null,true],
    ["GET","/v1/tasks/with-projects","src/routes.rs",47,"tasks_with_projects",false,null,null],
    ["POST","/v1/tasks/import","src/routes.rs",48,"import_tasks",false,false,null],
    ["PUT","/v1/tasks/:id/archive","src/routes.rs",49,"archive_task",false,null,null],
    ["POST","/v1/login","src/routes.rs",50,"crate::auth::login",false,true,null],
    ["POST","/v1/projects/:id/tasks","src/routes.rs",55,"create_task",true,true,null],
    ["DELETE","/v1/tasks/:id","src/routes.rs",56,"delete_task",true,null,null],
  ],
  "rust/actix-api": [
    ["POST","/v1/login","src/account.rs",20,"login",false,true,null],
    ["POST","/v1/admin/cache/purge","src/account.rs",35,"purge_cache",true,null,null],
    ["GET","/v1/invoices","src/handlers.rs",18,"list_invoices",false,null,false],
    ["GET","/v1/customers/{id}/invoices","src/handlers.rs",28,"customer_invoices",false,null,true],
    ["GET","/v1/invoices/summary","src/handlers.rs",40,"invoice_summary",false,null,null],
    ["POST","/v1/invoices","src/handlers.rs",51,"create_invoice",false,false,null],
    ["PUT","/v1/invoices/{id}","src/handlers.rs",66,"update_invoice",true,true,null],
    ["DELETE","/v1/invoices/{id}","src/handlers.rs",78,"void_invoice",false,null,null],
    ["GET","/v1/reports/{year}","src/handlers.rs",88,"legacy_report",false,null,null],
  ],
  "rust/rocket-api": [
    ["GET","/v1/notes","src/main.rs",30,"list_notes",true,null,true],
    ["POST","/v1/notes","src/main.rs",42,"create_note",true,true,null],
    ["DELETE","/v1/notes/by-tag/<tag>","src/main.rs",51,"delete_by_tag",false,null,null],
    ["POST","/v1/notes/mirror","src/main.rs",74,"mirror",true,null,null],
  ],
  "java/spring-api": [
    ["GET","/api/v1/orders","src/main/java/com/acme/shop/orders/OrderController.java",45,"OrderController.list",true,null,false],
    ["GET","/api/v1/orders/recent","src/main/java/com/acme/shop/orders/OrderController.java",52,"OrderController.recent",true,null,true],
    ["GET","/api/v1/orders/with-customers","src/main/java/com/acme/shop/orders/OrderController.java",57,"OrderController.withCustomers",true,null,null],
    ["GET","/api/v1/orders/search","src/main/java/com/acme/shop/orders/OrderController.java",63,"OrderController.search",true,null,null],
    ["GET","/api/v1/orders/by-customer","src/main/java/com/acme/shop/orders/OrderController.java",68,"OrderController.byCustomer",true,null,null],
    ["POST","/api/v1/orders","src/main/java/com/acme/shop/orders/OrderController.java",73,"OrderController.create",true,true,null],
    ["PUT","/api/v1/orders/{id}/address","src/main/java/com/acme/shop/orders/OrderController.java",80,"OrderController.updateAddress",true,false,null],
    ["POST","/api/v1/orders/{id}/refund","src/main/java/com/acme/shop/orders/OrderController.java",87,"OrderController.refund",true,null,null],
    ["POST","/api/v1/orders/{id}/coupon","src/main/java/com/acme/shop/orders/OrderController.java",98,"OrderController.applyCoupon",true,null,null],
  ],
  "java/spring-billing": [
    ["GET","/api/v1/invoices","src/main/java/com/acme/billing/InvoiceController.java",24,"InvoiceController.list",false,null,false],
    ["POST","/api/v1/invoices","src/main/java/com/acme/billing/InvoiceController.java",29,"InvoiceController.create",false,false,null],
    ["DELETE","/api/v1/invoices/{id}","src/main/java/com/acme/billing/InvoiceController.java",36,"InvoiceController.delete",false,null,null],
  ],
  "java/spring-reports": [
    ["GET","/api/v1/reports/regions","src/main/java/com/acme/reports/ReportController.java",30,"ReportController.regions",false,null,null],
    ["GET","/api/v1/reports/me","src/main/java/com/acme/reports/ReportController.java",42,"ReportController.me",true,null,null],
    ["POST","/api/v1/reports/rebuild","src/main/java/com/acme/reports/ReportController.java",48,"ReportController.rebuild",false,null,null],
  ],
  "java/micronaut-api": [
    ["GET","/api/v1/products","src/main/java/com/acme/catalog/ProductController.java",34,"ProductController.list",true,null,true],
    ["GET","/api/v1/products/with-suppliers","src/main/java/com/acme/catalog/ProductController.java",39,"ProductController.withSuppliers",true,null,null],
    ["POST","/api/v1/products","src/main/java/com/acme/catalog/ProductController.java",46,"ProductController.create",true,true,null],
    ["PUT","/api/v1/products/{id}/price","src/main/java/com/acme/catalog/ProductController.java",52,"ProductController.reprice",true,true,null],
    ["DELETE","/api/v1/products/{id}","src/main/java/com/acme/catalog/ProductController.java",64,"ProductController.delete",true,null,null],
  ],
  "java/quarkus-api": [
    ["GET","/api/v1/carriers/{id}/eta","src/main/java/com/acme/shipping/CarrierResource.java",28,"CarrierResource.eta",false,null,null],
    ["POST","/api/v1/carriers/{id}/ping","src/main/java/com/acme/shipping/CarrierResource.java",39,"CarrierResource.pingCarrier",false,null,null],
    ["GET","/api/v1/shipments","src/main/java/com/acme/shipping/ShipmentResource.java",29,"ShipmentResource.list",false,null,true],
    ["GET","/api/v1/shipments/search","src/main/java/com/acme/shipping/ShipmentResource.java",34,"ShipmentResource.search",false,null,null],
    ["GET","/api/v1/shipments/report","src/main/java/com/acme/shipping/ShipmentResource.java",40,"ShipmentResource.report",false,null,null],
    ["GET","/api/v1/shipments/with-carriers","src/main/java/com/acme/shipping/ShipmentResource.java",46,"ShipmentResource.withCarriers",false,null,null],
    ["GET","/api/v1/shipments/{id}","src/main/java/com/acme/shipping/ShipmentResource.java",58,"ShipmentResource.get",false,null,null],
    ["POST","/api/v1/shipments","src/main/java/com/acme/shipping/ShipmentResource.java",68,"ShipmentResource.create",false,true,null],
    ["PUT","/api/v1/shipments/{id}/status","src/main/java/com/acme/shipping/ShipmentResource.java",81,"ShipmentResource.updateStatus",true,true,null],
    ["DELETE","/api/v1/shipments/{id}","src/main/java/com/acme/shipping/ShipmentResource.java",92,"ShipmentResource.cancel",false,null,null],
  ],
};

function routes(dir: string, format = "json"): string {
  return execFileSync(process.execPath, [CLI, "routes", dir, "--format", format], { encoding: "utf8" });
}

describe("route inventory (backend-checklist routes)", function () {
  this.timeout(120000);
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
  });
  for (const [project, rows] of Object.entries(EXPECTED)) {
    it(`lists every route of ${project} with the right flags`, () => {
      const out = JSON.parse(routes(join(CORPUS, project))) as { routes: RouteJson[] };
      const got = out.routes.map((r): Row => [r.method, r.path, r.file, r.line, r.handler, r.auth, r.validated, r.paginationBounded]);
      assert.deepEqual(got, rows);
      assert.equal(new Set(out.routes.map((r) => r.project)).size, 1, "one project name");
      for (const r of out.routes) assert.deepEqual(Object.keys(r), ["project", "method", "path", "file", "line", "handler", "auth", "validated", "paginationBounded"]);
    });
  }
  it("prints a text table", () => {
    const text = routes(join(CORPUS, "python/fastapi-shop"), "text");
    assert.match(text, /^PATCH\s+\/v1\/orders\/\{order_id\}\/cancel\s+open\b/m);
    assert.match(text, /^DELETE\s+\/v1\/admin\/products\/\{product_id\}\s+auth\b/m);
  });
});

describe("route inventory: input facts of the validation rules", () => {
  const project = { root: "/p", name: "p", manifests: [], dependencies: [], binFiles: [], frameworks: [], rootFiles: [], config: {} } as unknown as ProjectInfo;
  const range = (a: number, b: number) => ({ start: { line: a, character: 0 }, end: { line: b, character: 1 } });
  const fact = (kind: string, line: number, end: number, data: Record<string, unknown>): Fact => ({ kind, file: "/p/app.ts", range: range(line, end), data });
  const route = (line: number, handler: string, validated?: boolean) =>
    fact("route", line, line + 2, { fw: "express", method: "POST", path: `/r${line}`, handler, owner: "v:app.ts:app", mw: [], order: line, validated });
  it("prefers route-input facts (by handler name, or inside an inline handler) over the rule's own guess", () => {
    const facts: Fact[] = [
      route(1, "createOrder", false),
      route(10, "(inline)"),
      route(20, "other", true),
      fact("route-input", 50, 50, { handler: "createOrder", validated: true, paginationBounded: null }),
      fact("route-input", 11, 11, { handler: "", validated: false, paginationBounded: false }),
      fact("route-input-local", 60, 60, { handler: "other", validated: false, paginationBounded: null }),
    ];
    const got = resolveRoutes(project, (k) => facts.filter((f) => f.kind === k)).map((r) => [r.path, r.validated, r.paginationBounded]);
    assert.deepEqual(got, [
      ["/r1", true, null],
      ["/r10", false, false],
      ["/r20", true, null],
    ]);
  });
});
