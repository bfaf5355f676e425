"""Shared paths for the conformance tests (run by scripts/conformance-run.sh --quick)."""
import os
import subprocess
import sys

CONFORMANCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(CONFORMANCE)
PYTHON = sys.executable
STREAMLAB = os.environ.get("STREAMLAB_BIN", os.path.join(ROOT, ".build", "debug", "streamlab"))
OUT = os.environ.get("CONFORMANCE_OUT", os.path.join(ROOT, "out", "conformance"))
if CONFORMANCE not in sys.path:
    sys.path.insert(0, CONFORMANCE)


def run_driver(*arguments):
    """Runs the differential driver; returns (exit code, stdout)."""
    command = [PYTHON, os.path.join(CONFORMANCE, "driver.py"), "--streamlab", STREAMLAB, *arguments]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    return result.returncode, result.stdout
