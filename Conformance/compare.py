"""Row multisets and their differences.

Order within a batch does not matter (issue 3, section 9), so rows are
compared as multisets of canonical JSON strings; Spark rows carry their
batch id, so the comparison is per batch for free.
"""
import collections
import json


def canonical(row):
    return json.dumps(row, sort_keys=True, separators=(",", ":"))


def multiset(rows):
    return collections.Counter(canonical(row) for row in rows)


def difference(real_rows, lab_rows):
    """(only_real, only_lab): canonical rows, with repeats, sorted; both empty when the multisets agree."""
    real, lab = multiset(real_rows), multiset(lab_rows)
    only_real = sorted((real - lab).elements())
    only_lab = sorted((lab - real).elements())
    return only_real, only_lab


def sort_key(text):
    row = json.loads(text)
    return (row.get("batch", -1), row.get("late", False), row.get("key", ""),
            row.get("window_start_ms", row.get("ts_ms", 0)), text)


def format_difference(real_name, only_real, only_lab, lab_name="lab"):
    """A readable diff: '-' lines only the real engine emitted, '+' lines only the lab emitted, by batch."""
    lines = []
    marked = [(sort_key(text), "- %-5s %s" % (real_name, text)) for text in only_real]
    marked += [(sort_key(text), "+ %-5s %s" % (lab_name, text)) for text in only_lab]
    for _, line in sorted(marked):
        lines.append("    " + line)
    return "\n".join(lines)
