// Material for MkDocs' inline script from partials/javascripts/content.html, unchanged: as a file it
// needs no 'unsafe-inline' in the Content-Security-Policy (deploy/nginx/tyopeili-headers.conf).
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
