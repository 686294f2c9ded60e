"""Red team (issue 29): `import --images` connects only to public addresses, checked
after DNS and after every redirect, on the parsed address and every IPv4 address an
IPv6 form carries; a slow server is cut off at a total time; what a server or an
archive says reaches the terminal only as visible escapes."""

from __future__ import annotations

import http.server
import io
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.diagnostics import for_terminal, one_line
from generator.importer import images
from generator.importer.images import ImageError, address_problem, download
from tests.conftest import run_cli, write_tree

PRIVATE = [
    "127.0.0.1", "127.1.2.3", "10.0.0.8", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1%eth0", "fc00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::a9fe:a9fe", "::10.0.0.1",
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::7f00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::",
    "2002:c0a8:101::1", "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:7f00:1::1",
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
          "64:ff9b::808:808", "2002:808:808::1"]


@pytest.mark.parametrize("address", PRIVATE)
def test_a_private_address_in_any_form_is_refused(address: str) -> None:
    assert address_problem(address) == "a private address"


@pytest.mark.parametrize("address", PUBLIC)
def test_a_public_address_is_fine(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize("url", ["http://[::127.0.0.1]:9/x.png", "http://[64:ff9b::7f00:1]:9/x.png",
                                 "http://[::a9fe:a9fe]/x.png", "http://[2002:7f00:1::1]/x.png",
                                 "http://[::ffff:7f00:1]:9/x.png", "http://0x7f000001/x.png", "http://2130706433/x.png"])
def test_download_never_connects_to_an_embedded_loopback(url: str) -> None:
    with pytest.raises(ImageError, match="is a private address$"):
        download(url)


def _resolving(monkeypatch: pytest.MonkeyPatch, names: dict[str, str]) -> None:
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if host in names:
            return real(names[host], port, *args, **kwargs)
        return real(host, port, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_a_name_that_resolves_to_a_private_address_is_refused_after_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    _resolving(monkeypatch, {"plaatjes.example": "::ffff:127.0.0.1"})
    with pytest.raises(ImageError, match="^plaatjes.example is a private address$"):
        download("http://plaatjes.example/x.png")


class _Answers(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://intern.example/geheim.png")
            self.end_headers()
        elif self.path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/slow-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(1000):
                self.wfile.write(b"X-A: b\r\n")
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/escape":
            self.wfile.write(b"HTTP/1.1 abc \x1b]0;pwned\x07\r\n\r\n")


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only 127.0.0.1 (the test server) passes; every other private address is refused."""
    monkeypatch.setattr(images, "address_problem", lambda text: None if text == "127.0.0.1" else "a private address")


def test_a_redirect_to_a_private_address_is_refused(server: str, loopback_allowed: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _resolving(monkeypatch, {"intern.example": "10.0.0.8"})
    with pytest.raises(ImageError, match="^intern.example is a private address$"):
        download(f"{server}/redirect")


@pytest.mark.parametrize("path", ["/slow-body", "/slow-headers"])
def test_a_slow_server_is_cut_off_at_the_total_time(server: str, loopback_allowed: None,
                                                    monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    monkeypatch.setattr(images, "TOTAL_SECONDS", 2)
    started = time.monotonic()
    with pytest.raises(ImageError, match="^took longer than 2 s$"):
        download(server + path)
    assert time.monotonic() - started < 6


def test_what_a_server_answers_reaches_the_terminal_escaped(server: str, loopback_allowed: None) -> None:
    with pytest.raises(ImageError) as raised:
        download(f"{server}/escape")
    assert "\x1b" in str(raised.value) or "\x07" in str(raised.value) or "abc" in str(raised.value)
    assert "\x1b" not in one_line(str(raised.value)) and "\x07" not in one_line(str(raised.value))


@pytest.mark.parametrize(("text", "shown"), [
    ("a\x1b]0;pwned\x07b", "a\\x1b]0;pwned\\x07b"),
    ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
    ("regel\nregel", "regel\\nregel"),
    ("terug\rover", "terug\\rover"),
    ("\x9b31m", "\\x9b31m"),
    ("tab\tblijft", "tab\tblijft"),
    ("para\u2029graaf", "para\\u2029graaf"),
    ("\x7f\x08", "\\x7f\\x08"),
])
def test_one_line_shows_every_control_character(text: str, shown: str) -> None:
    assert one_line(text) == shown
    if "\n" not in text:
        assert for_terminal(f"{text}\n{text}") == f"{shown}\n{shown}"


def test_escapes_in_zip_member_names_are_printed_escaped(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("\x1b]0;pwned\x07.md", b"\x00\x01binary")
        archive.writestr("nested\x1b[2J.zip", b"PK\x03\x04rest")
    (tmp_path / "export.zip").write_bytes(buffer.getvalue())
    done = run_cli("import", tmp_path / "export.zip", "--site", site, timeout=60)
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "\\x1b]0;pwned\\x07.md" in done.stderr and "nested\\x1b[2J.zip" in done.stderr
    assert "Traceback" not in done.stderr
