"""Frontline: news articles in, a territorial-control map out. One module per step of the flow."""
