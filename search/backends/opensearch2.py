from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend

from search.backends import resilient

SearchBackend = resilient(OpenSearch2SearchBackend)
