"""`python build.py import reply|register …`: the files staff receive, turned into entries."""
from __future__ import annotations


def add_arguments(parser, content_default: str) -> None:
    from . import register, reply

    kinds = parser.add_subparsers(dest="source", required=True, metavar="{reply,register}")
    reply.add_arguments(kinds.add_parser("reply", help="答复函（.docx / .pdf / .ofd）→ 答复条目 / a reply letter"),
                        content_default)
    register.add_arguments(kinds.add_parser("register", help="提案登记表（.xlsx / .csv）→ 提案条目 / a register"),
                           content_default)


def run(args) -> int:
    from . import register, reply

    return (reply if args.source == "reply" else register).run(args)
