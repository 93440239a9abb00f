"""robots.txt for a site published under a sub-path of a host."""

from __future__ import annotations


def robots_txt(site_url: str) -> str:
    """Crawlers read only the host's own robots.txt: these lines are to be copied there."""
    base = site_url.rstrip("/") + "/"
    path = "/" + base.split("://", 1)[-1].split("/", 1)[-1]
    return (
        f"# Työpeili-käsikirja: {base}\n"
        "# Hakukoneet lukevat robots.txt-tiedoston vain palvelimen juuresta. Lisää nämä rivit\n"
        "# palvelimen omaan robots.txt-tiedostoon, jos käsikirja julkaistaan alipolussa.\n"
        "User-agent: *\n"
        f"Allow: {path}\n"
        f"Sitemap: {base}sitemap.xml\n"
    )
