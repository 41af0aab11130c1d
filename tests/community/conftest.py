import io

import pytest

from tests import factories as f
from tests.support.households import xlsx_bytes


@pytest.fixture
def xlsx():
    def _make(rows, header=None):
        return io.BytesIO(xlsx_bytes(rows, header))

    return _make


@pytest.fixture
def other_village(commune):
    return f.village(commune, "Thôn Đông Sơn")
