import request from "supertest";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";

describe("POST /v1/orders", () => {
  it("rejects an invalid body", async () => {
    const res = await request(app).post("/v1/orders").set("x-role", "clerk").send({ sku: "" });
    expect(res.status).toBe(400);
  });
});
