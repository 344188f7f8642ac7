"""Simple illustrations for the demo data, drawn with Pillow (no photo can be fetched here):
a doll, a batik cloth, a coffee cup, a fish, a camera... each with the product's name.

`picture(motif, title, subtitle, colour)` makes a JPEG of one motif, `logo(...)` a badge.
"""

import io
import math

from PIL import Image, ImageDraw

from marketplace.demo_drawings import (
    CREAM,
    DARK,
    GOLD,
    HEIGHT,
    WIDTH,
    Draw,
    Motif,
    batik_cloth,
    bear,
    circle,
    font,
    graduate,
    grapes,
    headscarf,
    keychains,
    knit_bag,
    mangrove,
    mascot,
    oval,
    puppet,
    rabbit,
    scarf,
    trapezoid,
    woven_bag,
)


def chips(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    trapezoid(d, x, y - s * 0.9, s * 0.55, y + s * 0.9, s * 0.62, (220, 40, 40))
    d.rectangle((x - s * 0.55, y - s * 0.9, x + s * 0.55, y - s * 0.75), fill=(170, 20, 20))
    d.rounded_rectangle(
        (x - s * 0.42, y - s * 0.55, x + s * 0.42, y - s * 0.15), 16, fill=(255, 230, 120)
    )
    d.text((x, y - s * 0.35), "BALADO", fill=(170, 20, 20), font=font(int(s * 0.16)), anchor="mm")
    for i, (dx, dy) in enumerate(((-0.25, 0.25), (0.2, 0.3), (-0.05, 0.55), (0.3, 0.65))):
        oval(
            d,
            x + dx * s,
            y + dy * s,
            s * 0.18,
            s * 0.12,
            (240, 190, 90) if i % 2 else (230, 160, 60),
        )


def jar(d: Draw, x: int, y: int, size: int, content=(200, 30, 30), label="SAMBAL") -> None:
    s = size / 2
    d.rounded_rectangle(
        (x - s * 0.5, y - s * 0.85, x + s * 0.5, y - s * 0.6), 10, fill=(60, 60, 60)
    )
    d.rounded_rectangle(
        (x - s * 0.6, y - s * 0.62, x + s * 0.6, y + s * 0.9), 40, fill=(220, 235, 240)
    )
    d.rounded_rectangle((x - s * 0.55, y - s * 0.45, x + s * 0.55, y + s * 0.85), 34, fill=content)
    d.rectangle((x - s * 0.6, y - s * 0.1, x + s * 0.6, y + s * 0.35), fill=CREAM)
    d.text((x, y + s * 0.12), label, fill=DARK, font=font(int(s * 0.17)), anchor="mm")


def cookies(d: Draw, x: int, y: int, size: int) -> None:
    jar(d, x, y, size, content=(250, 236, 200), label="NASTAR")
    s = size / 2
    for dx, dy in ((-0.3, -0.3), (0.0, -0.32), (0.3, -0.3), (-0.3, 0.6), (0.0, 0.62), (0.3, 0.6)):
        circle(d, x + dx * s, y + dy * s, s * 0.12, (230, 170, 60))
        circle(d, x + dx * s, y + dy * s - s * 0.03, s * 0.04, (160, 70, 30))


def house(d: Draw, x: int, y: int, size: int) -> None:
    s, wood = size / 2, (150, 95, 50)
    d.rectangle((x - s * 0.9, y + s * 0.85, x + s * 0.9, y + s * 0.95), fill=(110, 80, 50))
    for dx in (-0.6, -0.2, 0.2, 0.6):  # stilts
        d.rectangle((x + dx * s - 8, y + s * 0.4, x + dx * s + 8, y + s * 0.88), fill=wood)
    d.rectangle((x - s * 0.7, y - s * 0.1, x + s * 0.7, y + s * 0.45), fill=(190, 130, 70))
    d.rectangle((x - s * 0.15, y + s * 0.05, x + s * 0.15, y + s * 0.45), fill=(100, 60, 30))
    d.polygon(
        [
            (x - s, y - s * 0.05),
            (x - s * 0.85, y - s * 0.75),
            (x, y - s * 0.45),
            (x + s * 0.85, y - s * 0.75),
            (x + s, y - s * 0.05),
        ],
        fill=(80, 50, 35),
    )  # roof
    for dx in (-0.5, 0.5):
        d.rectangle((x + dx * s - 22, y + s * 0.05, x + dx * s + 22, y + s * 0.25), fill=GOLD)


def candles(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.rounded_rectangle(
        (x - s * 0.95, y + s * 0.35, x + s * 0.95, y + s * 0.95), 20, fill=(200, 160, 110)
    )  # hamper box
    for i, color in enumerate(((240, 220, 240), (250, 236, 200), (220, 240, 226))):
        cx = x + (i - 1) * s * 0.6
        d.rounded_rectangle(
            (cx - s * 0.22, y - s * 0.2, cx + s * 0.22, y + s * 0.45),
            14,
            fill=color,
            outline=(180, 170, 170),
            width=3,
        )
        d.line((cx, y - s * 0.2, cx, y - s * 0.3), fill=DARK, width=4)
        oval(d, cx, y - s * 0.42, s * 0.06, s * 0.13, (255, 170, 40))
        oval(d, cx, y - s * 0.39, s * 0.025, s * 0.06, (255, 240, 150))


def _bean(d: Draw, x: float, y: float, r: float, angle: float, color=(90, 50, 25)) -> None:
    box = Image.new("RGBA", (int(r * 2.4), int(r * 2.4)), (0, 0, 0, 0))
    bd = ImageDraw.Draw(box)
    c = r * 1.2
    bd.ellipse((c - r * 0.7, c - r, c + r * 0.7, c + r), fill=color)
    bd.arc(
        (c - r * 0.3, c - r * 0.9, c + r * 0.3, c + r * 0.9),
        100,
        260,
        fill=(40, 20, 10),
        width=max(2, int(r / 6)),
    )
    rotated = box.rotate(angle, resample=Image.Resampling.BICUBIC)
    d._image.paste(rotated, (int(x - c), int(y - c)), rotated)


def coffee(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    oval(d, x - s * 0.1, y + s * 0.65, s * 0.8, s * 0.18, (240, 240, 240))  # saucer
    d.chord((x - s * 0.6, y - s * 0.4, x + s * 0.4, y + s * 0.85), 0, 180, fill="white")
    d.rectangle((x - s * 0.6, y - s * 0.1, x + s * 0.4, y + s * 0.22), fill="white")
    oval(d, x - s * 0.1, y - s * 0.1, s * 0.5, s * 0.12, (110, 60, 30))
    d.arc((x + s * 0.25, y, x + s * 0.65, y + s * 0.4), 270, 90, fill="white", width=14)
    for dx in (-0.3, -0.1, 0.1):  # steam
        d.arc(
            (x + dx * s, y - s * 0.75, x + dx * s + s * 0.12, y - s * 0.3),
            90,
            270,
            fill=(230, 230, 230),
            width=5,
        )
    for i in range(9):
        _bean(d, x + s * (0.55 + (i % 3) * 0.18), y + s * (0.1 + (i // 3) * 0.22), s * 0.09, i * 40)


def cocoa(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    oval(d, x - s * 0.2, y - s * 0.1, s * 0.55, s * 0.8, (200, 120, 30))
    for dx in (-0.35, -0.2, 0.0, 0.15):
        d.arc(
            (x + dx * s - s * 0.2, y - s * 0.85, x + dx * s + s * 0.2, y + s * 0.65),
            250,
            290,
            fill=(150, 80, 20),
            width=5,
        )
    d.line((x - s * 0.2, y - s * 0.9, x - s * 0.1, y - s * 1.0), fill=(90, 60, 30), width=10)
    for i in range(7):
        _bean(
            d,
            x + s * (0.55 + (i % 2) * 0.2),
            y + s * (-0.2 + i * 0.15),
            s * 0.1,
            i * 50,
            (110, 55, 40),
        )


def fish(d: Draw, x: int, y: int, size: int, color=(190, 120, 50)) -> None:
    s = size / 2
    for dy in (-0.3, 0.35):
        cy = y + dy * s
        d.polygon(
            [(x + s * 0.55, cy), (x + s * 0.95, cy - s * 0.28), (x + s * 0.95, cy + s * 0.28)],
            fill=color,
        )  # tail
        oval(d, x - s * 0.05, cy, s * 0.68, s * 0.26, color)
        for i in range(4):  # smoked stripes
            px = x - s * 0.3 + i * s * 0.2
            d.line((px, cy - s * 0.2, px - s * 0.06, cy + s * 0.2), fill=(140, 80, 30), width=5)
        circle(d, x - s * 0.52, cy - s * 0.05, s * 0.05, "white")
        circle(d, x - s * 0.52, cy - s * 0.05, s * 0.025, DARK)
        d.polygon(
            [
                (x - s * 0.05, cy - s * 0.24),
                (x + s * 0.2, cy - s * 0.42),
                (x + s * 0.25, cy - s * 0.2),
            ],
            fill=color,
        )  # fin


def shallots(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.chord((x - s * 0.9, y - s * 0.5, x + s * 0.9, y + s * 0.9), 0, 180, fill=(180, 70, 50))
    oval(d, x, y + s * 0.2, s * 0.9, s * 0.22, (150, 55, 40))
    for i in range(60):
        angle = i * 2.4
        r = (i % 10) / 10 * s * 0.7
        px, py = x + math.cos(angle) * r, y + s * 0.15 + math.sin(angle) * r * 0.22 - (i % 5) * 4
        d.arc(
            (px - 14, py - 8, px + 14, py + 8),
            180 + (i * 37) % 90,
            360,
            fill=(200, 130, 40),
            width=5,
        )


def coconut(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    circle(d, x - s * 0.35, y, s * 0.55, (120, 80, 45))
    for dx, dy in ((-0.1, -0.25), (0.1, -0.25), (0.0, -0.08)):
        circle(d, x - s * 0.35 + dx * s, y + dy * s, s * 0.06, (60, 35, 20))
    circle(d, x + s * 0.45, y + s * 0.15, s * 0.48, (110, 150, 60))  # a green one, halved
    circle(d, x + s * 0.45, y + s * 0.15, s * 0.38, "white")
    circle(d, x + s * 0.45, y + s * 0.15, s * 0.28, (235, 245, 235))


def seaweed(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    for i in range(7):
        base = x - s * 0.8 + i * s * 0.27
        points = [
            (base + math.sin(t / 3 + i) * s * 0.1, y + s * 0.9 - t * s * 0.15) for t in range(12)
        ]
        d.line(points, fill=(60 + i * 10, 140, 70), width=18, joint="curve")
    oval(d, x, y + s * 0.9, s * 0.95, s * 0.1, (200, 180, 140))


def camera(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    d.rounded_rectangle((x - s * 0.4, y - s * 0.65, x + s * 0.05, y - s * 0.4), 10, fill=DARK)
    d.rounded_rectangle(
        (x - s * 0.9, y - s * 0.45, x + s * 0.9, y + s * 0.6), 30, fill=(50, 50, 56)
    )
    d.rectangle((x - s * 0.9, y - s * 0.2, x + s * 0.9, y + s * 0.35), fill=(80, 80, 88))
    circle(d, x, y + s * 0.07, s * 0.45, (30, 30, 34))
    circle(d, x, y + s * 0.07, s * 0.34, (70, 90, 130))
    circle(d, x, y + s * 0.07, s * 0.18, (20, 30, 60))
    circle(d, x - s * 0.1, y - s * 0.04, s * 0.06, (220, 230, 255))
    d.rectangle((x + s * 0.55, y - s * 0.38, x + s * 0.75, y - s * 0.25), fill=(240, 240, 200))
    circle(d, x + s * 0.65, y - s * 0.55, s * 0.07, (200, 40, 40))


def video(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    for dx in (-0.45, 0.1):
        circle(d, x + dx * s, y - s * 0.55, s * 0.25, (60, 60, 66))
        circle(d, x + dx * s, y - s * 0.55, s * 0.08, (200, 200, 200))
    d.rounded_rectangle((x - s * 0.8, y - s * 0.3, x + s * 0.4, y + s * 0.5), 24, fill=(50, 50, 56))
    d.polygon(
        [
            (x + s * 0.4, y - s * 0.05),
            (x + s * 0.9, y - s * 0.3),
            (x + s * 0.9, y + s * 0.5),
            (x + s * 0.4, y + s * 0.25),
        ],
        fill=(80, 80, 88),
    )
    circle(d, x - s * 0.6, y - s * 0.15, s * 0.06, (220, 40, 40))


def drone(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
        ex, ey = x + dx * s * 0.65, y + dy * s * 0.45
        d.line((x, y, ex, ey), fill=(70, 70, 76), width=16)
        oval(d, ex, ey - s * 0.08, s * 0.32, s * 0.06, (150, 200, 230))
        circle(d, ex, ey - s * 0.05, s * 0.05, DARK)
    d.rounded_rectangle(
        (x - s * 0.25, y - s * 0.18, x + s * 0.25, y + s * 0.18),
        20,
        fill="white",
        outline=(90, 90, 96),
        width=5,
    )
    circle(d, x, y + s * 0.3, s * 0.1, DARK)
    circle(d, x, y + s * 0.3, s * 0.05, (70, 90, 130))


def _with_camera(extra: Motif) -> Motif:
    def both(d: Draw, x: int, y: int, size: int) -> None:
        extra(d, int(x + size * 0.3), int(y + size * 0.15), int(size * 0.55))
        camera(d, int(x - size * 0.25), int(y - size * 0.05), int(size * 0.7))

    return both


def heart(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    circle(d, x - s * 0.25, y - s * 0.15, s * 0.3, (220, 60, 90))
    circle(d, x + s * 0.25, y - s * 0.15, s * 0.3, (220, 60, 90))
    d.polygon(
        [(x - s * 0.53, y - s * 0.05), (x + s * 0.53, y - s * 0.05), (x, y + s * 0.6)],
        fill=(220, 60, 90),
    )


def plate(d: Draw, x: int, y: int, size: int) -> None:
    s = size / 2
    oval(d, x, y, s * 0.8, s * 0.45, "white", (200, 200, 200))
    oval(d, x, y - s * 0.05, s * 0.45, s * 0.22, (240, 200, 120))
    for dx in (-0.2, 0.0, 0.2):
        circle(d, x + dx * s, y - s * 0.1, s * 0.08, (60, 150, 60))


MOTIFS: dict[str, Motif] = {
    "bear": bear,
    "rabbit": rabbit,
    "mascot": mascot,
    "graduate": graduate,
    "keychains": keychains,
    "puppet": puppet,
    "batik": batik_cloth,
    "mangrove": mangrove,
    "grapes": grapes,
    "headscarf": headscarf,
    "woven_bag": woven_bag,
    "scarf": scarf,
    "chips": chips,
    "cookies": cookies,
    "sambal": jar,
    "knit_bag": knit_bag,
    "house": house,
    "candles": candles,
    "coffee": coffee,
    "cocoa": cocoa,
    "fish": fish,
    "shallots": shallots,
    "coconut": coconut,
    "seaweed": seaweed,
    "camera": camera,
    "video": video,
    "drone": drone,
    "product_shoot": _with_camera(woven_bag),
    "wedding": _with_camera(heart),
    "food_shoot": _with_camera(plate),
}


def _fitting(draw: Draw, text: str, size: int):
    """The font at `size`, or smaller until `text` fits the picture's width."""
    while size > 12 and draw.textlength(text, font=font(size)) > WIDTH - 80:
        size -= 2
    return font(size)


def _background(color: tuple[int, int, int]) -> Image.Image:
    """A soft vertical gradient from a light tint of `color` to a slightly darker one."""
    top = tuple(int(c + (255 - c) * 0.85) for c in color)
    bottom = tuple(int(c + (255 - c) * 0.6) for c in color)
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), bottom), Image.new("RGB", (WIDTH, HEIGHT), top), gradient
    )


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


# Backgrounds, so that a cooperative's pictures are not all the same colour.
TINTS = ((214, 150, 90), (90, 150, 200), (120, 180, 120), (200, 120, 150), (220, 190, 90))


def picture(motif: str, title: str, subtitle: str, color: tuple[int, int, int], tint=None) -> bytes:
    """A JPEG of one motif on a background tinted `tint` (default `color`), with a title band
    in `color` at the bottom."""
    tint = tint or color
    image = _background(tint)
    draw = ImageDraw.Draw(image)
    circle(draw, WIDTH / 2, HEIGHT * 0.42, 250, tuple(int(c + (255 - c) * 0.4) for c in tint))
    MOTIFS[motif](draw, WIDTH // 2, int(HEIGHT * 0.42), 400)
    draw.rectangle((0, HEIGHT - 130, WIDTH, HEIGHT), fill=color)
    draw.text((40, HEIGHT - 88), title, fill="white", font=_fitting(draw, title, 46), anchor="lm")
    draw.text(
        (40, HEIGHT - 38),
        subtitle,
        fill=(235, 235, 235),
        font=_fitting(draw, subtitle, 28),
        anchor="lm",
    )
    return _jpeg(image)


def logo(initials: str, color: tuple[int, int, int], motif: str) -> bytes:
    """A round badge: the motif small above the cooperative's initials."""
    size = 512
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    circle(draw, size / 2, size / 2, 240, color)
    circle(draw, size / 2, size / 2, 215, None, "white", 8)
    circle(draw, size / 2, size * 0.38, 110, "white")
    MOTIFS[motif](draw, size // 2, int(size * 0.38), 170)
    draw.text((size / 2, size * 0.72), initials, fill="white", font=font(64), anchor="mm")
    return _jpeg(image)
