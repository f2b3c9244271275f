"""A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose frames
show a printed pass PNG (as `passnum print --png` writes it), its QR code side, or a printed
page's part as a PGM. Standard library only: the PNG is read here (grey, 1 to 8 bits, the five
filters)."""
import struct
import zlib


def read_png_grey(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert colour == 0 and interlace == 0, "grey, not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = (width * depth + 7) // 8
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = row[i - 1] if i else 0
            up, corner = previous[i], previous[i - 1] if i else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        previous = row
        per_byte, top = 8 // depth, (1 << depth) - 1
        pixels = [((row[x // per_byte] >> (8 - depth * (x % per_byte + 1))) & top) * 255 // top for x in range(width)]
        rows.append(pixels)
    return rows


def read_pgm(path):
    """A binary grey PGM (P5, 8-bit), as `pdftoppm -gray` writes one."""
    data = open(path, "rb").read()
    magic, width, height, top, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and top == b"255", path
    width, height = int(width), int(height)
    return [list(pixels[y * width:(y + 1) * width]) for y in range(height)]


def write_y4m(image_path, out_path, width=640, height=480, frames=30):
    """The right-hand part of the image (a pass's QR code side; a PNG as `passnum print --png`
    writes one, or a PGM) centred on a white 640 × 480 frame."""
    pass_rows = read_pgm(image_path) if image_path.endswith(".pgm") else read_png_grey(image_path)
    crop = min(len(pass_rows[0]), width - 40)
    luma = bytearray([235]) * (width * height)
    top = max(0, (height - len(pass_rows)) // 2)
    left = (width - crop) // 2
    for y, row in enumerate(pass_rows[:height]):
        part = row[len(row) - crop:]
        for x, value in enumerate(part):
            luma[(top + y) * width + left + x] = 16 + value * 219 // 255
    chroma = bytes([128]) * (width * height // 4)
    with open(out_path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + bytes(luma) + chroma + chroma)
