#!/usr/bin/env python3
"""Draw the theme's icons and share image with plain Python (no downloads, no image library).

    python tools/make_icons.py      # rewrites themes/gongkai/static/img/*

The emblem is a page of text on the theme's red: the site publishes documents.
Output is deterministic, so re-running it changes nothing unless this file changed.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "themes" / "gongkai" / "static" / "img"
RED = (0x8C, 0x1C, 0x13)
WHITE = (0xFF, 0xFF, 0xFF)
GOLD = (0xF2, 0xA9, 0x00)

# The emblem in a 0..1 square: (shape, x0, y0, x1, y1, corner radius, colour), painted in order.
EMBLEM = [
    ("rect", 0.0, 0.0, 1.0, 1.0, 0.18, RED),
    ("rect", 0.24, 0.14, 0.76, 0.86, 0.05, WHITE),
    ("rect", 0.33, 0.28, 0.67, 0.34, 0.0, RED),
    ("rect", 0.33, 0.44, 0.67, 0.50, 0.0, RED),
    ("rect", 0.33, 0.60, 0.55, 0.66, 0.0, RED),
    ("rect", 0.58, 0.66, 0.86, 0.94, 0.14, GOLD),
]


def inside(shape, x, y) -> bool:
    _, x0, y0, x1, y1, r, _ = shape
    if not (x0 <= x < x1 and y0 <= y < y1):
        return False
    if r <= 0:
        return True
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def render(width, height, shapes, background=None, samples=4) -> list[bytes]:
    """RGBA rows; shapes in pixel coordinates, anti-aliased by supersampling."""
    rows = []
    step = 1 / samples
    offsets = [(i + 0.5) * step for i in range(samples)]
    for py in range(height):
        row = bytearray()
        for px in range(width):
            acc = [0.0, 0.0, 0.0, 0.0]
            for oy in offsets:
                for ox in offsets:
                    colour, alpha = background, 255 if background else 0
                    for shape in shapes:
                        if inside(shape, px + ox, py + oy):
                            colour, alpha = shape[6], 255
                    if alpha:
                        acc[0] += colour[0]; acc[1] += colour[1]; acc[2] += colour[2]; acc[3] += 255
            n = samples * samples
            a = acc[3] / n
            if a:
                row += bytes((round(acc[0] / (acc[3] / 255)), round(acc[1] / (acc[3] / 255)),
                              round(acc[2] / (acc[3] / 255)), round(a)))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return rows


def scaled(shapes, size, dx=0.0, dy=0.0):
    return [(s[0], dx + s[1] * size, dy + s[2] * size, dx + s[3] * size, dy + s[4] * size, s[5] * size, s[6])
            for s in shapes]


def png(width, height, rows) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def icon_png(size) -> bytes:
    return png(size, size, render(size, size, scaled(EMBLEM, size)))


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO holding PNG images (every browser since IE 9 reads these)."""
    head = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, data = b"", b""
    for size, blob in pngs.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset + len(data))
        data += blob
    return head + entries + data


def svg() -> str:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">']
    for _, x0, y0, x1, y1, r, c in EMBLEM:
        rx = f' rx="{r * 100:g}"' if r else ""
        parts.append(f'<rect x="{x0 * 100:g}" y="{y0 * 100:g}" width="{(x1 - x0) * 100:g}" '
                     f'height="{(y1 - y0) * 100:g}"{rx} fill="#{c[0]:02x}{c[1]:02x}{c[2]:02x}"/>')
    parts.append("</svg>")
    return "".join(parts) + "\n"


def share_image(width=1200, height=630) -> bytes:
    """The default share card: the emblem large on the left, bands of the theme's colours."""
    size = 420
    shapes = [("rect", 0, 0, width, height, 0, RED),
              ("rect", 0, height - 36, width, height, 0, GOLD)]
    shapes += scaled(EMBLEM[1:], size * 1.25, dx=110 - size * 0.3, dy=(height - 36 - size * 1.25) / 2)
    for i, w in enumerate((560, 500, 380)):
        y = 190 + i * 90
        shapes.append(("rect", 560, y, 560 + w, y + 34, 17, WHITE))
    return png(width, height, render(width, height, shapes, samples=2))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(svg(), encoding="utf-8")
    (OUT / "favicon.ico").write_bytes(ico({16: icon_png(16), 32: icon_png(32), 48: icon_png(48)}))
    (OUT / "apple-touch-icon.png").write_bytes(icon_png(180))
    (OUT / "share.png").write_bytes(share_image())
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(OUT.parent.parent.parent.parent)}  {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
