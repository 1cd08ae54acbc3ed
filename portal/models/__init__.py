from .images import PortalImage, PortalRendition
from .pages import ContentPage, HomePage

__all__ = ["ContentPage", "HomePage", "PortalImage", "PortalRendition"]
