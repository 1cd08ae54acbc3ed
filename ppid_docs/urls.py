from django.urls import path

from ppid_docs.api import api_router
from ppid_docs.jdihn_feed import jdihn_regulations

urlpatterns = [
    path("v2/", api_router.urls),
    path("jdihn/", jdihn_regulations, name="jdihn_regulations"),
]
