import pytest
from django.test import override_settings


class TestHealthCheck:
    def test_reports_every_service_ok(self, client, db):
        response = client.get("/healthz")

        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok"
        assert set(body["checks"]) == {"database", "search", "storage", "cache"}
        assert all(check["ok"] for check in body["checks"].values())
        assert "no-cache" in response["Cache-Control"]

    @pytest.mark.usefixtures("search_backend")
    def test_names_the_engine_it_reached(self, client):
        detail = client.get("/healthz").json()["checks"]["search"]["detail"]

        assert detail.startswith(("opensearch", "elasticsearch"))

    def test_unreachable_search_engine_gives_503(self, client, db, settings):
        unreachable = {
            "default": {
                "BACKEND": "wagtail.search.backends.opensearch3",
                "URLS": ["http://127.0.0.1:9"],
                "TIMEOUT": 1,
            }
        }
        with override_settings(WAGTAILSEARCH_BACKENDS=unreachable):
            response = client.get("/healthz")

        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "failing"
        assert body["checks"]["search"]["ok"] is False
        assert body["checks"]["database"]["ok"] is True

    def test_only_answers_get(self, client, db):
        assert client.post("/healthz").status_code == 405
