"""The OOXML namespaces, once: bare URIs for lxml's nsmap/XPath, `clark()` for ElementTree tags."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def clark(uri: str) -> str:
    """'{uri}', the prefix of a qualified tag name: f"{clark(SML)}c"."""
    return f"{{{uri}}}"
