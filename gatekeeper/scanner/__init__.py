"""Frame sources, the QR decoder and thermometer sources. No Qt."""

from gatekeeper.scanner.decoder import DecodeResult, QrDecoder, decode_image_file

__all__ = ["DecodeResult", "QrDecoder", "decode_image_file"]
