"""Time what an upload costs (check, re-encode, thumbnail) and drawing the demo's pictures.

    python benchmarks/photos.py

Prints the median of several runs per photo size: clean_image (Pillow verify and re-encode,
scaled to at most 2400 px) plus its 480 px thumbnail, and one demo picture drawn and encoded.
"""

import io
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marketplace.demo_art import TINTS, picture  # noqa: E402
from marketplace.images import clean_image, thumbnail  # noqa: E402

RUNS = 5


def _photo(width: int, height: int) -> bytes:
    """A photo-like JPEG: noise compresses like a real photo, a flat colour would not."""
    noise = Image.effect_noise((width // 4, height // 4), 60).resize((width, height))
    image = Image.merge("RGB", (noise, noise.transpose(Image.Transpose.ROTATE_180), noise))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _median_ms(work) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    for width, height in ((1280, 960), (2400, 1800), (4000, 3000)):
        data = _photo(width, height)
        ms = _median_ms(lambda data=data: thumbnail(clean_image(data)))
        size = len(data) / 1024 / 1024
        print(f"upload {width}x{height} ({size:.1f} MB): {ms:.0f} ms to check, re-encode, thumb")
    ms = _median_ms(lambda: picture("coffee", "Kopi Robusta Grade 1", "KSU Palu", TINTS[0]))
    print(f"demo picture (960x720, drawn and encoded): {ms:.0f} ms; the demo draws 30 + 15")


if __name__ == "__main__":
    main()
