"""A 3-node OpenSearch cluster on loopback keeps answering, with every result, when a node fails.

scripts/opensearch.sh cluster-start runs three real nodes (all cluster-manager eligible); the
portal's indexes get one replica per shard, as in production (docs/deployment.md). The demo corpus
is imported and indexed, then the elected cluster manager is stopped the hard way a failing machine
would leave, and the same searches must return the same results.
"""

import io
import json
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.query import MATCH_ALL

from portal.settings.environment import search_backends
from ppid_docs.models import PPIDDocument
from tests.conftest import RUNNING_IN_CI

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "opensearch.sh"
QUERIES = ["laporan keuangan", "peraturan daerah", "informasi publik", "anggaran", "lampung"]

pytestmark = pytest.mark.search_cluster


def opensearch(*args, timeout=900):
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def engine(url, path):
    with urllib.request.urlopen(f"{url}{path}", timeout=90) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def cluster_urls():
    started = opensearch("cluster-start", "3")
    if started.returncode != 0:
        message = f"the 3-node search cluster did not start:\n{started.stderr[-3000:]}"
        if RUNNING_IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    urls = opensearch("cluster-env").stdout.strip().split("=", 1)[1].split(",")
    yield urls
    opensearch("cluster-stop")


@pytest.fixture
def cluster_backend(cluster_urls):
    backends = search_backends(
        "opensearch3", urls=cluster_urls, index_prefix="cluster_", timeout=30, replicas=1
    )
    # Indexed in bulk by update_index once the corpus is in, not page by page while importing.
    backends["default"]["AUTO_UPDATE"] = False
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield cluster_urls


def everything_found():
    """Every search's full set of results, and every indexed document. (Sets: a replica scores
    with its own term statistics, so results of equal relevance may come in another order.)"""
    results = {
        query: sorted(page.pk for page in Page.objects.live().specific().search(query))
        for query in QUERIES
    }
    documents = PPIDDocument.objects.search(MATCH_ALL)
    results["documents"] = sorted(document.pk for document in documents)
    return results


def cluster_manager(url):
    [manager] = engine(url, "/_cat/cluster_manager?format=json")
    return int(manager["node"].rsplit("-", 1)[1])


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_baseline", "home_page")
def test_search_answers_with_all_results_after_a_node_fails(cluster_backend, client):
    urls = cluster_backend
    quiet = io.StringIO()
    call_command("import_corpus", str(REPO / "demo" / "corpus"), stdout=quiet, stderr=quiet)
    call_command("update_index", stdout=quiet)
    health = engine(
        urls[0],
        "/_cluster/health?wait_for_status=green&wait_for_no_relocating_shards=true&timeout=120s",
    )
    assert (health["status"], health["number_of_nodes"]) == ("green", 3)
    shards = engine(urls[0], "/_cat/shards/cluster_*?format=json")
    assert {shard["state"] for shard in shards} == {"STARTED"}
    assert sum(s["prirep"] == "r" for s in shards) == sum(s["prirep"] == "p" for s in shards)
    before = everything_found()
    assert all(before[query] for query in QUERIES), before
    before_on_the_site = search_page(client)
    assert len(before["documents"]) == PPIDDocument.objects.count() > 0

    failed = cluster_manager(urls[0])
    stopped = opensearch("cluster-stop-node", str(failed))
    assert stopped.returncode == 0, stopped.stderr
    survivor = next(url for index, url in enumerate(urls, 1) if index != failed)
    deadline = time.monotonic() + 120
    while engine(survivor, "/_cluster/health?timeout=5s")["number_of_nodes"] != 2:
        assert time.monotonic() < deadline, "the cluster did not notice the failed node"
        time.sleep(1)
    assert cluster_manager(survivor) != failed

    assert everything_found() == before
    assert search_page(client) == before_on_the_site


def search_page(client):
    """The number of results the portal's search page reports."""
    response = client.get("/search/", {"q": "laporan keuangan"})
    assert response.status_code == 200
    html = response.content.decode()
    [count] = re.findall(r"(\d+) hasil untuk", html)
    assert int(count) > 0
    return int(count)
