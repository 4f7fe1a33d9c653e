"""How the nightly run cuts its work into tasks."""

from flows.discover import SourceFile
from flows.nightly import MIN_BATCH_SIZE, _batches


def _files(count: int) -> list[SourceFile]:
    return [SourceFile(f"f{n:05d}.pdf", "0" * 64, 1) for n in range(count)]


def test_batches_cover_every_file_once_in_order_and_shrink_towards_the_end() -> None:
    files = _files(3500)
    batches = _batches(files, 200, 2)
    assert [f for batch in batches for f in batch] == files
    sizes = [len(batch) for batch in batches]
    assert sizes[0] == 200 and max(sizes) == 200
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-2] == MIN_BATCH_SIZE and sizes[-1] <= MIN_BATCH_SIZE
    assert len(batches) < 3500 / 50  # few tasks: each costs Prefect time


def test_a_small_export_is_one_small_batch_per_few_files() -> None:
    assert [len(b) for b in _batches(_files(25), 200, 2)] == [10, 10, 5]
    assert _batches([], 200, 2) == []
