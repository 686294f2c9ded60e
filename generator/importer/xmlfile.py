"""Imported XML (a WordPress or Blogger export) -> its lxml tree, parsed through
defusedxml: a file declaring XML entities is refused (no entity expansion from an
untrusted file), and no DTD or network is ever loaded."""

from __future__ import annotations

import re
import warnings
from datetime import date

from lxml import etree

from generator.importer.detect import ENTITIES_REFUSED
from generator.importer.post import BadInput

with warnings.catch_warnings():  # defusedxml.lxml is deprecated, but still the check we want
    warnings.simplefilter("ignore", DeprecationWarning)
    import defusedxml
    import defusedxml.lxml


def parse_xml(data: bytes) -> etree._Element:
    """XML file bytes -> its root element; BadInput for entities or malformed XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return defusedxml.lxml.fromstring(data, parser=parser)
    except defusedxml.DefusedXmlException:
        raise BadInput(ENTITIES_REFUSED) from None
    except etree.XMLSyntaxError as error:
        message = re.sub(r",? line \d+, column \d+$", "", str(error.msg))
        raise BadInput(f"malformed XML at line {error.lineno}: {message}") from None


def text_of(element: etree._Element | None) -> str:
    """An element (or None) -> its own text, stripped."""
    return (element.text or "").strip() if element is not None else ""


def date_of(text: str) -> date | None:
    """'2019-03-03 10:12:00', '2019-03-03T10:00:00.000+01:00' -> the date as written
    (the writer's own day); WordPress's '0000-00-00 00:00:00' (unset) -> None."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
