import cors from "cors";
import express from "express";
import jwt from "jsonwebtoken";
import pg from "pg";
import pino from "pino";
import { z } from "zod";

const logger = pino();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const JWT_SECRET = process.env.JWT_SECRET || "dev-signing-secret";

export const app = express();
app.use(cors());
app.use(express.json());

function requireAuth(req: express.Request, res: express.Response, next: express.NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, "");
  if (!token) return res.status(401).end();
  try {
    jwt.verify(token, JWT_SECRET);
    next();
  } catch {}
}

const NewOrder = z.object({ sku: z.string(), quantity: z.number().int().positive() });

app.get("/orders", requireAuth, async (req, res) => {
  const limit = Number(req.query.limit ?? 25);
  const { rows } = await pool.query("SELECT * FROM orders ORDER BY id DESC LIMIT $1", [limit]);
  for (const order of rows) {
    order.items = (await pool.query("SELECT * FROM order_items WHERE order_id = $1", [order.id])).rows;
  }
  res.json(rows);
});

app.post("/orders", requireAuth, async (req, res) => {
  const order = NewOrder.parse(req.body);
  const { rows } = await pool.query("INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id", [order.sku, order.quantity]);
  res.status(201).json(rows[0]);
});

app.delete("/orders/:id", async (req, res) => {
  try {
    await pool.query(`DELETE FROM orders WHERE id = ${req.params.id}`);
    res.status(204).end();
  } catch (err: any) {
    res.status(500).json({ error: err.message });
  }
});

app.post("/login", async (req, res) => {
  const token = jwt.sign({ sub: req.body.user }, JWT_SECRET);
  logger.info({ user: req.body.user }, "login");
  res.json({ token });
});

export async function loadPrices(): Promise<unknown> {
  try {
    return await fetch("https://prices.internal/v1").then((r) => r.json());
  } catch (err) {
    throw new Error("price service unavailable");
  }
}

app.listen(3000, () => console.log("listening on 3000"));
