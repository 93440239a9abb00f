/*
 * Search loads when the reader first uses it. Material's bundle fetches the search index and starts
 * its worker as soon as a page opens, so a first visit carried the whole index although most
 * readers never search. This file runs just before the bundle (hooks/assets.py puts it first in the
 * site's script file, which overrides/main.html links before the bundle) and
 * - takes the search form's name away, which is how the bundle decides to fetch the index itself,
 * - hands the bundle a stand-in for its search worker: the real worker starts, and gets the index
 *   in Material's setup message, when the search box first gets focus ("/" and a click on the
 *   search icon focus it too); until then the bundle's messages wait in the stand-in.
 * A page opened from a search result (?h=…) is left as Material made it: it marks the searched words
 * with the index, which the reader has already loaded.
 */
(function () {
  "use strict"

  var SETUP = 0                          /* Material's SearchMessageType.SETUP */
  var form = document.forms.namedItem("search")
  var config = JSON.parse(document.getElementById("__config").textContent)
  if (!form || !window.Worker || new URLSearchParams(location.search).has("h"))
    return
  form.removeAttribute("name")

  /* The index as Material reads it: over HTTP, or from the file system as a script (offline copy) */
  function index() {
    var base = new URL(config.base, location.href)
    if (location.protocol !== "file:")
      return fetch(new URL("search/search_index.json", base)).then(function (response) {
        return response.json()
      })
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = new URL("search/search_index.js", base).href
      script.onload = function () { resolve(window.__index) }
      script.onerror = reject
      document.head.appendChild(script)
    })
  }

  var Native = window.Worker
  window.Worker = function (url, options) {
    if (String(url) !== config.search)
      return new Native(url, options)
    var standIn = new EventTarget()
    var waiting = []
    var worker = null
    standIn.postMessage = function (message) {
      if (worker)
        worker.postMessage(message)
      else
        waiting.push(message)
    }
    standIn.terminate = function () {
      if (worker)
        worker.terminate()
    }
    function start() {
      if (worker)
        return
      worker = new Native(url, options)
      worker.addEventListener("message", function (ev) {
        standIn.dispatchEvent(new MessageEvent("message", { data: ev.data }))
      })
      index().then(function (data) {
        worker.postMessage({ type: SETUP, data: {
          config: data.config,
          docs: data.docs,
          options: { suggest: config.features.indexOf("search.suggest") >= 0 }
        } })
        waiting.splice(0).forEach(function (message) { worker.postMessage(message) })
      })
    }
    form.elements.namedItem("query").addEventListener("focus", start, { once: true })
    return standIn
  }
})()
