"""Entry point for ``spark-submit``: the arguments are those of ``newstrace spark analyze``.

    spark-submit --master spark://HOST:7077 "$(python -c 'import newstrace.spark.submit as m; print(m.__file__)')" \
        /shared/crawl/ --out /shared/out --near-duplicates
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from newstrace.cli import cli

    cli(["spark", "analyze", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
