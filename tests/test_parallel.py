"""--jobs: files checked in several processes give exactly the serial run's output."""
import subprocess
import sys

from conftest import REPO, SEEDS


def test_parallel_output_is_identical_to_serial(tmp_path):
    sources = sorted(SEEDS.glob("*.txt")) or [REPO / "samples" / "national-security-study.en.md"]
    for i in range(6):
        for source in sources:
            (tmp_path / f"{i}-{source.name}").write_bytes(source.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "same-concept.md").write_text("A sense of fulfillment.\n", encoding="utf-8")
    runs = [
        subprocess.run([sys.executable, "-m", "termcheck", "lint", "--format", "json", *jobs, str(tmp_path)],
                       capture_output=True, text=True)
        for jobs in ([], ["--jobs", "2"])
    ]
    assert runs[0].returncode == runs[1].returncode == 2
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr == runs[1].stderr
    assert '"rule": "TC101"' in runs[0].stdout
