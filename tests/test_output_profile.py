"""press: {output_profile: …}: the printer's CMYK ICC profile embedded in the
PDF/X OutputIntent; without it the registered IFRA26 condition is named."""
from __future__ import annotations

import pikepdf
import pytest

from broadsheet.checks.preflight import preflight
from broadsheet.cli import main
from iccprofile import cmyk_output_profile
from project import SAMPLE_AD, Project

DESCRIPTION = "Test newsprint CMYK"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    project = Project(tmp_path)
    project.write("press/newsprint.icc", cmyk_output_profile(DESCRIPTION))
    monkeypatch.chdir(tmp_path)
    return project


def _intent(pdf_path) -> dict:
    with pikepdf.open(pdf_path) as pdf:
        intents = list(pdf.Root.OutputIntents)
        assert len(intents) == 1
        intent = intents[0]
        profile = intent.get("/DestOutputProfile")
        return {"identifier": str(intent.OutputConditionIdentifier), "condition": str(intent.OutputCondition),
                "registry": str(intent.get("/RegistryName", "")),
                "profile": profile.read_bytes() if profile is not None else None,
                "components": int(profile.N) if profile is not None else None}


def test_the_printers_profile_is_embedded(project, capsys):
    project.write("layouts/sample.yaml", project.read("layouts/sample.yaml")
                  + "press:\n  output_profile: press/newsprint.icc\n")
    assert main(["build", "layouts/sample.yaml", "-o", "out/page.pdf"]) == 0
    intent = _intent(project.path("out/page.pdf"))
    assert intent == {"identifier": "Custom", "condition": DESCRIPTION, "registry": "",
                      "profile": project.path("press/newsprint.icc").read_bytes(), "components": 4}
    report = preflight(project.path("out/page.pdf"))
    assert report.errors == 0, report.text()


def test_without_a_profile_the_registered_ifra26_condition_is_named(project, capsys):
    assert main(["build", "layouts/sample.yaml", "-o", "out/page.pdf"]) == 0
    intent = _intent(project.path("out/page.pdf"))
    assert intent["identifier"] == "IFRA26" and intent["registry"] == "http://www.color.org"
    assert intent["profile"] is None


def test_the_profile_is_a_source_no_output_may_replace(project, capsys):
    project.write("layouts/sample.yaml", project.read("layouts/sample.yaml")
                  + "press:\n  output_profile: press/newsprint.icc\n")
    before = project.path("press/newsprint.icc").read_bytes()
    assert main(["build", "layouts/sample.yaml", "-o", "press/newsprint.icc"]) == 1
    assert capsys.readouterr().err == ("broadsheet: error: -o press/newsprint.icc is one of the build's sources "
                                       "(the ICC output profile); refusing to write over it\n")
    assert project.path("press/newsprint.icc").read_bytes() == before


def test_every_stream_of_the_press_file_is_compressed(project, capsys):
    """The profile, the supplied advertisement's streams (here delivered
    uncompressed) and reportlab's ASCII85-wrapped page content all come out
    in Flate alone (JPEG pictures in DCT): nothing is left uncompressed or
    wrapped where the file is finished without qpdf's own compression."""
    with pikepdf.open(project.path(SAMPLE_AD)) as delivered:
        delivered.save(project.path("articles/ads/plain.pdf"), compress_streams=False,
                       stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
    layout = project.read("layouts/sample.yaml").replace(SAMPLE_AD, "articles/ads/plain.pdf")
    project.write("layouts/sample.yaml", layout + "press:\n  output_profile: press/newsprint.icc\n")
    assert main(["build", "layouts/sample.yaml", "-o", "out/page.pdf"]) == 0
    with pikepdf.open(project.path("articles/ads/plain.pdf")) as delivered:
        assert any("/Filter" not in stream for stream in delivered.objects if isinstance(stream, pikepdf.Stream))
    with pikepdf.open(project.path("out/page.pdf")) as pdf:
        filters = [repr(stream.get("/Filter")) for stream in pdf.objects if isinstance(stream, pikepdf.Stream)]
    assert filters and set(filters) <= {repr(pikepdf.Name.FlateDecode), repr(pikepdf.Name.DCTDecode)}, filters
