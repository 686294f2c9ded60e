"""Hugo shortcodes and Jekyll (Liquid) tags in a Markdown post -> the Markdown a reader
would have seen: code blocks, images, video links; other tags dropped, their text kept.

`{{< highlight js >}}...{{< /highlight >}}` and `{% highlight ruby %}...{% endhighlight %}`
become fenced code; `{{< figure src=... >}}` an image; `{{< youtube ID >}}` and `vimeo` a
link; `{{< ref "x" >}}` its target; `{% comment %}...{% endcomment %}` goes whole;
`{{ site.baseurl }}` and the like become '' (the link stays, from the site's root), as
do other site and page variables (`{{ page.title }}`). Any
other shortcode or tag goes, and what it wraps stays. Inside fenced code nothing is
touched (a post may show shortcodes as code).
"""

from __future__ import annotations

import re

_TAG = re.compile(r"\{\{[<%]\s*(/?)\s*([A-Za-z][\w-]{0,40})\b([^{}]{0,2000}?)\s*[>%]\}\}"  # Hugo
                  r"|\{%-?\s*(end)?([a-z]\w{0,40})\b([^{}%]{0,2000}?)\s*-?%\}")  # Liquid
_SITE_VARIABLE = re.compile(r"\{\{-?\s*(?:site\.(?:baseurl|url)|base_path|\.Site\.BaseURL)\s*(?:\|[^{}]{0,100})?-?\}\}")
_PAGE_VARIABLE = re.compile(r"\{\{-?\s*(?:site|page|post|layout|\.Site|\.Params|\.Page)\.[\w.]{1,100}\s*(?:\|[^{}]{0,100})?-?\}\}")
_COMMENT_START = re.compile(r"\{%-?\s*comment\s*-?%\}")
_COMMENT_END = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_ARGUMENT = re.compile(r"""(\w+)\s*=\s*(?:"([^"]{0,2000})"|'([^']{0,2000})'|(\S{1,2000}))|"([^"]{0,2000})"|(\S{1,2000})""")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LOOKS = ("{{<", "{{%", "{%", "{{")
_EDGE_BREAK = re.compile(r"^\n|\n$")


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's arguments ('js linenos=table', 'src="a.jpg" alt="Het modem"') -> (positional, named)."""
    positional, named = [], {}
    for match in _ARGUMENT.finditer(text):
        if match.group(1):
            named[match.group(1).lower()] = next(g for g in match.group(2, 3, 4) if g is not None)
        else:
            positional.append(match.group(5) if match.group(5) is not None else match.group(6))
    return positional, named


def _replace(match: re.Match[str]) -> str:
    if match.group(2) is not None:  # Hugo
        closing, name, rest = match.group(1) == "/", match.group(2).lower(), match.group(3)
    else:
        closing, name, rest = match.group(4) is not None, match.group(5).lower(), match.group(6)
    positional, named = _arguments(rest or "")
    if name == "highlight":  # the fence on a line of its own, whatever shares the tag's line
        return "\n```" if closing else "```" + (positional[0] if positional else "") + "\n"
    if closing:
        return ""
    if name == "figure" and named.get("src"):
        alt = named.get("alt") or named.get("caption") or named.get("title") or ""
        return f"![{alt}]({named['src']})"
    if name in ("youtube", "vimeo"):
        video = named.get("id") or (positional[0] if positional else "")
        url = f"https://www.youtube.com/watch?v={video}" if name == "youtube" else f"https://vimeo.com/{video}"
        return f"[{url}]({url})" if video else ""
    if name in ("ref", "relref") and positional:
        return positional[0]
    return ""


def without_spans(text: str, opening: re.Pattern[str], closing: re.Pattern[str]) -> str:
    """Text, the patterns a span opens and closes with -> the text without those spans
    (Liquid comment blocks, HTML comments), in one pass: linear; an unclosed one stays."""
    pieces, at = [], 0
    while (start := opening.search(text, at)) is not None:
        end = closing.search(text, start.end())
        if end is None:
            break
        pieces.append(text[at:start.start()])
        at = end.end()
    return "".join(pieces) + text[at:]


def convert(markdown: str) -> str:
    """A Hugo or Jekyll post's Markdown -> the same with its shortcodes and tags made Markdown (see above)."""
    if not any(mark in markdown for mark in _LOOKS):
        return markdown
    markdown = without_spans(_SITE_VARIABLE.sub("", markdown), _COMMENT_START, _COMMENT_END)
    markdown = _PAGE_VARIABLE.sub("", markdown)
    out, fenced = [], False
    for line in markdown.split("\n"):
        fence = _FENCE.match(line)
        if fenced or (fence and "highlight" not in line):
            out.append(line)
            if fence:
                fenced = not fenced
            continue
        converted = _TAG.sub(_replace, line)
        if converted != line:
            converted = _EDGE_BREAK.sub("", converted.rstrip(" \t"))
        if converted.strip() or not line.strip():
            out.append(converted)
        elif converted != line:  # a line that held only tags: gone
            continue
    return "\n".join(out)
