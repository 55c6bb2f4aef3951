"""staff/progress.py: the writer signals a batch of reused files once (gongkai_build/writer.py);
the last line still counts every file of the new site."""
import io
import itertools

from staff.progress import Progress


def test_a_batch_signal_counts_each_of_its_files_in_the_last_line():
    out = io.StringIO()
    ticks = itertools.count()
    progress = Progress(out, clock=lambda: float(next(ticks)))  # each draw a second later
    progress.total = 500
    progress.page_written(reused=True, count=447)  # one signal for a batch of linked files
    progress.page_written(reused=False, count=50)
    progress.page_written(rel="feeds/all.atom.xml", reused=False)  # a single file
    progress.summary()
    assert "共 498 个文件（新生成 51，沿用上次 447）" in out.getvalue()
