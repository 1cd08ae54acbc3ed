"""What an unreachable or failing engine raises, whichever client is installed."""


def _engine_errors():
    errors = []
    try:
        from opensearchpy.exceptions import TransportError as OpenSearchTransportError
    except ImportError:  # pragma: no cover - the client is in requirements.txt
        pass
    else:
        errors.append(OpenSearchTransportError)
    try:
        from elastic_transport import TransportError as ElasticTransportError
        from elasticsearch import ApiError as ElasticApiError
    except ImportError:  # pragma: no cover
        pass
    else:
        errors.extend([ElasticTransportError, ElasticApiError])
    return tuple(errors)


# Connection refused, timeouts and error answers (5xx, a missing index) alike: the database answers.
ENGINE_ERRORS = _engine_errors()


class SearchTimedOut(Exception):
    """The database took longer than `SEARCH_DATABASE_TIMEOUT` to find the matches."""
