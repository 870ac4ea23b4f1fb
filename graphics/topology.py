"""Reading TopoJSON (the format of the npm package ``world-atlas``) into rings of points.

Only what ``manage.py build_map_data`` needs: the polygons of one object, as closed rings
of ``[longitude, latitude]``. The PyPI package ``topojson`` builds topologies (with
shapely, numpy, pandas); decoding one is a few lines, written here after the TopoJSON
specification: quantised, delta-encoded arcs, stitched by index, ``~i`` for arc ``i``
read backwards.
"""


def decode_arcs(topology):
    """Every arc of ``topology`` as a list of ``(longitude, latitude)`` points, in degrees."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for position in arc:
            if transform:
                # Quantised: each position is the difference from the previous one.
                x, y = x + position[0], y + position[1]
                (scale_x, scale_y), (dx, dy) = transform["scale"], transform["translate"]
                points.append((x * scale_x + dx, y * scale_y + dy))
            else:
                points.append((position[0], position[1]))
        arcs.append(points)
    return arcs


def _ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point: keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def object_rings(topology, name):
    """The rings (outer and holes) of every polygon of object ``name``, in degrees.

    Raises ``KeyError`` when the topology has no such object.
    """
    arcs = decode_arcs(topology)
    obj = topology["objects"][name]
    geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    rings = []
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        for polygon in polygons:
            rings.extend(_ring(arcs, ring) for ring in polygon)
    return rings
