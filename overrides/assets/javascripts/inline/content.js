// Material for MkDocs' inline script from partials/javascripts/content.html, unchanged: as a file it
// needs no 'unsafe-inline' in the Content-Security-Policy (deploy/nginx/tyopeili-headers.conf).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
