"""A small ICC v2 output profile for tests: a CMYK printer ('prtr') header
with a description, white point and copyright, and no transforms.

No CMYK profile ships with the project (none for newsprint has a licence that
allows it, docs/press.md), and Pillow's ImageCms makes only Lab, XYZ and
sRGB profiles; LittleCMS opens this one and reads its description, which is
all the OutputIntent takes from it.
"""
from __future__ import annotations

import struct

HEADER_BYTES = 128
D50 = (0.9642, 1.0, 0.8249)
S15_FIXED16 = 65536


def _fixed(value: float) -> bytes:
    return struct.pack(">i", round(value * S15_FIXED16))


def _text_description(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + bytes(67))


def _padded(data: bytes) -> bytes:
    return data + bytes(-len(data) % 4)


def cmyk_output_profile(description: str = "Test newsprint CMYK") -> bytes:
    tags = [
        (b"desc", _text_description(description)),
        (b"wtpt", b"XYZ " + bytes(4) + b"".join(_fixed(value) for value in D50)),
        (b"cprt", b"text" + bytes(4) + b"No copyright, test data\0"),
    ]
    table_bytes = 4 + 12 * len(tags)
    offset = HEADER_BYTES + table_bytes
    directory, body = [], b""
    for signature, data in tags:
        directory.append(signature + struct.pack(">II", offset + len(body), len(data)))
        body += _padded(data)
    size = HEADER_BYTES + table_bytes + len(body)
    header = (struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"prtr" + b"CMYK" + b"Lab "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"APPL" + bytes(4) + bytes(4) + bytes(4)
              + bytes(8) + struct.pack(">I", 0) + b"".join(_fixed(value) for value in D50) + b"lcms")
    header += bytes(HEADER_BYTES - len(header))
    return header + struct.pack(">I", len(tags)) + b"".join(directory) + body
