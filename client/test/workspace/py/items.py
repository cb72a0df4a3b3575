from fastapi import FastAPI, Query

app = FastAPI()


@app.get("/items")
def list_items(limit: int = Query(20)) -> list[int]:
    return list(range(limit))
