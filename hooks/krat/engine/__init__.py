"""Engine: the only package that imports MkDocs or Material.

`adapter` turns MkDocs events (called from hooks/site.py) into calls on the domain, holding one `Build` object per
build; `preview` keeps `make serve` fast by deleting only the output an edit changes; `csp` puts a
Content-Security-Policy on every page, hashing the theme's own inline scripts.
"""
