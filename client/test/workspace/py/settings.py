import os

DATABASE_HOST = os.environ.get("DATABASE_HOST", "localhost")
secret_key = "Jc5xR8vN3mQ7tB2wK9pL"
