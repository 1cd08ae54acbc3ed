"""The Redis cache backend, keeping its clients.

Django's Redis client builds a new `redis.Redis` for every cache call, and that constructor fills a
table of some two hundred response callbacks: on a page cache hit it cost more CPU than the round
trips themselves. A `redis.Redis` takes a connection from its pool for each command and is safe to
share between threads, so one per pool serves every call.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
