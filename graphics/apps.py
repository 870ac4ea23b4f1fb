from django.apps import AppConfig


class GraphicsConfig(AppConfig):
    """Maps and charts drawn on the server as inline SVG, for any content app to use.

    No models: pure functions (projection, path building, bar layout), the Natural Earth
    land outlines in ``graphics/data/`` and the template tags that draw them.
    """

    name = "graphics"
    verbose_name = "地図・グラフ"
