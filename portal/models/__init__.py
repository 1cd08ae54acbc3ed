from .images import PortalImage, PortalRendition
from .pages import ContentPage, HomePage
from .settings import ContactSettings

__all__ = ["ContactSettings", "ContentPage", "HomePage", "PortalImage", "PortalRendition"]
