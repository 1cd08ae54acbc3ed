from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from search.backends import resilient

SearchBackend = resilient(Elasticsearch9SearchBackend)
