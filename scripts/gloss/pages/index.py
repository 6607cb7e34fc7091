"""The home page and the A–Z page."""

from __future__ import annotations

from ..escape import front_matter, md
from ..model import Site
from ..paths import A_Z, HOME, SOURCES_INDEX, WALK, letter_anchor, link_to
from .common import az_index, letters

HOME_INDEX_LIMIT = 500  # up to this many terms the home page lists them all with gists


def a_z_page(site: Site) -> str:
    linked = site.linked
    return (
        front_matter(
            {
                "title": "A–Z",
                "description": f"All {len(linked.terms)} terms of the glossary from A to Z, each with its gist.",
                "search": {"exclude": True},
            }
        )
        + "# A–Z\n\n"
        + az_index(linked, A_Z, "##")
    )


def home_page(site: Site) -> str:
    linked = site.linked
    glossary = linked.glossary
    stops = sum(len(walk.stops) for walk in glossary.walks)
    out = [
        front_matter(
            {
                "title": "Home",
                "description": "A deep-learning glossary built from one learner's notes: one page per term, linked to related terms, with a house walk to rehearse them.",
            }
        ),
        f"# {md(site.settings.site_name)}\n\n",
        "A glossary of deep-learning terms grown from one learner's notes. Every term has one page that gathers what each note "
        "says of it, credited to the note, with links to the terms it mentions and the terms that mention it. "
        f"The learner memorised the terms along a walk through their home: the [house walk]({link_to(HOME, WALK)}) lists them in walking order.\n\n",
        f"**{len(linked.terms)} terms** from **{len(glossary.notes)} notes**, **{linked.link_count} links** between them, "
        f"**{stops} stops** on **{len(glossary.walks)} walk{'s' if len(glossary.walks) != 1 else ''}**.\n\n",
        f"- [House walk]({link_to(HOME, WALK)}): the terms in walking order, locus by locus\n",
        f"- [A–Z]({link_to(HOME, A_Z)}): every term with its gist\n",
        f"- [Sources]({link_to(HOME, SOURCES_INDEX)}): the notes the glossary is built from\n",
        "- [Benchmarks](benchmarks.md): how the build and search scale\n\n",
        "## A–Z index { data-search-exclude }\n\n",
    ]
    if len(linked.terms) <= HOME_INDEX_LIMIT:
        out.append(az_index(linked, HOME, None))
    else:
        # A home page that repeats thousands of gists weighs megabytes: link the letters instead.
        out.append(
            " · ".join(f"[{md(c, start=False)}]({link_to(HOME, A_Z)}#{letter_anchor(c)})" for c in letters(linked))
            + f"\n\nAll {len(linked.terms)} terms with their gists are on the [A–Z]({link_to(HOME, A_Z)}) page.\n"
        )
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    return {HOME: home_page(site), A_Z: a_z_page(site)}
