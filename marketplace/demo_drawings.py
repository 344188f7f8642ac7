"""Drawing helpers and the first demo motifs (dolls, textiles, crafts): see demo_art.

Every drawing is a function (draw, x, y, size) that draws around the centre (x, y) in a square
of `size` pixels.
"""

import math
from collections.abc import Callable

from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 960, 720
BROWN, DARK, CREAM = (120, 72, 40), (40, 32, 28), (250, 240, 220)
INDIGO, SOGAN, GOLD = (38, 52, 110), (140, 86, 40), (214, 160, 48)

Draw = ImageDraw.ImageDraw
Motif = Callable[[Draw, int, int, int], None]


def circle(d: Draw, x: float, y: float, r: float, fill, outline=None, width: int = 0) -> None:
    d.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=outline, width=width)


def oval(d: Draw, x: float, y: float, rx: float, ry: float, fill, outline=None) -> None:
    d.ellipse((x - rx, y - ry, x + rx, y + ry), fill=fill, outline=outline, width=4)


def trapezoid(
    d: Draw, x: float, top: float, top_half: float, bottom: float, bottom_half: float, fill
) -> None:
    """Symmetric about x: `top_half` either side of it at height `top`, `bottom_half` at
    `bottom`."""
    top_edge = [(x - top_half, top), (x + top_half, top)]
    d.polygon([*top_edge, (x + bottom_half, bottom), (x - bottom_half, bottom)], fill=fill)


def face(d: Draw, x: float, y: float, s: float, muzzle=(236, 214, 186)) -> None:
    oval(d, x, y + s * 0.1, s * 0.3, s * 0.22, muzzle)
    for dx in (-0.22, 0.22):
        circle(d, x + dx * s, y - s * 0.12, s * 0.07, DARK)
        circle(d, x + dx * s + s * 0.025, y - s * 0.14, s * 0.02, "white")
    oval(d, x, y + s * 0.03, s * 0.09, s * 0.06, DARK)
    d.arc((x - s * 0.12, y + s * 0.02, x + s * 0.12, y + s * 0.2), 20, 160, fill=DARK, width=4)


def bear(d: Draw, x: int, y: int, size: int, color=(176, 120, 72)) -> None:
    s = size / 2
    for dx in (-0.62, 0.62):  # ears
        circle(d, x + dx * s * 0.7, y - s * 0.75, s * 0.2, color)
        circle(d, x + dx * s * 0.7, y - s * 0.75, s * 0.1, (236, 200, 170))
    oval(d, x, y + s * 0.45, s * 0.55, s * 0.5, color)  # body
    oval(d, x, y + s * 0.5, s * 0.3, s * 0.3, (236, 214, 186))
    for dx in (-1, 1):  # arms and feet
        oval(d, x + dx * s * 0.55, y + s * 0.3, s * 0.16, s * 0.28, color)
        oval(d, x + dx * s * 0.32, y + s * 0.9, s * 0.2, s * 0.13, color)
    circle(d, x, y - s * 0.35, s * 0.48, color)  # head
    face(d, x, y - s * 0.35, s)
    d.polygon(
        [(x - s * 0.2, y - s * 0.02), (x + s * 0.2, y - s * 0.02), (x, y + s * 0.1)],
        fill=(200, 40, 60),
    )  # bow tie


def rabbit(d: Draw, x: int, y: int, size: int) -> None:
    s, wool = size / 2, (236, 226, 236)
    for dx in (-0.2, 0.2):
        oval(d, x + dx * s, y - s * 0.95, s * 0.12, s * 0.4, wool, (200, 180, 200))
        oval(d, x + dx * s, y - s * 0.95, s * 0.05, s * 0.3, (244, 190, 210))
    oval(d, x, y + s * 0.45, s * 0.5, s * 0.5, wool, (200, 180, 200))
    for row in range(6):  # knitted stitches
        for col in range(-3, 4):
            cx, cy = x + col * s * 0.12, y + s * 0.15 + row * s * 0.11
            d.line((cx - 8, cy - 6, cx, cy + 6, cx + 8, cy - 6), fill=(200, 184, 206), width=3)
    circle(d, x, y - s * 0.3, s * 0.42, wool, (200, 180, 200))
    face(d, x, y - s * 0.3, s * 0.9, muzzle=(250, 240, 246))


