"""Writes tiny OpenStreetMap PBF files: the fuzz seeds of the osm_pbf target (a few nodes and
two highway ways, in dense and plain nodes, raw and zlib blobs), and with `--far` the test
fixture whose nodes lie outside the valid longitude range.

    python3 fuzz/make_pbf_seeds.py fuzz/seeds/osm_pbf
    python3 fuzz/make_pbf_seeds.py --far tests/fixtures/osm/far_nodes.osm.pbf
"""
import struct, sys, zlib

def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])

def zz(n):  # sint64 zigzag
    return (n << 1) ^ (n >> 63)

def key(field, wire):
    return varint((field << 3) | wire)

def ld(field, payload):  # length-delimited
    return key(field, 2) + varint(len(payload)) + payload

def vi(field, n):
    return key(field, 0) + varint(n)

def packed(field, values):
    return ld(field, b"".join(varint(v) for v in values))

def delta(values):
    prev, out = 0, []
    for v in values:
        out.append(zz(v - prev))
        prev = v
    return out

def blob(kind, payload, compress):
    if compress:
        body = vi(2, len(payload)) + ld(3, zlib.compress(payload))
    else:
        body = ld(1, payload)
    header = ld(1, kind.encode()) + vi(3, len(body))
    return struct.pack(">I", len(header)) + header + body

strings = [b"", b"highway", b"residential", b"cycleway", b"oneway", b"yes"]
table = ld(1, b"".join(ld(1, s) for s in strings))
ids = [1, 2, 3, 4]
# Monaco, in units of 100 nanodegrees (granularity 100).
lats = [437380000, 437390000, 437400000, 437385000]
lons = [74260000, 74270000, 74280000, 74290000]

def dense(lons=lons):
    d = packed(1, delta(ids)) + packed(8, delta(lats)) + packed(9, delta(lons))
    return ld(2, d)

def plain_nodes():
    out = b""
    for i, la, lo in zip(ids, lats, lons):
        out += ld(1, key(1, 0) + varint(zz(i)) + key(8, 0) + varint(zz(la)) + key(9, 0) + varint(zz(lo)))
    return out

def ways():
    w1 = vi(1, 10) + packed(2, [1]) + packed(3, [2]) + packed(8, delta([1, 2, 3]))
    w2 = vi(1, 11) + packed(2, [1, 4]) + packed(3, [3, 5]) + packed(8, delta([3, 4]))
    return ld(3, w1) + ld(3, w2)

header = ld(4, b"OsmSchema-V0.6") + ld(4, b"DenseNodes")

def write(name, nodes, compress=False):
    block = table + ld(2, nodes) + ld(2, ways())
    data = blob("OSMHeader", header, compress) + blob("OSMData", block, compress)
    open(name, "wb").write(data)

if sys.argv[1] == "--far":
    # 200 degrees east and beyond: not a place on Earth.
    write(sys.argv[2], dense([2000000000 + lon for lon in lons]))
    sys.exit()
out = sys.argv[1]
write(out + "/dense-raw.osm.pbf", dense(), False)
write(out + "/dense-zlib.osm.pbf", dense(), True)
write(out + "/nodes-raw.osm.pbf", plain_nodes(), False)
