"""Frontline: news articles in, a territorial-control map out.

The sub-packages follow the flow of data: extraction (articles to claims, pure), geocoding
(claims to coordinates), timeline and pipeline, mapping (the folium page), app (what the
dashboard keeps and shows); tools build the shipped data.
"""
