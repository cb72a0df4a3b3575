from fastapi.testclient import TestClient

from app.main import app


def test_create_note_requires_auth() -> None:
    client = TestClient(app)
    assert client.post("/v1/notes", json={"title": "t", "body": "b"}).status_code == 401
