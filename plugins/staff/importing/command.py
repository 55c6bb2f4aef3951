"""`python build.py import reply|register …`: the files staff receive, turned into entries."""
from __future__ import annotations


def add_arguments(parser, content_default: str) -> None:
    from . import reply

    kinds = parser.add_subparsers(dest="source", required=True, metavar="{reply,register}")
    reply.add_arguments(kinds.add_parser("reply", help="答复函（.docx / .pdf）→ 答复条目 / a reply letter"),
                        content_default)
    try:
        from . import register
    except ImportError:  # not written yet
        return
    register.add_arguments(kinds.add_parser("register", help="提案登记表（.xlsx / .csv）→ 提案条目 / a register"),
                           content_default)


def run(args) -> int:
    if args.source == "reply":
        from . import reply

        return reply.run(args)
    from . import register

    return register.run(args)
