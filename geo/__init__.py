"""Frontline: news articles in, a territorial-control map out. One module per step of the flow."""
from . import native

COMPILED = native.activate(__path__)  # the compiled core, when `python -m geo compile` built a current one
