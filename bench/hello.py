"""The ceiling: a bare Flask app under the same gunicorn settings as the platform."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello"
