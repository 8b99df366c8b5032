"""What a built data package looks like on disk, shared by ``write/``, ``validate/``, ``diff``
and ``check``: the file layout (:mod:`.layout`), the CSV codec (:mod:`.codec`), the rules for
paths a descriptor may name (:mod:`.paths`) and release bundles (:mod:`.bundle`). It imports
nothing from those users, so none of them imports another to learn a file name, a dialect or a
path rule.
"""
