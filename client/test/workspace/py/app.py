import os

DEBUG = os.environ.get("DEBUG") == "1"

api_key = "Vb4nM8kL2qP6wE9rT1yZ"
