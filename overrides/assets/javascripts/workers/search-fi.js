/*
 * Finnish search: Material for MkDocs' own search worker, with every query word widened to the
 * site's words that share its base form, its Snowball stem or a compound part with it, and to the
 * handbook's word for it (data/synonyms.yml). A word that finds nothing this way is read as written
 * without the dots of ä and ö, else forgiven one typo (by Lunr.js's own edit distance), else taken
 * as a derivation of a site word that shares its beginning (resilientti → resilienssi). A query that finds nothing at all gets the site's words
 * nearest to it, which the page offers the reader (search-hint.js).
 *
 * overrides/main.html points Material at this file and names Material's worker in the URL's hash
 * (search-fi.js#search.<hash>.min.js). This file loads that worker unchanged and patches the Lunr.js
 * it exposes: each clause of a query gets extra clauses for the index terms it stands for, and a
 * result found through them counts the query word as found (no "missing" note). The vocabulary comes
 * with the index, in config.fi (handbook/search_index.py writes it with Voikko at build time).
 * Without it, search is Material's own; and if the patch cannot apply (a Material upgrade changed
 * what it hooks into) or fails on a query, Material's own search answers (tests/test_couplings.py).
 */
(function () {
  "use strict"

  var SETUP = 0                    /* Material's SearchMessageType.SETUP */
  var RESULT = 3                   /* Material's SearchMessageType.RESULT */
  var VERSION = 3                  /* config.fi.v this file reads */
  var MIN_PART = 3                 /* shortest compound part searched for on its own */
  var COMPOUND = 0.5               /* weight of a compound that has the word as a part (pohja → tapaamispohjat) */
  var PART = 0.3                   /* weight of a part of the word (ohjaajakoulutus → koulutus) */
  var PREFIX = 0.3                 /* weight of Material's own prefix match of a known word */
  var FAMILY = 0.3                 /* weight of a word derived from the same root (hinnoittelen → hinnoittelu) */
  var SYNONYM = 1                  /* weight of the handbook's word for a search word (zoom → verkkotapaaminen) */
  var TYPO = 0.5                   /* weight of a word one typo away (markkinonti → markkinointi) */
  var MIN_TYPO = 5                 /* shortest word forgiven a typo */
  var DERIVED = 0.5                /* weight of a word sharing the beginning of an unknown one */
  var MIN_SHARED = 6               /* shortest beginning shared with it (resilien-tti, resilien-ssi) */
  var SHARED = 2 / 3               /* and the least share of the unknown word it covers */
  var MAX_GUESSES = 5              /* most base forms a typo or a derivation stands for */
  var NEAR = 2                     /* edit distance of the words offered for a query that finds nothing */
  var MIN_NEAR = 4                 /* shortest query word they are looked for */
  var MAX_NEAR = 3                 /* most words offered */
  /* Question words that Lunr.js's Finnish stop words (ja, mitä, miksi…) do not include: like those,
     they say nothing of what a page is about, and "miten*" would find every heading "Miten …" */
  var QUESTION = ["miten", "kuinka", "milloin", "onko", "voiko", "voinko", "saako", "saanko", "pitääkö",
                  "täytyykö", "kannattaako", "paljonko", "montako"]
  var BOTH = ["title", "text"]
  var TEXT = ["text"]

  /* Where this file is: a worker knows its location; under the iframe-worker shim of the offline copy
     it runs as a script element, whose address the shim ends with "?<time>" */
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href
  var material = new URL(here).hash.slice(1).split("?")[0]

  /* Material's worker registers its message listener when loaded: keep it, and hand it every message
     after the vocabulary has been read and Lunr.js patched */
  var listeners = []
  var addListener = self.addEventListener.bind(self)
  self.addEventListener = function (type, listener, options) {
    if (type === "message")
      listeners.push(listener)
    else
      addListener(type, listener, options)
  }

  /* Material's worker answers with postMessage: a query that found nothing gets the nearest words
     (data.fi.near), which Material ignores and search-hint.js shows */
  var post = self.postMessage
  var nothingFound = null
  self.postMessage = function (message) {
    var near = nothingFound
    nothingFound = null
    if (near && message && message.type === RESULT && message.data && !message.data.items.length)
      message.data.fi = { near: near }
    return post.apply(self, arguments)
  }

  var vocabulary = null
  var loaded = Promise.resolve(importScripts(new URL(material, here).href))
    .then(function () { patch(self.lunr) })
    .catch(function (error) { failed(error) })

  addListener("message", function (ev) {
    if (ev.data && ev.data.type === SETUP) {
      var fi = ev.data.data.config.fi
      try {
        vocabulary = fi && fi.v === VERSION ? read(fi) : null
      } catch (error) {
        failed(error)
      }
    }
    loaded.then(function () {
      listeners.forEach(function (listener) { listener.call(self, ev) })
    })
  })

  function failed(error) {
    vocabulary = null
    console.warn("Finnish search is off, Material's own search answers: " + error)
  }

  /* ------------------------------------------------------------------------
   * Vocabulary
   * --------------------------------------------------------------------- */

  /* config.fi → lookup tables; Snowball stems are added on first use (lunr.fi is loaded by
     Material's worker during setup) */
  function read(fi) {
    var v = {
      lemma: [], forms: [], parts: [], means: [], family: [], families: new Map(), containing: [],
      byKey: new Map(), byVoikkoStem: new Map(), byStem: null, widened: new Map(), keys: null, withoutDots: null,
      endings: new Set(fi.endings ? fi.endings.split(" ") : [])
    }
    fi.rows.forEach(function (row, i) {
      var lemma = row[0]
      v.lemma.push(lemma)
      v.forms.push(words(lemma, row[1]))
      v.parts.push(row[2] || [])
      v.family.push(row[5] || 0)
      if (row[5])
        put(v.families, row[5], i)
      v.means.push(row[6] || [])
      v.containing.push([])
      var keys = [lemma, lemma.replace(/-/g, "")].concat(v.forms[i], words(lemma, row[3]))
      keys.forEach(function (key) { put(v.byKey, key, i) })
      var stems = words(lemma, row[4]).concat(v.forms[i])
      stems.forEach(function (key) { put(v.byVoikkoStem, key, i) })
    })
    v.parts.forEach(function (parts, i) {
      if (!hyphenated(v, i))
        parts.forEach(function (p) { v.containing[p].push(i) })
    })
    return v
  }

  /* Words written relative to the lemma: letters to drop from its end, then the rest
     ("tuki": "0 2en 1ea" are tuki, tuen, tukea; handbook/search_index.py, relative) */
  function words(lemma, written) {
    return written ? written.split(" ").map(function (word) {
      var cut = /^(\d*)(.*)$/.exec(word)
      return lemma.slice(0, lemma.length - Number(cut[1])) + cut[2]
    }) : []
  }

  function put(map, key, value) {
    var list = map.get(key)
    if (!list)
      map.set(key, list = [])
    if (list.indexOf(value) < 0)
      list.push(value)
  }

  function hyphenated(v, i) {
    return v.lemma[i].indexOf("-") >= 0
  }

  /* An ending seen on the site, or its pair of the other vowel harmony (sessä: sessa) */
  var HARMONY = { a: "ä", o: "ö", u: "y", "ä": "a", "ö": "o", y: "u" }
  function isEnding(v, ending) {
    return v.endings.has(ending) || v.endings.has(ending.replace(/[aouäöy]/g, function (c) { return HARMONY[c] }))
  }

  function stem(lunr, word) {
    return lunr.fi && lunr.fi.stemmer ? lunr.fi.stemmer(new lunr.Token(word)).toString() : word
  }

  /* Rows for a query word: as written on the site; else a stem Voikko found on the site plus an
     ending seen there (tue + sta → tuki); else by its Snowball stem; else as a compound of two */
  function rowsOf(lunr, v, word) {
    if (!v.byStem) {
      v.byStem = new Map()
      v.byKey.forEach(function (rows, key) {
        rows.forEach(function (i) { put(v.byStem, stem(lunr, key), i) })
      })
    }
    var rows = v.byKey.get(word)
    for (var cut = word.length - 1; !rows && cut >= MIN_PART; cut--)
      if (isEnding(v, word.slice(cut)))
        rows = v.byVoikkoStem.get(word.slice(0, cut))
    return rows || v.byStem.get(stem(lunr, word))
  }

  /* Rows for a query word; a word not on the site is tried as a compound of two: the site's compound
     with those parts if there is one (kävely + tapaamisesta → kävelytapaaminen), else the parts */
  function lookup(lunr, v, word) {
    var rows = rowsOf(lunr, v, word)
    if (rows)
      return { rows: rows, parts: [] }
    for (var cut = MIN_PART; cut <= word.length - MIN_PART; cut++) {
      var first = v.byKey.get(word.slice(0, cut))
      var rest = first && rowsOf(lunr, v, word.slice(cut))
      if (!rest)
        continue
      var compounds = []
      rest.forEach(function (r) {
        v.containing[r].forEach(function (c) {
          if (first.some(function (f) { return v.parts[c].indexOf(f) >= 0 }))
            compounds.push(c)
        })
      })
      return compounds.length
        ? { rows: compounds, parts: [] }
        : { rows: [], parts: first.concat(rest) }
    }
    return { rows: [], parts: [] }
  }

  /* Index terms a query word stands for: term → [boost, fields]. The forms of one word count as one
     term: each gets the weight of the whole group's rarity, so a rare form ("ohjaajalle") does not
     outweigh the word itself */
  function widen(lunr, index, v, word) {
    var terms = new Map()
    function add(list, weight, fields, among) {
      list = list.filter(function (term) { return term in index.invertedIndex })
      var group = rarity(index, among || list)
      list.forEach(function (term) {
        var boost = weight * group / rarity(index, [term])
        var known = terms.get(term)
        if (!known || known[0] < boost)
          terms.set(term, [boost, fields])
      })
    }
    function addRow(i, weight) {
      if (hyphenated(v, i)) {
        v.parts[i].forEach(function (p) { add(v.forms[p], weight, BOTH) })
        return
      }
      add(v.forms[i], weight, BOTH)
      /* Compounds count as rare as the word and its compounds together: "ohjaajakoulutus" is rarer
         than "ohjaaja" but must not weigh more */
      var compounds = []
      v.containing[i].forEach(function (c) { compounds = compounds.concat(v.forms[c]) })
      add(compounds, COMPOUND * weight, BOTH, compounds.concat(v.forms[i]))
      /* A part of the word in a heading says little: "tuet" in "Näin tuet tätä" for vertaistuesta */
      v.parts[i].forEach(function (p) { add(v.forms[p], PART * weight, TEXT) })
    }
    function addRows(rows, weight) {
      rows.forEach(function (i) {
        addRow(i, weight)
        v.means[i].forEach(function (m) { addRow(m, weight * SYNONYM) })
      })
    }
    var found = lookup(lunr, v, word)
    addRows(found.rows, 1)
    /* The words derived from the same root, their own forms only: hinnoittelen → hinnoittelu */
    found.rows.forEach(function (i) {
      (v.families.get(v.family[i]) || []).forEach(function (f) {
        if (found.rows.indexOf(f) < 0)
          add(v.forms[f], FAMILY, BOTH)
      })
    })
    found.parts.forEach(function (p) { add(v.forms[p], 1, BOTH) })
    add(sameStem(lunr, index, word), 1, BOTH)
    terms.known = found.rows.length > 0
    /* A word that finds nothing, not even as the beginning of a word on the site (Material's own
       match): a word of the site written without ä and ö (paatostapaaminen), else one typo away from
       one, else a derivation sharing its beginning */
    if (!terms.size && !terms.known && !startsTerm(index, word)) {
      var plain = /[äöå]/.test(word) ? null : rowsOf(lunr, withoutDots(v), word)
      var guessed = plain ? [] : typo(lunr, v, word)
      if (plain)
        addRows(plain, 1)
      else if (guessed.length)
        addRows(guessed, TYPO)
      else
        addRows(derived(lunr, v, word), DERIVED)
      terms.known = terms.size > 0
    }
    return terms
  }

  /* The vocabulary's words, stems and endings written without the dots of ä and ö and the ring of å,
     as a reader without a Finnish keyboard types them: paatostapaaminen → päätöstapaaminen,
     verovahennyksista → verovähennyksistä; rowsOf reads it as it reads the vocabulary */
  function withoutDots(v) {
    function plain(word) {
      return word.replace(/[äå]/g, "a").replace(/ö/g, "o")
    }
    function plainMap(map) {
      var plainer = new Map()
      map.forEach(function (rows, key) {
        rows.forEach(function (i) { put(plainer, plain(key), i) })
      })
      return plainer
    }
    if (!v.withoutDots)
      v.withoutDots = {
        byKey: plainMap(v.byKey), byVoikkoStem: plainMap(v.byVoikkoStem), byStem: null,
        endings: new Set(Array.from(v.endings).map(plain))
      }
    return v.withoutDots
  }

  /* The vocabulary's words (forms, base forms, keys), sorted, as a Lunr.js token set */
  function keys(lunr, v) {
    if (!v.keys) {
      var sorted = Array.from(v.byKey.keys()).sort()
      v.keys = { sorted: sorted, set: lunr.TokenSet.fromArray(sorted) }
    }
    return v.keys
  }

  /* Rows of the words within an edit distance of the word, by Lunr.js's own fuzzy matching, nearest
     first; at most MAX_GUESSES, none for a word that has too many (a short word near many others) */
  function near(lunr, v, word, distance) {
    var rows = []
    for (var d = 1; d <= distance && !rows.length; d++) {
      var found = keys(lunr, v).set.intersect(lunr.TokenSet.fromFuzzyString(word, d)).toArray()
      found.forEach(function (key) {
        v.byKey.get(key).forEach(function (i) {
          if (rows.indexOf(i) < 0)
            rows.push(i)
        })
      })
    }
    return rows.length <= MAX_GUESSES ? rows : []
  }

  function typo(lunr, v, word) {
    return word.length >= MIN_TYPO ? near(lunr, v, word, 1) : []
  }

  /* Rows of the words that share the longest beginning with the word, of at least MIN_SHARED letters
     and two thirds of it: resilientti → resilienssi, reflektio → reflektoiva */
  function derived(lunr, v, word) {
    var sorted = keys(lunr, v).sorted
    for (var cut = word.length - 1; cut >= Math.max(MIN_SHARED, Math.ceil(word.length * SHARED)); cut--) {
      var rows = []
      startingWith(sorted, word.slice(0, cut)).forEach(function (key) {
        v.byKey.get(key).forEach(function (i) {
          if (rows.indexOf(i) < 0 && v.forms[i].length)
            rows.push(i)
        })
      })
      if (rows.length)
        return rows.length <= MAX_GUESSES ? rows : []
    }
    return []
  }

  /* Where a prefix would stand in a sorted list: the first of the words that start with it, if any */
  function firstFrom(sorted, prefix) {
    var low = 0, high = sorted.length
    while (low < high) {
      var mid = (low + high) >> 1
      if (sorted[mid] < prefix)
        low = mid + 1
      else
        high = mid
    }
    return low
  }

  /* The words of a sorted list that start with a prefix */
  function startingWith(sorted, prefix) {
    var found = []
    for (var i = firstFrom(sorted, prefix); i < sorted.length && sorted[i].lastIndexOf(prefix, 0) === 0; i++)
      found.push(sorted[i])
    return found
  }

  /* Whether an index term starts with the word: Material's own query ("word*") finds something */
  var indexTerms = new WeakMap()
  function startsTerm(index, word) {
    if (!indexTerms.has(index))
      indexTerms.set(index, Object.keys(index.invertedIndex).sort())
    var sorted = indexTerms.get(index)
    var i = firstFrom(sorted, word)
    return i < sorted.length && sorted[i].lastIndexOf(word, 0) === 0
  }

  /* Base forms to offer for the words of a query that found nothing */
  function nearest(lunr, v, words) {
    var offered = []
    words.forEach(function (word) {
      if (word.length >= MIN_NEAR)
        near(lunr, v, word, NEAR).forEach(function (i) {
          var shown = v.forms[i].length ? v.lemma[i] : v.means[i].length ? v.lemma[v.means[i][0]] : null
          if (shown && offered.indexOf(shown) < 0 && !hyphenated(v, i))
            offered.push(shown)
        })
    })
    return offered.slice(0, MAX_NEAR)
  }

  /* Lunr.js's inverse document frequency of a set of terms taken as one */
  var counts = new WeakMap()
  function rarity(index, list) {
    if (!counts.has(index))
      counts.set(index, Object.keys(index.fieldVectors).filter(function (ref) {
        return ref.indexOf("text/") === 0
      }).length)
    var docs = new Set()
    list.forEach(function (term) {
      var posting = index.invertedIndex[term] || {}
      Object.keys(posting).forEach(function (field) {
        if (field !== "_index")
          Object.keys(posting[field]).forEach(function (ref) { docs.add(field + "/" + ref) })
      })
    })
    var total = counts.get(index)
    return Math.log(1 + Math.abs((total - docs.size + 0.5) / (docs.size + 0.5)))
  }

  /* Index terms with the query word's Snowball stem: words Voikko does not know */
  var stems = new WeakMap()
  function sameStem(lunr, index, word) {
    var map = stems.get(index)
    if (!map) {
      stems.set(index, map = new Map())
      Object.keys(index.invertedIndex).forEach(function (term) {
        if (term.length >= MIN_PART)
          put(map, stem(lunr, term), term)
      })
    }
    return word.length >= MIN_PART ? map.get(stem(lunr, word)) || [] : []
  }

  /* ------------------------------------------------------------------------
   * Lunr.js
   * --------------------------------------------------------------------- */

  function patch(lunr) {
    var query = lunr.Index.prototype.query
    lunr.Index.prototype.query = function (fn) {
      try {
        return widenedQuery.call(this, fn)
      } catch (error) {
        if (error instanceof lunr.QueryParseError)
          throw error                  /* the reader's query, which Material reports itself */
        /* A query that Lunr.js cannot answer either (a word typed up to its hyphen, "me-") fails here
           as it would without this file, and Material answers it with nothing; only a query that
           Lunr.js answers alone shows that the patch is at fault */
        var results = query.call(this, fn)
        failed(error)
        return results
      }
    }

    function widenedQuery(fn) {
      var index = this
      var v = vocabulary
      var widened = new Map()
      var words = []
      var dropped = []
      var results = query.call(this, function (q) {
        fn.call(q, q)
        if (!v)
          return
        /* Stop words and question words are left out of a query that has other words: as Material
           makes each word a prefix, "ja" would find "jatkuvuus" and "jakaminen" */
        var optional = q.clauses.filter(function (clause) {
          return clause.presence === lunr.Query.presence.OPTIONAL
        })
        var subject = optional.filter(function (clause) { return !functionWord(lunr, bare(clause.term)) })
        if (subject.length && subject.length < optional.length)
          q.clauses = q.clauses.filter(function (clause) {
            var leave = optional.indexOf(clause) >= 0 && subject.indexOf(clause) < 0
            if (leave)
              dropped.push(bare(clause.term))
            return !leave
          })
        q.clauses.slice().forEach(function (clause) {
          if (clause.presence === lunr.Query.presence.PROHIBITED)
            return
          var word = bare(clause.term)
          words.push(word)
          var terms = v.widened.get(word)
          if (!terms)
            v.widened.set(word, terms = widen(lunr, index, v, word))
          if (!terms.size)
            return
          /* A word the vocabulary knows: its forms and compounds are all there, so the word's
             beginning alone (Material's "ohjaaja*" → ohjaajakoulutus) counts for less */
          var boost = clause.boost
          if (terms.known)
            clause.boost *= PREFIX
          widened.set(word, terms)
          terms.forEach(function (how, term) {
            q.term(term, {
              fields: how[1],
              boost: how[0] * boost,
              usePipeline: false,
              wildcard: lunr.Query.wildcard.NONE,
              presence: lunr.Query.presence.OPTIONAL
            })
          })
        })
      })

      if (v && !results.length)
        nothingFound = nearest(lunr, v, words)

      /* Material marks a query word missing unless a matched term starts with it */
      results.forEach(function (result) {
        var metadata = result.matchData.metadata
        widened.forEach(function (terms, word) {
          if (!(word in metadata) && Object.keys(metadata).some(function (term) { return terms.has(term) }))
            metadata[word] = {}
        })
        dropped.forEach(function (word) {
          if (!(word in metadata))
            metadata[word] = {}
        })
      })
      return results
    }
  }

  /* A query word without Material's wildcards */
  function bare(term) {
    return term.replace(/^\*|\*$/g, "")
  }

  function functionWord(lunr, word) {
    return QUESTION.indexOf(word) >= 0 || Boolean(lunr.fi && lunr.fi.stopWordFilter && !lunr.fi.stopWordFilter(word))
  }
})()
