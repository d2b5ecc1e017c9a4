import sys
from pathlib import Path

# tests/pagegen.py is shared by the tests and the benchmarks.
sys.path.insert(0, str(Path(__file__).parent))
