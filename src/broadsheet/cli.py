"""The broadsheet command: build pages, set galley proofs, preflight PDFs."""
from __future__ import annotations

import argparse
import gc
import signal
import sys
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .checks.limits import add_preflight_arguments
from .diagnostics import Diagnostic
from .errors import BroadsheetError
from .text.classes import DEFAULT_PROHIBITION, Prohibition


def command() -> int:
    """The console script: ``main`` in a process of its own.  A build's
    modules are imported first and set aside (``gc.freeze``): they live as
    long as the process, and the cyclic collector's passes during the build
    need not walk them again (a tenth of a cold build's CPU time)."""
    if sys.argv[1:2] == ["build"]:
        import broadsheet.build  # noqa: F401
        gc.freeze()
    return main()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="broadsheet", description="Typeset Chinese newspaper pages.")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="typeset a page layout, or an edition of pages, into a press PDF")
    build.add_argument("layout", type=Path, help="a page layout, or an edition file listing page layouts")
    build.add_argument("-o", "--output", type=Path, required=True)
    build.add_argument("--report", type=Path, help="write per-block figures as JSON")
    build.add_argument("--png", type=Path, metavar="DIR", help="also write a PNG proof of each page")
    build.add_argument("--strict", action="store_true", help="treat warnings (overset, cleaned text) as errors")
    build.add_argument("--date", help="ISO date for the PDF's dates (default: SOURCE_DATE_EPOCH, else the layout's "
                                           "issue_date, else 2000-01-01)")
    build.add_argument("--fit", action="store_true",
                       help="list the one-line cuts (short last lines) that would pull each block up")
    build.add_argument("--marks", action="store_true",
                       help="add crop and registration marks outside the bleed (the sheet grows to hold them)")
    build.add_argument("--jobs", "-j", type=_positive(int), default=None, metavar="N",
                       help="worker processes composing and writing an edition's pages (default: one a core; "
                            "1: in turn, in this process)")

    galley = commands.add_parser("galley", help="set one article in a single column for proofreading")
    galley.add_argument("article", type=Path)
    galley.add_argument("-o", "--output", type=Path, required=True)
    galley.add_argument("--measure", type=_positive(int), default=None, help="characters per line (default: 13)")
    galley.add_argument("--size", type=_type_size, default=None, help="body size in pt (default: 9)")
    galley.add_argument("--prohibition", default=DEFAULT_PROHIBITION.value,
                        choices=[level.value for level in Prohibition])
    galley.add_argument("--png", type=Path, metavar="DIR")

    check = commands.add_parser("check", help="validate a layout, edition or article and show each block's "
                                              "figures, writing nothing")
    check.add_argument("source", type=Path, help="a page layout, an edition, or an article (.md)")
    check.add_argument("--strict", action="store_true", help="exit with status 1 on warnings too")

    schema = commands.add_parser("schema", help="print the JSON Schema of layouts and editions, or of an "
                                                "article's front matter (for editors' YAML completion)")
    schema.add_argument("kind", choices=("layout", "article"))

    watch = commands.add_parser("watch", help="rebuild a page on every save of its sources; --serve shows the "
                                              "proof in a browser")
    watch.add_argument("layout", type=Path, help="a page layout, or an edition file listing page layouts")
    watch.add_argument("-o", "--output", type=Path, help="the PDF kept up to date (default: out/LAYOUT.pdf)")
    watch.add_argument("--png", type=Path, metavar="DIR", help="where the PNG proofs go (default: beside the PDF)")
    watch.add_argument("--serve", action="store_true", help="serve the proof, block figures and warnings on "
                                                            "http://127.0.0.1:PORT/, refreshed on every rebuild")
    watch.add_argument("--port", type=_port, default=None, help="the --serve port (default: 8017; 0: any free port)")
    watch.add_argument("--editor-link", default=None, metavar="TEMPLATE",
                       help="how the page links a file and line into your editor "
                            "(default: vscode://file{path}:{line})")

    preflight = commands.add_parser("preflight", help="check a PDF as a newspaper plant would before printing")
    add_preflight_arguments(preflight)

    args = parser.parse_args(argv)
    try:
        with _stopped_by_signals():
            if args.command == "build":
                return _build(args)
            if args.command == "check":
                return _check(args)
            if args.command == "schema":
                from .source.schema import schema_text
                print(schema_text(args.kind), end="")
                return 0
            if args.command == "watch":
                return _watch(args)
            if args.command == "galley":
                return _galley(args)
            if args.command == "preflight":
                return _preflight(args)
    except BroadsheetError as error:
        print(f"broadsheet: error: {_shown(str(error))}", file=sys.stderr)
        return 1
    except Stopped as stop:
        print(f"broadsheet: {stop}", file=sys.stderr)
        return EXIT_BY_SIGNAL + stop.signal
    return 2


