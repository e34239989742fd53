"""Articles by URL, opt-in: pages (and the items of RSS/Atom feeds) fetched into a folder that reads like any other.

Why a folder: what was fetched is kept as the page itself plus an `index.csv`
row (file, url, published, title), so the command line, the dashboard and a
later run read it exactly as they read files a user saved by hand, and nothing
is fetched twice. Network use is never implicit: only `python -m geo fetch` and
the dashboard's "Add by URL" call this package.
"""
