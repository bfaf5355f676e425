#!/usr/bin/env python3
"""Replaces the mutation table in Exercises/README.md with `streamlab exercises table`'s
output (read from stdin), so the copy MutationTableTests checks stays current.

    streamlab exercises table | python3 scripts/update-exercise-table.py
"""
import os
import sys

HEADER = "| exercise | variant | score | expected | message |"
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Exercises", "README.md")
table = [line for line in sys.stdin.read().splitlines() if line.startswith("|")]
if not table or table[0] != HEADER:
    sys.exit("update-exercise-table: stdin is not the mutation table")
lines = open(path, encoding="utf-8").read().split("\n")
start = lines.index(HEADER)
end = start
while end < len(lines) and lines[end].startswith("|"):
    end += 1
lines[start:end] = table
temporary = path + ".tmp"
with open(temporary, "w", encoding="utf-8") as handle:
    handle.write("\n".join(lines))
os.replace(temporary, path)
print(f"update-exercise-table: {len(table) - 2} rows")
