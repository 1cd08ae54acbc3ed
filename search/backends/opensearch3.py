from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

from search.backends import resilient

SearchBackend = resilient(OpenSearch3SearchBackend)
