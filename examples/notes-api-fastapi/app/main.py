import os

from fastapi import Depends, FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=5, pool_pre_ping=True)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/v1/token")

app = FastAPI(title="Notes")
app.add_middleware(CORSMiddleware, allow_origins=["https://notes.example.com"])


class NoteIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=10_000)


def current_user(token: str = Depends(oauth2_scheme)) -> str:
    if not token:
        raise HTTPException(status_code=401, detail="not authenticated")
    return token


@app.post("/v1/notes", status_code=201)
async def create_note(note: NoteIn, user: str = Depends(current_user)) -> dict[str, str]:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO notes (owner, title, body) VALUES (:o, :t, :b)"), {"o": user, "t": note.title, "b": note.body})
    return {"status": "created"}
