"""Imported XML (a WordPress or Blogger export) -> its lxml tree, parsed through
defusedxml: a file declaring XML entities is refused (no entity expansion from an
untrusted file), and no DTD or network is ever loaded."""

from __future__ import annotations

import html.entities
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


_AMPERSAND = re.compile(rb"&(?!#[0-9]{1,7};|#x[0-9A-Fa-f]{1,6};|(amp|lt|gt|quot|apos);)([A-Za-z][A-Za-z0-9]{1,31};)?")


def _entity(match: re.Match[bytes]) -> bytes:
    """A '&' XML does not allow -> '&amp;', or an HTML entity's character reference ('&mdash;' -> '&#8212;')."""
    named = match.group(2)
    found = html.entities.html5.get(named.decode("ascii")) if named else None
    if found is None:
        return b"&amp;" + (named or b"")
    return b"".join(b"&#%d;" % ord(character) for character in found)


def ampersands_escaped(data: bytes) -> bytes:
    """XML bytes -> the same with every '&' outside CDATA that starts no XML entity made
    one: a bare '&' ('?a=1&b=2', 'Koffie & taart') becomes '&amp;', an HTML entity
    ('&mdash;', '&nbsp;') its character reference. Squarespace's export, and WordPress
    plugins that write links or titles unescaped, give XML that is not well-formed."""
    # CDATA sections found with find, not a lazy regex: many unclosed '<![CDATA[' made
    # that quadratic (72 KB of them took 4.5 s).
    pieces, at = [], 0
    while (start := data.find(b"<![CDATA[", at)) >= 0 and (end := data.find(b"]]>", start + 9)) >= 0:
        pieces += [_AMPERSAND.sub(_entity, data[at:start]), data[start:end + 3]]
        at = end + 3
    return b"".join(pieces) + _AMPERSAND.sub(_entity, data[at:])


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return defusedxml.lxml.fromstring(data, parser=parser)


def parse_xml(data: bytes) -> etree._Element:
    """XML file bytes -> its root element; BadInput for entities or malformed XML. XML
    malformed only by its '&'s is read with them escaped (ampersands_escaped); what is
    wrong with it besides is the error reported (its lines are the file's)."""
    try:
        try:
            return _parse(data)
        except etree.XMLSyntaxError:
            return _parse(ampersands_escaped(data))
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
