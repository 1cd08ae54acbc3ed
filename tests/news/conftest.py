import pytest

from tests.news.factories import NewsIndexPageFactory
from tests.ppid_docs.conftest import write_corpus  # noqa: F401  (a corpus folder in tmp_path)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)
