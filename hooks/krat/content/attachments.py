"""Attachments: the documents a record declares under `attachments:`, checked and given the visibility of the record.

A target is either an http(s) address, or the name of a file inside the record's own folder
(`content/takime/<qark>/<vit>/`, sub-folders allowed, no `..`, no other scheme). A file is published only when a
published record declares it, so a PDF of an internal record reaches the members' build only; a file in the
content tree that no record declares stops the build (`krat.content.inventory` lists the candidates).
"""

import posixpath
from urllib.parse import unquote, urlsplit

from krat.content.inventory import ContentFile
from krat.content.problems import Problem
from krat.content.records import Record

WEB_SCHEMES = ("http", "https")
TARGET_HINT = "shkruani një adresë që nis me https:// ose emrin e një skedari në dosjen e procesverbalit"


def resolve_attachments(records: list[Record], files: dict[str, ContentFile]) -> list[Problem]:
    """Give each attachment its `href` (an http(s) address, or the file's site path with `path` set); return a
    problem for every target that is neither, and for every file of the content tree no record declares."""
    problems, claimed = [], set()
    for record in records:
        folder = posixpath.dirname(record.src_uri)
        for index, attachment in enumerate(record.attachments):
            line = record.lines.get(("attachments", index, "url"), record.lines.get(("attachments", index), 1))
            message = _resolve(attachment, folder, files)
            if message:
                problems.append(Problem(record.path, line, f"attachments.{index}.url", message))
            elif attachment["path"]:
                claimed.add(attachment["path"])
    for src_uri, file in files.items():
        if src_uri not in claimed:
            message = (
                "asnjë procesverbal nuk e deklaron këtë skedar; shtojeni te 'attachments' i procesverbalit në të "
                "njëjtën dosje (url: emri i skedarit), ose hiqeni"
            )
            problems.append(Problem(file.shown, 1, "skedari", message))
    return problems


def _resolve(attachment: dict, folder: str, files: dict[str, ContentFile]) -> str:
    """Set `href` and `path` on `attachment`; return why its target is refused, or ''."""
    target = attachment["url"]
    attachment["href"], attachment["path"] = "", ""
    parts = urlsplit(target)
    if parts.scheme or target.startswith(("/", "\\")) or "\\" in target:
        if parts.scheme.lower() in WEB_SCHEMES and parts.netloc:
            attachment["href"] = target
            return ""
        return f"'{target}' nuk lejohet si shtojcë; {TARGET_HINT}"
    name = unquote(parts.path)
    if parts.query or parts.fragment or not name or posixpath.normpath(name) != name or name.startswith(".."):
        return (
            f"'{target}' nuk është emër skedari brenda dosjes së procesverbalit (pa '..', '?' ose '#'); {TARGET_HINT}"
        )
    path = f"{folder}/{name}"
    if path not in files:
        return f"skedari '{name}' nuk gjendet te content/{folder}/ (ose nuk lejohet si shtojcë)"
    attachment["href"] = attachment["path"] = path
    return ""


def published_attachments(records: list[Record]) -> set[str]:
    """The content files that the given (published) records declare."""
    return {attachment["path"] for record in records for attachment in record.attachments if attachment["path"]}


def shared_attachments(published: list[Record], withheld: list[Record]) -> list[Problem]:
    """A problem for every file that a published record declares and a record this build leaves out declares
    too: the file belongs to material that is not published (its name or its pages may say what it was about),
    so the published record must declare a copy of its own."""
    withheld_files = published_attachments(withheld)
    problems = []
    for record in published:
        for index, attachment in enumerate(record.attachments):
            if attachment["path"] and attachment["path"] in withheld_files:
                line = record.lines.get(("attachments", index, "url"), record.lines.get(("attachments", index), 1))
                message = (
                    f"skedari '{attachment['url']}' deklarohet edhe nga një material që nuk publikohet (i brendshëm "
                    "ose draft); vendosni për këtë procesverbal një kopje me emër tjetër"
                )
                problems.append(Problem(record.path, line, f"attachments.{index}.url", message))
    return problems
