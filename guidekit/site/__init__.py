"""Cross-page artefacts, computed once from the data of every page, by functions that know no builder.

- ``reporting``: ``docs/PAGE.md:LINE`` messages and the site-wide checklist-id check;
- ``review``: the review-date rules of ``extra.review``;
- ``artefacts``: the page facts, citation metadata, "Cite this page" and the exports;
- ``generated``: what ``python -m guidekit prepare`` writes for a builder without hooks;
- ``prepare``: that command (Zensical), which renders every page with the site's extensions.

Under MkDocs, ``hooks/`` collect the same page facts during the build and call
the same functions; under Zensical, which runs Markdown extensions but no hooks,
``prepare`` runs before the build.
"""