# A process stopped by signal N exits with 128 + N (130 for Ctrl-C, 143 for SIGTERM), as shells report it.
EXIT_BY_SIGNAL = 128
SIGNAL_NAMES = {signal.SIGINT: "interrupted (Ctrl-C)", signal.SIGTERM: "stopped (SIGTERM)"}


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: the build stops, and its transaction puts nothing in
    place (a signal that came while outputs were being moved into place takes
    effect once they all are)."""

    def __init__(self, number: int, committed: bool = False):
        self.signal = number
        outcome = "after its outputs were written" if committed else "no output was replaced"
        super().__init__(f"{SIGNAL_NAMES[number]}; {outcome}")


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM end the command with one line and their exit status,
    not a traceback; the previous handlers come back afterwards."""
    from .render.output import commits
    before = commits()

    def stop(number, frame):
        raise Stopped(number, commits() != before)
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, stop) for number in SIGNAL_NAMES}
    try:
        yield
    except KeyboardInterrupt:  # raised before our handler was in place, or by code that re-raises it
        raise Stopped(signal.SIGINT, commits() != before) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _positive(convert: Callable[[str], float]) -> Callable[[str], float]:
    """An argument that must be a number above zero (a measure, a size)."""
    def parse(text: str) -> float:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value
    return parse


def _type_size(text: str) -> float:
    """--size: a type size in pt within the bounds a layout's sizes keep."""
    from .source.bounds import MAX_TYPE_SIZE_PT, MIN_TYPE_SIZE_PT
    size = _positive(float)(text)
    if not MIN_TYPE_SIZE_PT <= size <= MAX_TYPE_SIZE_PT:
        raise argparse.ArgumentTypeError(f"a type size is {MIN_TYPE_SIZE_PT:g} to {MAX_TYPE_SIZE_PT:g} pt, not {text}")
    return size


