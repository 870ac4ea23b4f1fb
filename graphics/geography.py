"""Maps drawn on the server: land outlines, a projection, SVG paths and markers.

The land outlines are Natural Earth's (public domain), taken from the npm package
``world-atlas`` and reduced once by ``manage.py build_map_data`` into ``data/land.json``
(longitude/latitude rings; see ``data/README.md``). Nothing is fetched at run time.

The projection is equirectangular with a standard parallel: good enough to show where
cities lie, simple enough to check by hand (``Frame.project``).
"""
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LAND_FILE = Path(__file__).resolve().parent / "data" / "land.json"

#: Mean radius of the Earth (IUGG), for great-circle distances.
EARTH_RADIUS_KM = 6371.0088

#: Points of a path closer than this (in viewBox units) to the last one kept are dropped:
#: below what a screen or a printer shows, and it keeps the pages light.
MIN_STEP = 0.6


@dataclass(frozen=True)
class Frame:
    """A window on the globe, drawn into a viewBox ``width`` units wide.

    ``west``/``east``/``south``/``north`` are degrees (west and south negative). The
    projection is equirectangular: a degree of latitude is ``scale`` units everywhere, a
    degree of longitude ``scale × cos(standard_parallel)``.
    """

    west: float
    east: float
    south: float
    north: float
    width: float = 1000
    standard_parallel: float = 0

    @property
    def x_factor(self):
        return math.cos(math.radians(self.standard_parallel))

    @property
    def scale(self):
        """viewBox units per degree of latitude."""
        return self.width / ((self.east - self.west) * self.x_factor)

    @property
    def height(self):
        return round((self.north - self.south) * self.scale, 1)

    @property
    def view_box(self):
        return f"0 0 {_number(self.width)} {_number(self.height)}"

    def contains(self, longitude, latitude):
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def project(self, longitude, latitude):
        """``(x, y)`` in viewBox units of a point given in degrees (y grows southwards)."""
        x = (float(longitude) - self.west) * self.x_factor * self.scale
        y = (self.north - float(latitude)) * self.scale
        return round(x, 1), round(y, 1)

    def rectangle(self, other):
        """``(x, y, width, height)`` of the ``other`` frame's area drawn in this one."""
        x1, y1 = self.project(other.west, other.north)
        x2, y2 = self.project(other.east, other.south)
        return x1, y1, round(x2 - x1, 1), round(y2 - y1, 1)


def ring_path(frame, ring):
    """SVG path data of one closed ring of ``[longitude, latitude]`` points, in ``frame``.

    Points nearer than ``MIN_STEP`` to the previous point kept are left out; a ring that
    shrinks to fewer than three points gives ``""``.
    """
    points = []
    for longitude, latitude in ring:
        x, y = frame.project(longitude, latitude)
        if points and math.hypot(x - points[-1][0], y - points[-1][1]) < MIN_STEP:
            continue
        points.append((x, y))
    if len(points) < 3:
        return ""
    head, *rest = points
    return (
        f"M{_number(head[0])} {_number(head[1])}"
        + "".join(f"L{_number(x)} {_number(y)}" for x, y in rest)
        + "Z"
    )


def _overlaps(frame, ring):
    longitudes = [point[0] for point in ring]
    latitudes = [point[1] for point in ring]
    return not (
        max(longitudes) < frame.west
        or min(longitudes) > frame.east
        or max(latitudes) < frame.south
        or min(latitudes) > frame.north
    )


@lru_cache(maxsize=1)
def land_data():
    """The reduced Natural Earth data: ``{"source": …, "world": [ring…], "inset": [ring…]}``."""
    with LAND_FILE.open(encoding="utf-8") as file:
        return json.load(file)


@lru_cache(maxsize=8)
def land_path(frame, detail="world"):
    """SVG path data of the land in ``frame`` from the ``detail`` rings (world or inset).

    Rings outside the frame are left out; the SVG's viewBox clips the rest. Computed once
    per frame and process.
    """
    return "".join(ring_path(frame, ring) for ring in land_data()[detail] if _overlaps(frame, ring))


def great_circle_km(latitude1, longitude1, latitude2, longitude2):
    """Great-circle (haversine) distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(float(latitude1)), math.radians(float(latitude2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(longitude2) - float(longitude1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass
class Place:
    """A point to mark on a map: a name, a position and, for a marker that links, a URL.

    ``label`` is the marker's accessible name (the name when empty); ``number`` the figure
    shown in the marker and in the list beside the map; ``current`` marks the page's own
    place; ``home`` the place others are measured from (drawn as a square, no number).
    """

    name: str
    latitude: float
    longitude: float
    url: str = ""
    label: str = ""
    number: int = 0
    current: bool = False
    home: bool = False
    details: list = field(default_factory=list)


@dataclass
class Marker:
    """A place drawn at ``(x, y)`` in the viewBox of the map it is on, ``radius`` units big."""

    place: Place
    x: float
    y: float
    radius: float

    @property
    def left(self):
        return round(self.x - self.radius, 1)

    @property
    def top(self):
        return round(self.y - self.radius, 1)

    @property
    def size(self):
        return 2 * self.radius

    @property
    def label_x(self):
        """Where a label beside the marker starts."""
        return round(self.x + self.radius + 4, 1)


@dataclass
class PlaceMap:
    """A world map and an inset, each with the markers of the places inside it.

    A place inside the inset's frame is drawn on the inset only; ``inset_box`` is the
    inset's area on the world map, drawn as a rectangle.
    """

    places: list
    world: Frame
    inset: Frame
    world_markers: list
    inset_markers: list

    @property
    def world_land(self):
        return land_path(self.world, "world")

    @property
    def inset_land(self):
        return land_path(self.inset, "inset")

    @property
    def inset_box(self):
        return self.world.rectangle(self.inset)


#: Marker radius as a share of a map's width: big enough to hit on a phone, small enough
#: that neighbours (Heidelberg and Aix-en-Provence) do not cover each other.
MARKER_RADIUS = 0.012


def place_map(places, world, inset):
    """Lay ``places`` out on ``world`` and ``inset`` (a ``PlaceMap``).

    A place inside the inset is drawn there only; one outside both frames is listed but
    not drawn.
    """
    world_markers, inset_markers = [], []
    for place in places:
        longitude, latitude = float(place.longitude), float(place.latitude)
        for frame, markers in ((inset, inset_markers), (world, world_markers)):
            if frame.contains(longitude, latitude):
                radius = round(frame.width * MARKER_RADIUS * (1.25 if frame is inset else 1), 1)
                markers.append(Marker(place, *frame.project(longitude, latitude), radius))
                break
    return PlaceMap(list(places), world, inset, world_markers, inset_markers)


def _number(value):
    """``12.0`` → ``"12"``, ``12.5`` → ``"12.5"``: short coordinates for path data."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
