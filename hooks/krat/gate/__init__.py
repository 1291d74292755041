"""The output gate: the last stage of a build, reading everything that will be published.

Input checks (krat.content) read content field by field, and every field or form nobody listed is a hole. The gate
reads what leaves the build instead: after the public build (and the search index), before `make site` moves the
new folder over the last good site, `inspect` reads every file's name and every published byte of text (pages,
JSON, CSV, Atom, iCalendar, the sitemap, the search index decompressed) as a reader sees it
(krat.content.normalize.seen_as) and refuses the build when it finds

- the address of an item or file this build does not publish (an internal or draft record, plan or article, an
  attachment or image only they use): as a path anywhere in the text, or as a link (`href`, `src`) that resolves
  to it from the page;
- personal data the privacy guard knows (ID numbers, private phone numbers, private e-mail addresses in the
  public build; the names of the private deny-list): the published help numbers and the reviewed allow-list are
  the explicit exceptions;
- a secret-looking token (private keys, access tokens of the common hosts, a password written out).

Each finding names the content file and line that produced it where the text can be traced back
(`krat.gate.sources`), else the published file. The members' build passes the same gate for what must never be
published anywhere: drafts' addresses, ID and private phone numbers, secrets.
Theme and editor code (Material's and Pagefind's scripts, the Decap bundle) is ours, not content's: its names are
read, its bytes are not.
"""

from krat.gate.inspect import Finding, Reader, Rules, inspect, published_files, trace

__all__ = ["Finding", "Reader", "Rules", "inspect", "published_files", "trace"]
