import pytest

from tests.ppid_docs.factories import AgencyIndexPageFactory, AgencyPageFactory


@pytest.fixture
def agency_page(home_page):
    """An agency's section: publications live here and take its agency."""
    return AgencyPageFactory(parent=AgencyIndexPageFactory(parent=home_page))
