import os
from pathlib import Path

import pytest

#: The real published files (../shared/data beside the checkout), read in place, never copied.
SHARED_DATA = Path(os.environ.get("SCRUTINY_SHARED_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "police-uk").is_dir():
        pytest.skip(f"the real published files are not at {SHARED_DATA} (set SCRUTINY_SHARED_DATA)")
    return SHARED_DATA
