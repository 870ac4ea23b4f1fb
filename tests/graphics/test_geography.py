"""The map's pure parts: the projection, paths, distances, the TopoJSON reader, the data."""
import json
import math

import pytest
from django.core.management import CommandError, call_command

from graphics.geography import Frame, Place, great_circle_km, land_data, place_map, ring_path
from graphics.management.commands.build_map_data import clip_ring, split_at_antimeridian
from graphics.topology import object_rings


def test_a_frame_maps_its_corners_to_the_view_box_corners():
    frame = Frame(west=-180, east=180, south=-90, north=90, width=360)
    assert frame.view_box == "0 0 360 180"
    assert frame.project(-180, 90) == (0, 0)
    assert frame.project(180, -90) == (360, 180)
    assert frame.project(0, 0) == (180, 90)
    # North is up: a point further north is higher on the map.
    assert frame.project(0, 45)[1] < frame.project(0, 0)[1]


def test_the_standard_parallel_narrows_the_degrees_of_longitude():
    # cos 60° = 1/2: ten degrees of longitude take the width, a degree of latitude is
    # twice as long as one of longitude.
    frame = Frame(west=0, east=10, south=0, north=10, width=100, standard_parallel=60)
    assert frame.scale == pytest.approx(20)
    assert frame.height == pytest.approx(200)
    assert frame.project(5, 5) == pytest.approx((50, 100))


def test_an_inset_is_drawn_as_its_rectangle_on_the_world():
    world = Frame(west=-180, east=180, south=-90, north=90, width=360)
    inset = Frame(west=100, east=140, south=20, north=40, width=600, standard_parallel=30)
    assert world.rectangle(inset) == (280, 50, 40, 20)


def test_ring_path_closes_the_ring_and_drops_points_nobody_could_see():
    frame = Frame(west=0, east=100, south=0, north=100, width=100)
    assert ring_path(frame, [[0, 100], [10, 100], [10, 90]]) == "M0 0L10 0L10 10Z"
    # 0.1 units from the previous point: left out.
    assert ring_path(frame, [[0, 100], [0.1, 100], [10, 100], [10, 90]]) == "M0 0L10 0L10 10Z"
    # A ring smaller than a unit is not drawn at all.
    assert ring_path(frame, [[0, 100], [0.1, 100], [0.1, 99.9]]) == ""


def test_great_circle_distances_of_known_arcs():
    quarter_meridian = math.pi / 2 * 6371.0088
    assert great_circle_km(0, 0, 90, 0) == pytest.approx(quarter_meridian)
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert great_circle_km(10, 20, 10, 20) == 0


def test_places_inside_the_inset_are_drawn_there_only():
    world = Frame(west=-180, east=180, south=-90, north=90, width=360)
    inset = Frame(west=100, east=140, south=20, north=40, width=400)
    near = Place("近い市", 30, 120, "/near/")
    far = Place("遠い市", 0, 0, "/far/")
    nowhere = Place("枠外の市", 30, 179, "/nowhere/")
    drawn = place_map([near, far, nowhere], world, Frame(west=100, east=140, south=20, north=40, width=400))
    assert [marker.place for marker in drawn.inset_markers] == [near]
    assert (drawn.inset_markers[0].x, drawn.inset_markers[0].y) == (200, 100)
    assert [marker.place for marker in drawn.world_markers] == [far, nowhere]
    assert drawn.places == [near, far, nowhere]
    assert inset == drawn.inset


TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [100, 10]},
    "objects": {
        "land": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]]]},
                {"type": "Point", "coordinates": [0, 0]},
            ],
        }
    },
    # Quantised and delta-encoded: arc 0 runs (0,0) → (4,0) → (4,4); arc 1 (4,4) → (0,0).
    "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, -4]]],
}


def test_topojson_arcs_are_decoded_stitched_and_reversed():
    rings = object_rings(TOPOLOGY, "land")
    assert rings == [
        [(100, 10), (102, 10), (102, 11), (100, 10)],
        [(100, 10), (102, 11), (102, 10), (100, 10)],
    ]
    with pytest.raises(KeyError):
        object_rings(TOPOLOGY, "countries")


def test_clipping_keeps_the_part_of_a_ring_inside_the_rectangle():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    clipped = clip_ring(square, (5, 20, -5, 5))
    assert sorted(clipped) == sorted([(5, 0), (10, 0), (10, 5), (5, 5)])
    assert clip_ring(square, (50, 60, 50, 60)) == []


def test_a_ring_across_the_180th_meridian_is_split_there():
    # An island from 170°E to 170°W: in the data it jumps from 180 to -180.
    ring = [(170, 0), (180, 0), (-170, 0), (-170, 10), (180, 10), (170, 10)]
    pieces = split_at_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        longitudes = [point[0] for point in piece]
        assert max(longitudes) - min(longitudes) <= 10 + 1e-9
    assert {round(min(p[0] for p in piece)) for piece in pieces} == {170, -180}


def test_the_shipped_data_names_its_source_and_never_jumps_across_the_map():
    data = land_data()
    assert "Natural Earth" in data["source"] and "world-atlas" in data["source"]
    assert data["world"] and data["inset"]
    for ring in data["world"] + data["inset"]:
        for (lon1, _), (lon2, _) in zip(ring, ring[1:]):
            assert abs(lon1 - lon2) < 180


def write_package(folder, name="world-atlas"):
    (folder / "package.json").write_text(json.dumps({"name": name, "version": "9.9.9"}))
    for file in ("land-110m.json", "land-50m.json"):
        topology = dict(TOPOLOGY, transform={"scale": [1, 1], "translate": [120, 30]})
        (folder / file).write_text(json.dumps(topology))


def test_build_map_data_writes_the_rings_and_their_source(tmp_path):
    write_package(tmp_path)
    output = tmp_path / "land.json"
    call_command("build_map_data", str(tmp_path), output=str(output), stdout=open("/dev/null", "w"))
    data = json.loads(output.read_text())
    assert "world-atlas 9.9.9" in data["source"] and "Natural Earth" in data["source"]
    assert [120, 30] in data["world"][0] and [124, 34] in data["world"][0]
    assert data["inset"]


def test_build_map_data_refuses_another_package(tmp_path):
    write_package(tmp_path, name="not-the-atlas")
    output = tmp_path / "land.json"
    with pytest.raises(CommandError):
        call_command("build_map_data", str(tmp_path), output=str(output))
    assert not output.exists()
    with pytest.raises(CommandError):
        call_command("build_map_data", str(tmp_path / "missing"), output=str(output))