def _port(text: str) -> int:
    """A TCP port, 0 for any free one."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {port}")
    return port


def _shown(message: str) -> str:
    """A message safe for the terminal: control and invisible characters from a
    source (an escape sequence, a right-to-left override) are spelled out."""
    return "".join(f"<U+{ord(char):04X}>" if unicodedata.category(char) in ("Cc", "Cf") and char != "\n" else char
                   for char in message)


def _build(args) -> int:
    from .build import build_layout
    progress = _progress if sys.stderr.isatty() else None
    result = build_layout(args.layout, args.output, report=args.report, png_dir=args.png, strict=args.strict,
                          date=args.date, progress=progress, marks=args.marks, jobs=args.jobs)
    _print_figures(result, args.fit)
    if result.worker_memory:
        print(f"{len(result.worker_memory)} page worker(s), peak memory "
              + ", ".join(f"{peak / 2**20:.0f} MB" for peak in result.worker_memory.values()))
    for path in result.page_pdfs:
        print(f"wrote {path}")
    print(f"wrote {args.output}" + (f" and {len(result.pngs)} PNG proof(s) in {args.png}" if result.pngs else "")
          + (f" ({result.overset} characters overset)" if result.overset else ""))
    return 0


def _print_figures(result, fit_cuts: bool = False) -> None:
    """Warnings on stderr; one line of figures per block on stdout (and with
    ``fit_cuts`` the one-line cuts that would pull each block up)."""
    for warning in result.warnings:
        print(f"broadsheet: {warning.severity.value}: {_shown(str(warning))}", file=sys.stderr)
    for page in result.pages:
        prefix = f"page {page.number}: " if len(result.pages) > 1 else ""
        for block in page.blocks:
            continued = f", continued: {block.characters_continued}" if block.characters_continued else ""
            fit = f", copyfit: {block.copyfit.summary()}" if block.copyfit is not None else ""
            print(f"{prefix}{block.name}: {block.lines_set} lines, {block.characters_set} characters set, "
                  f"overset: {block.characters_overset}{continued}, underset lines: {block.underset_lines}{fit}")
            if block.copyfit is not None and block.copyfit.columns:
                print("  columns (lines set+white): " + " ".join(
                    f"{column.lines_used}+{column.white_lines}" for column in block.copyfit.columns))
                for note in block.copyfit.notes:
                    print(f"  {note}")
                for aid in block.copyfit.aids:
                    print(f"  fit aid used: {aid}")
                if fit_cuts:
                    for cut in block.copyfit.cuts:
                        print(f"  fit: cut {cut.characters} character(s) (the last line “{cut.last_line}”) from "
                              f"the paragraph at {cut.file}:{cut.line} to save a line")
        for picture in page.pictures:
            overset = f", caption overset: {picture.characters_overset}" if picture.characters_overset else ""
            print(f"{prefix}{picture.key} {picture.file}: {picture.pixels[0]}×{picture.pixels[1]} px at "
                  f"{picture.ppi:.0f} ppi, {picture.colour}, ink up to {picture.ink_percent:.0f}%{overset}")


def _check(args) -> int:
    """Everything a build checks, without writing: status 1 on an error (or, with --strict, a warning)."""
    if args.source.suffix.lower() == ".md":
        from .source.article import read_article
        notes: list[Diagnostic] = []
        read_article(args.source, notes=notes)
        for note in notes:
            print(f"broadsheet: warning: {_shown(str(note))}", file=sys.stderr)
        warnings = len(notes)
    else:
        from .build import check_layout
        result = check_layout(args.source)
        _print_figures(result)
        warnings = len(result.warnings)
    print(f"{args.source}: ok" + (f", {warnings} warning(s)" if warnings else ""))
    return 1 if args.strict and warnings else 0


def _progress(done: int, total: int, what: str) -> None:
    """One status line on the terminal, rewritten in place; cleared at the end."""
    if done >= total:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
        return
    print(f"\r\033[K[{done + 1}/{total}] {what}", end="", file=sys.stderr, flush=True)


def _watch(args) -> int:
    import threading

    from .live.rebuild import DEFAULT_EDITOR_LINK, DeskState
    from .live.serve import DEFAULT_PORT, DeskServer
    from .live.watch import watch
    if not args.layout.is_file():
        raise BroadsheetError(f"{args.layout}: no such layout")
    output = args.output or Path("out") / f"{args.layout.stem}.pdf"
    state = DeskState(args.layout, output, args.png or output.parent, args.editor_link or DEFAULT_EDITOR_LINK)
    server = None
    if args.serve:
        try:
            server = DeskServer(state, DEFAULT_PORT if args.port is None else args.port)
        except OSError as error:
            raise BroadsheetError(f"cannot serve on port {args.port or DEFAULT_PORT}: {error.strerror}") from error
        server.start()
        print(f"serving {server.url} (Ctrl-C stops)", flush=True)
    print(f"watching {args.layout} and its sources; writing {output}", flush=True)
    try:
        watch(state, sys.stdout, threading.Event(), shown=_shown)
    except (Stopped, KeyboardInterrupt):
        pass  # Ctrl-C is how one leaves watch: each rebuild's outputs were all written or none
    finally:
        if server is not None:
            server.close()
    return 0


def _galley(args) -> int:
    from .galley import build_galley
    warnings: list[Diagnostic] = []
    pages = build_galley(args.article, args.output, measure=args.measure, size=args.size,
                         prohibition=Prohibition(args.prohibition), png_dir=args.png, warnings=warnings)
    for warning in warnings:
        print(f"broadsheet: warning: {_shown(str(warning))}", file=sys.stderr)
    print(f"wrote {args.output}: {pages} page(s)")
    return 0


def _preflight(args) -> int:
    from .checks.limits import limits_from_arguments
    from .checks.preflight import preflight
    report = preflight(args.pdf, limits_from_arguments(args))
    print(report.json() if args.json else report.text())
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(command())
