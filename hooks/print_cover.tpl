{#- Cover of the whole handbook printed as one document (print_page/, mkdocs-print-site-plugin).
    The plugin renders this without autoescaping, so every value from mkdocs.yml is escaped with |e.
    The edition is the version `make dist` names its archive by and the date of the last commit
    (hooks/print_page.py); without git history the cover has none. -#}
<div class="tp-cover">
<p class="tp-cover__title">{{ config.site_name | e }}</p>
<p class="tp-cover__lead">{{ config.site_description | e }}</p>
{% if config.extra.edition %}
<p class="tp-cover__edition">Versio <code>{{ config.extra.edition.version | e }}</code>, päivitetty {{ config.extra.edition.date | e }}</p>
{% endif %}
<p>{{ config.extra.publisher.name | e }}</p>
<p>Verkossa: {{ config.site_url | e }}</p>
<p>{{ config.extra.funding | e }}</p>
<p>{{ config.copyright | e }}</p>
</div>