def mascot(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.rounded_rectangle(
        (x - s * 0.55, y - s * 0.05, x + s * 0.55, y + s * 0.95), s * 0.2, fill=(30, 130, 200)
    )
    d.rounded_rectangle((x - s * 0.28, y + s * 0.2, x + s * 0.28, y + s * 0.5), 12, fill="white")
    d.text((x, y + s * 0.35), "LOGO", fill=(30, 130, 200), font=font(int(s * 0.16)), anchor="mm")
    circle(d, x, y - s * 0.45, s * 0.5, (255, 200, 60))
    face(d, x, y - s * 0.45, s * 1.05, muzzle=(255, 226, 140))


def graduate(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    trapezoid(d, x, y - s * 0.05, s * 0.3, y + s, s * 0.6, (30, 30, 40))  # toga
    d.polygon([(x - s * 0.15, y), (x + s * 0.15, y), (x, y + s * 0.25)], fill="white")
    d.rectangle((x + s * 0.35, y + s * 0.35, x + s * 0.75, y + s * 0.45), fill=CREAM)  # diploma
    d.rectangle((x + s * 0.52, y + s * 0.33, x + s * 0.58, y + s * 0.47), fill=(200, 40, 60))
    circle(d, x, y - s * 0.38, s * 0.4, (240, 200, 170))
    face(d, x, y - s * 0.38, s * 0.85, muzzle=(246, 214, 190))
    d.polygon(
        [
            (x - s * 0.6, y - s * 0.78),
            (x, y - s * 0.98),
            (x + s * 0.6, y - s * 0.78),
            (x, y - s * 0.58),
        ],
        fill=(20, 20, 30),
    )  # mortarboard
    d.line((x + s * 0.45, y - s * 0.78, x + s * 0.5, y - s * 0.45), fill=GOLD, width=6)


def keychains(d: Draw, x: int, y: int, size: int) -> None:
    colors = ((176, 120, 72), (230, 120, 150), (90, 160, 210))
    for i, color in enumerate(colors):
        cx = x + (i - 1) * size * 0.32
        circle(d, cx, y - size * 0.42, size * 0.06, None, (160, 160, 170), 6)
        d.line((cx, y - size * 0.36, cx, y - size * 0.22), fill=(160, 160, 170), width=5)
        bear(d, int(cx), int(y + size * 0.05), int(size * 0.38), color)


def puppet(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.rounded_rectangle(
        (x - s * 0.5, y - s * 0.2, x + s * 0.5, y + s), s * 0.25, fill=(60, 170, 110)
    )
    d.rectangle((x - s * 0.5, y + s * 0.8, x + s * 0.5, y + s), fill=(250, 210, 80))
    for dx in (-0.62, 0.62):
        oval(d, x + dx * s, y + s * 0.2, s * 0.16, s * 0.22, (60, 170, 110))
    circle(d, x, y - s * 0.4, s * 0.45, (255, 140, 60))
    face(d, x, y - s * 0.4, s * 0.95, muzzle=(255, 200, 150))


def kawung(d: Draw, x: float, y: float, r: float, fill, line) -> None:
    for angle in (45, 135, 225, 315):
        a = math.radians(angle)
        cx, cy = x + math.cos(a) * r * 0.55, y + math.sin(a) * r * 0.55
        oval(d, cx, cy, r * 0.42, r * 0.42, fill, line)
    circle(d, x, y, r * 0.12, line)


def batik_cloth(d: Draw, x: int, y: int, size: int, colors=(SOGAN, CREAM, INDIGO)) -> None:
    """A folded length of batik with the kawung motif."""
    ground, fill, line = colors
    box = (x - size * 0.6, y - size * 0.5, x + size * 0.6, y + size * 0.5)
    d.rectangle(box, fill=ground)
    step = size * 0.2
    for row in range(5):
        for col in range(6):
            kawung(
                d, box[0] + step * (col + 0.5), box[1] + step * (row + 0.5), step * 0.5, fill, line
            )
    d.rectangle((box[0], box[3] - size * 0.1, box[2], box[3]), fill=line)  # border (pinggiran)
    for i in range(12):
        px = box[0] + i * size * 0.1
        d.polygon(
            [
                (px, box[3] - size * 0.1),
                (px + size * 0.1, box[3] - size * 0.1),
                (px + size * 0.05, box[3] - size * 0.02),
            ],
            fill=fill,
        )


def mangrove(d: Draw, x: int, y: int, size: int) -> None:
    box = (x - size * 0.6, y - size * 0.5, x + size * 0.6, y + size * 0.5)
    d.rectangle(box, fill=(20, 90, 90))
    for row in range(4):
        for col in range(5):
            cx, cy = box[0] + size * (0.12 + col * 0.24), box[1] + size * (0.12 + row * 0.26)
            d.line((cx, cy + size * 0.1, cx, cy - size * 0.06), fill=CREAM, width=4)
            for side in (-1, 1):  # roots and leaves
                d.line(
                    (cx, cy + size * 0.02, cx + side * size * 0.06, cy + size * 0.11),
                    fill=CREAM,
                    width=3,
                )
                oval(
                    d,
                    cx + side * size * 0.045,
                    cy - size * 0.06,
                    size * 0.04,
                    size * 0.018,
                    (150, 200, 120),
                )


def grapes(d: Draw, x: int, y: int, size: int) -> None:
    box = (x - size * 0.6, y - size * 0.5, x + size * 0.6, y + size * 0.5)
    d.rectangle(box, fill=(230, 214, 180))
    for row in range(3):
        for col in range(4):
            cx = box[0] + size * (0.16 + col * 0.3) + (row % 2) * size * 0.12
            cy = box[1] + size * (0.14 + row * 0.33)
            for i, count in enumerate((4, 3, 2, 1)):
                for j in range(count):
                    circle(
                        d,
                        cx + (j - (count - 1) / 2) * size * 0.045,
                        cy + i * size * 0.04,
                        size * 0.024,
                        (100, 40, 110),
                    )
            oval(d, cx + size * 0.05, cy - size * 0.04, size * 0.05, size * 0.02, (70, 120, 50))


def scarf(d: Draw, x: int, y: int, size: int) -> None:
    for i in range(6):
        top = y - size * 0.5 + i * size * 0.17
        d.polygon(
            [
                (x - size * 0.6, top),
                (x + size * 0.6, top + size * 0.08),
                (x + size * 0.6, top + size * 0.2),
                (x - size * 0.6, top + size * 0.12),
            ],
            fill=((160, 40, 80), (220, 120, 60), GOLD)[i % 3],
        )
        for j in range(8):
            kawung(
                d,
                x - size * 0.52 + j * size * 0.15,
                top + size * 0.1 + j * size * 0.01,
                size * 0.05,
                CREAM,
                DARK,
            )


def headscarf(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.polygon(
        [(x, y - s), (x + s * 0.9, y + s * 0.9), (x - s * 0.9, y + s * 0.9)], fill=(120, 160, 200)
    )
    oval(d, x, y - s * 0.1, s * 0.32, s * 0.42, (246, 214, 190))
    for i in range(14):  # embroidered hem (bordir)
        t = i / 13
        px, py = x - s * 0.85 + t * s * 1.7, y + s * 0.8
        circle(d, px, py, s * 0.05, "white")
        circle(d, px, py, s * 0.02, (200, 60, 90))


def woven_bag(d: Draw, x: int, y: int, size: int, batik: bool = True) -> None:
    s = size / 2
    d.arc((x - s * 0.45, y - s * 0.9, x + s * 0.45, y + s * 0.1), 180, 360, fill=BROWN, width=14)
    trapezoid(d, x, y - s * 0.4, s * 0.8, y + s * 0.9, s * 0.65, (206, 170, 110))
    for i in range(9):
        px = x - s * 0.75 + i * s * 0.19
        d.line((px, y - s * 0.4, px + s * 0.05, y + s * 0.9), fill=(170, 130, 80), width=4)
    for j in range(7):
        py = y - s * 0.3 + j * s * 0.18
        d.line((x - s * 0.78, py, x + s * 0.78, py), fill=(170, 130, 80), width=4)
    if batik:
        d.rectangle((x - s * 0.74, y + s * 0.05, x + s * 0.74, y + s * 0.35), fill=SOGAN)
        for i in range(7):
            kawung(d, x - s * 0.62 + i * s * 0.21, y + s * 0.2, s * 0.1, CREAM, INDIGO)


def knit_bag(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.arc((x - s * 0.4, y - s * 0.95, x + s * 0.4, y), 180, 360, fill=(180, 60, 90), width=16)
    d.rounded_rectangle(
        (x - s * 0.75, y - s * 0.45, x + s * 0.75, y + s * 0.9), 40, fill=(230, 110, 140)
    )
    for row in range(8):
        for col in range(9):
            cx, cy = x - s * 0.64 + col * s * 0.16, y - s * 0.35 + row * s * 0.16
            d.line((cx - 9, cy - 7, cx, cy + 7, cx + 9, cy - 7), fill=(190, 70, 100), width=4)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)
