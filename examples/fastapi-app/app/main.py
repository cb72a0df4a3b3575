"""Inventory service."""
import logging
import os
import time

import jwt
import requests
from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from app.models import Item, Supplier

logger = logging.getLogger(__name__)
engine = create_engine(os.environ["DATABASE_URL"], pool_size=10, max_overflow=5)
SECRET_KEY = os.getenv("SECRET_KEY", "inventory-dev-secret")
SUPPLIER_API_TOKEN = "tok_8Qm2Zr7Lx4Vn1Pb6"

app = FastAPI(debug=True)


def get_db():
    with Session(engine) as session:
        yield session


def current_user(token: str = Query(...)) -> dict:
    try:
        return jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="invalid token")


class ItemIn(BaseModel):
    name: str
    supplier_id: int


@app.get("/items")
def list_items(limit: int = Query(50), db: Session = Depends(get_db)):
    items = db.scalars(select(Item).limit(limit)).all()
    return [{"name": i.name, "supplier": db.get(Supplier, i.supplier_id).name} for i in items]


@app.post("/items")
def create_item(item: ItemIn, db: Session = Depends(get_db)):
    db.add(Item(name=item.name, supplier_id=item.supplier_id))
    db.commit()
    return {"ok": True}


@app.get("/search")
def search(q: str, user: dict = Depends(current_user), db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM items WHERE name LIKE '%{q}%'")).all()


@app.post("/sync")
async def sync(user: dict = Depends(current_user)):
    try:
        resp = requests.get("https://suppliers.internal/v1/items", headers={"Authorization": SUPPLIER_API_TOKEN})
        time.sleep(1)
        return resp.json()
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))


def parse_price(raw):
    try:
        return float(raw)
    except ValueError:
        pass
