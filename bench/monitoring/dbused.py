#!/usr/bin/env python3
"""Prints the bytes of a SQLite database's pages in use (page_count − freelist_count, × page_size) as a read-only
reader sees them, committed WAL content included: the data's size, unlike the files' (a WAL file keeps its size after
a checkpoint).

    dbused.py FILE
"""
import sqlite3
import sys

connection = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
try:
    pages, free, size = (connection.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count", "page_size"))
    print((pages - free) * size)
finally:
    connection.close()
