{#- Cover of the whole handbook printed as one document (print_page/, mkdocs-print-site-plugin).
    The plugin renders this without autoescaping, so every value from mkdocs.yml is escaped with |e. -#}
<div class="tp-cover">
<p class="tp-cover__title">{{ config.site_name | e }}</p>
<p class="tp-cover__lead">{{ config.site_description | e }}</p>
<p>{{ config.extra.publisher.name | e }}</p>
<p>{{ config.extra.funding | e }}</p>
<p>{{ config.copyright | e }}</p>
<p>Verkossa: {{ config.site_url | e }}</p>
</div>
