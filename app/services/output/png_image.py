"""A PNG put into a PDF as it is: its compressed image data (IDAT) becomes the image stream unchanged — PDF's
FlateDecode with PNG predictors reads it — so the picture is never decoded, re-compressed or ASCII85-encoded.

    png = read_png(data)            # None: not a PNG this can pass through (reportlab's own path takes it)
    story.append(PngFlowable(png, width, height))

Passes through: 8-bit greyscale or RGB, not interlaced (what the charts write). Checks every chunk's CRC, so a damaged
file is refused before the document is built.
"""

import hashlib
import struct
import zlib
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFImageXObject, PDFName, PDFStream
from reportlab.platypus import Flowable

from app.errors import KuratorError

SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLOUR_SPACES = {0: ("DeviceGray", 1), 2: ("DeviceRGB", 3)}  # PNG colour type → PDF colour space, samples per pixel
DAMAGED = "Не удалось прочитать изображение: файл повреждён или это не картинка."


@dataclass(frozen=True)
class PngData:
    width: int
    height: int
    colour_space: str
    colours: int
    idat: bytes
    digest: str


def read_png(data: bytes) -> PngData | None:
    """The PNG's size and compressed data when it can pass through as it is; None for any other picture."""
    if not data.startswith(SIGNATURE):
        return None
    chunks = list(_chunks(data))
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise KuratorError(DAMAGED)
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or colour_type not in COLOUR_SPACES or interlace or not width or not height:
        return None
    idat = b"".join(body for kind, body in chunks if kind == b"IDAT")
    if not idat:
        raise KuratorError(DAMAGED)
    space, colours = COLOUR_SPACES[colour_type]
    return PngData(width, height, space, colours, idat, hashlib.md5(data, usedforsecurity=False).hexdigest())


def _chunks(data: bytes):
    """(type, body) of each chunk up to IEND; a truncated chunk or a wrong CRC is a damaged file."""
    position = len(SIGNATURE)
    while position < len(data):
        if position + 8 > len(data):
            raise KuratorError(DAMAGED)
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        end = position + 8 + length
        if end + 4 > len(data) or zlib.crc32(data[position + 4:end]) != struct.unpack(">I", data[end:end + 4])[0]:
            raise KuratorError(DAMAGED)
        if kind == b"IEND":
            return
        yield kind, data[position + 8:end]
        position = end + 4
    raise KuratorError(DAMAGED)


class _PngXObject(PDFImageXObject):
    """An image XObject whose stream is the PNG's IDAT data with the PNG predictor parameters."""

    def __init__(self, name: str, png: PngData):  # noqa: super().__init__ would load a picture of its own
        self.name, self.png, self.mask = name, png, None
        self.width, self.height = png.width, png.height

    def format(self, document) -> bytes:
        png = self.png
        stream = PDFStream(content=png.idat)
        stream.dictionary.dict.update({
            "Type": PDFName("XObject"), "Subtype": PDFName("Image"), "Width": png.width, "Height": png.height,
            "BitsPerComponent": 8, "ColorSpace": PDFName(png.colour_space), "Filter": PDFName("FlateDecode"),
            "DecodeParms": PDFDictionary({"Predictor": 15, "Colors": png.colours, "BitsPerComponent": 8,
                                          "Columns": png.width})})
        return stream.format(document)


class PngFlowable(Flowable):
    """The PNG drawn `width` × `height` points; the same picture drawn twice is stored once."""

    def __init__(self, png: PngData, width: float, height: float):
        super().__init__()
        self.png, self.width, self.height = png, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, document = self.canv, self.canv._doc
        name = document.getXObjectName(self.png.digest)
        if document.idToObject.get(name) is None:
            xobject = _PngXObject(self.png.digest, self.png)
            document.Reference(xobject, name)
            document.addForm(self.png.digest, xobject)
        canvas._currentPageHasImages = 1
        canvas.saveState()
        canvas.scale(self.width, self.height)
        canvas._code.append(f"/{name} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.png.digest)
