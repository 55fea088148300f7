#!/usr/bin/python3
"""Writes the image fixtures of tests/unit/test_image.c into this directory.

The fixtures are committed; this script only documents how they were made
(and remakes them: it needs Pillow, python3-pil, which the tests do not).
"""
import io
import os
import random
import struct
import zlib

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    mode = "w" if isinstance(data, str) else "wb"
    with open(os.path.join(HERE, name), mode) as f:
        f.write(data)


def encode(im, fmt, **kw):
    out = io.BytesIO()
    im.save(out, fmt, **kw)
    return out.getvalue()


def halves():
    """16 x 8: the left half red, the right half blue."""
    im = Image.new("RGB", (16, 8), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 8, 8))
    return im


def with_exif(jpeg, orientation, big_endian):
    """The JPEG with an APP1 EXIF segment holding only the orientation."""
    e = ">" if big_endian else "<"
    tiff = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    tiff += struct.pack(e + "H", 1) + struct.pack(e + "HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff += struct.pack(e + "I", 0)
    body = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def noise(size, seed):
    rnd = random.Random(seed)
    return Image.frombytes("RGB", size, bytes(rnd.randrange(256) for _ in range(size[0] * size[1] * 3)))


write("red-4x3.png", encode(Image.new("RGB", (4, 3), (255, 0, 0)), "PNG"))
write("red-6x4.jpg", encode(Image.new("RGB", (6, 4), (255, 0, 0)), "JPEG", quality=95))
write("red-progressive-6x4.jpg", encode(Image.new("RGB", (6, 4), (255, 0, 0)), "JPEG", quality=95, progressive=True))
write("gray-5x7.jpg", encode(Image.new("L", (5, 7), 128), "JPEG", quality=95))
write("cmyk-red-8x8.jpg", encode(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG", quality=95))
plain = encode(halves(), "JPEG", quality=95, subsampling=0)
write("halves-16x8-exif6.jpg", with_exif(plain, 6, big_endian=False))
write("halves-16x8-exif8.jpg", with_exif(plain, 8, big_endian=True))

png = encode(noise((32, 32), 1), "PNG")
write("truncated.png", png[: len(png) // 2])
jpeg = encode(noise((32, 32), 2), "JPEG", quality=95)
write("truncated.jpg", jpeg[: len(jpeg) // 2])
# A header claiming 100000 x 100000 pixels, and one row's worth of data.
write("huge.png", b"\x89PNG\r\n\x1a\n"
      + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0))
      + chunk(b"IDAT", zlib.compress(b"\0" * 300001))
      + chunk(b"IEND", b""))
# A frame header claiming 50000 x 50000 pixels.
red = encode(Image.new("RGB", (6, 4), (255, 0, 0)), "JPEG", quality=95)
sof = red.index(b"\xff\xc0")
write("huge.jpg", red[: sof + 5] + struct.pack(">HH", 50000, 50000) + red[sof + 9 :])
# 40000 x 1: few pixels, but wider than cairo draws.
write("wide.png", b"\x89PNG\r\n\x1a\n"
      + chunk(b"IHDR", struct.pack(">IIBBBBB", 40000, 1, 8, 2, 0, 0, 0))
      + chunk(b"IDAT", zlib.compress(b"\0" * 120001))
      + chunk(b"IEND", b""))
write("text.png", "This is text, not a picture.\n")
write("empty.png", b"")
