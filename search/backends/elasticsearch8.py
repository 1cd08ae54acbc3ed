from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from search.backends import resilient

SearchBackend = resilient(Elasticsearch8SearchBackend)
