"""Site: what the pages show, computed from the catalog.

Which pages the build generates and the documented context object each template receives (`pages`), the
awareness groupings (`awareness`), the archive's and search's facets (`facets`), the pictures drawn as inline SVG
(`charts`, and the map's shapes, `geomap`, from the Natural Earth extract `qarqet.geojson`), the search index
(`search`, Pagefind) and the one HTML allow-list every page's rendered Markdown passes through (`sanitize`). Plain
Python: the engine hands these to MkDocs.
"""
