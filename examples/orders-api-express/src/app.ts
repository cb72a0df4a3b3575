import { randomUUID } from "node:crypto";
import cors from "cors";
import express, { type NextFunction, type Request, type Response } from "express";
import rateLimit from "express-rate-limit";
import helmet from "helmet";
import pg from "pg";
import pino from "pino";
import pinoHttp from "pino-http";
import { z } from "zod";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export const app = express();
app.use(helmet());
app.use(cors({ origin: ["https://shop.example.com"] }));
app.use(rateLimit({ windowMs: 60_000, limit: 100 }));
app.use(express.json({ limit: "100kb" }));
app.use(pinoHttp({ logger, genReqId: (req) => req.headers["x-request-id"]?.toString() ?? randomUUID() }));

const NewOrder = z.object({ sku: z.string().min(1), quantity: z.number().int().positive() });

function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers["x-role"] !== role) return res.status(403).json({ error: "forbidden" });
    next();
  };
}

app.post("/v1/orders", requireRole("clerk"), async (req, res, next) => {
  const parsed = NewOrder.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.issues });
  try {
    const { rows } = await pool.query("INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id", [parsed.data.sku, parsed.data.quantity]);
    res.status(201).json(rows[0]);
  } catch (err) {
    next(new Error("could not store the order", { cause: err }));
  }
});

app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  req.log.error({ err }, "request failed");
  res.status(500).json({ error: "internal error" });
});
