"""QR codes for the printable certificate page, as data URIs (the CSP allows data: images)."""

import segno


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").png_data_uri(scale=4, border=2)
