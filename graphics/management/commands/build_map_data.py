"""``manage.py build_map_data``: rebuild ``graphics/data/land.json`` from Natural Earth.

The source is the npm package ``world-atlas`` (TopoJSON of Natural Earth, public domain;
the package is ISC). Get it without a CDN from the npm registry::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python manage.py build_map_data /tmp/package

The world map uses the 1:110m land, the inset (Japan and its neighbours) the 1:50m land
cut to the inset's area; coordinates are rounded to 0.01°. The output names its source.
"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from graphics.geography import LAND_FILE
from graphics.topology import object_rings

#: The inset's area with a margin (degrees): the 1:50m rings kept for it.
INSET_BOUNDS = (100, 150, 15, 48)


def _rounded(ring):
    points = []
    for longitude, latitude in ring:
        point = [round(longitude, 2), round(latitude, 2)]
        if not points or points[-1] != point:
            points.append(point)
    return points


def clip_ring(ring, bounds):
    """``ring`` cut to the rectangle ``bounds`` (west, east, south, north): Sutherland–Hodgman.

    A concave ring may keep edges along the rectangle's sides; they lie in the margin that
    the inset's viewBox leaves out. Returns ``[]`` when nothing of the ring is inside.
    """
    west, east, south, north = bounds
    edges = [
        (lambda p: p[0] >= west, lambda p, q: _at_x(p, q, west)),
        (lambda p: p[0] <= east, lambda p, q: _at_x(p, q, east)),
        (lambda p: p[1] >= south, lambda p, q: _at_y(p, q, south)),
        (lambda p: p[1] <= north, lambda p, q: _at_y(p, q, north)),
    ]
    points = list(ring)
    for inside, crossing in edges:
        if not points:
            break
        kept, previous = [], points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(crossing(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(crossing(previous, point))
            previous = point
        points = kept
    return points


def split_at_antimeridian(ring):
    """``ring`` as pieces within -180°…180°: a ring that crosses the 180° meridian (Chukotka,
    Fiji) jumps from 180 to -180; drawn as it is, it would cross the whole map."""
    unwrapped, offset = [], 0
    for index, (longitude, latitude) in enumerate(ring):
        if index and abs(longitude + offset - unwrapped[-1][0]) > 180:
            offset += 360 if unwrapped[-1][0] > longitude + offset else -360
        unwrapped.append((longitude + offset, latitude))
    if all(-180 <= longitude <= 180 for longitude, _ in unwrapped):
        return [unwrapped]
    pieces = []
    for shift in (-360, 0, 360):
        shifted = [(longitude + shift, latitude) for longitude, latitude in unwrapped]
        piece = clip_ring(shifted, (-180, 180, -90, 90))
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _at_x(p, q, x):
    return (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))


def _at_y(p, q, y):
    return (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)


class Command(BaseCommand):
    help = "world-atlas (Natural Earth) の TopoJSON から地図の陸地データ graphics/data/land.json を作り直します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "package", help="npm pack world-atlas@2 を展開したフォルダ(land-110m.json と land-50m.json があるところ)"
        )
        parser.add_argument("--output", default=str(LAND_FILE), help="書き出すファイル(既定: graphics/data/land.json)")

    def handle(self, package, output, **options):
        folder = Path(package)
        try:
            manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
            world = json.loads((folder / "land-110m.json").read_text(encoding="utf-8"))
            detailed = json.loads((folder / "land-50m.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"world-atlas のファイルを読めません: {error}") from error
        if manifest.get("name") != "world-atlas":
            raise CommandError(f"{folder} は world-atlas のパッケージではありません。")
        version = manifest.get("version", "?")
        data = {
            "source": (
                f"Natural Earth (public domain), land 1:110m and 1:50m, "
                f"from the npm package world-atlas {version} (ISC); "
                f"rebuilt by manage.py build_map_data"
            ),
            "world": [
                _rounded(piece)
                for ring in object_rings(world, "land")
                for piece in split_at_antimeridian(ring)
            ],
            "inset": [
                _rounded(clipped)
                for ring in object_rings(detailed, "land")
                if len(clipped := clip_ring(ring, INSET_BOUNDS)) >= 3
            ],
        }
        Path(output).write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        self.stdout.write(
            f"{output}: 世界 {len(data['world'])} 個、拡大図 {len(data['inset'])} 個の陸地(world-atlas {version})"
        )
