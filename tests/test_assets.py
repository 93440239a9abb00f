"""What the site's own assets leave out of what a reader downloads (handbook/assets.py), and what they keep."""

from __future__ import annotations

from handbook.assets import without_indentation, without_named_colours


def test_indentation_goes_but_preformatted_text_code_and_inline_scripts_keep_theirs():
    page = ("<body>\n    <p>Teksti\n      jatkuu</p>\n\n  <pre>  a\n    b</pre>\n  <code>x\n  y</code>\n"
            "  <textarea>\n  rivi</textarea>\n  <script>if (a)\n    b()</script>\n  <style>p {\n  color: red }</style>\n</body>")
    assert without_indentation(page) == (
        "<body>\n<p>Teksti\njatkuu</p>\n<pre>  a\n    b</pre>\n<code>x\n  y</code>\n"
        "<textarea>\n  rivi</textarea>\n<script>if (a)\n    b()</script>\n<style>p {\n  color: red }</style>\n</body>")


def test_palette_keeps_its_schemes_and_drops_rules_of_named_colours_only():
    palette = ("@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
               "[data-md-color-scheme=slate][data-md-color-primary=indigo]{--x:1}}"
               "[data-md-color-primary=red],[data-md-color-accent=red]{--md-primary-fg-color:red}"
               "[data-md-color-primary=red],.md-header{--y:2}"
               "@media print{[data-md-color-accent=pink]{--z:3}}")
    assert without_named_colours(palette) == (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}}"
        "[data-md-color-primary=red],.md-header{--y:2}")
