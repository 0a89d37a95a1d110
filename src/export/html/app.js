// actorgraph's HTML view. Reads the JSON data block written by `actorgraph export -f html`
// and draws it with cytoscape.js. Every dataset string reaches the page through
// textContent or a canvas label, never as markup; only http(s) URLs become links.
// Dates are never evaluated here: the time slices were computed by actorgraph's filter.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('actorgraph-data').textContent);
  var orgs = data.orgs, edges = data.edges, types = data.types, sources = data.sources;
  var time = data.time || null;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function isHttpUrl(u) { return typeof u === 'string' && /^https?:\/\/[^\s\/?#]+[^\s]*$/i.test(u); }
  function orgLabel(o) { return o.short || o.name; }
  function displayName(o) { return o.short && o.short !== o.name ? o.name + ' (' + o.short + ')' : o.name; }

  var orgIndex = new Map(), edgeIndex = new Map(), sourceIndex = new Map();
  orgs.forEach(function (o, i) { orgIndex.set(o.id, i); });
  edges.forEach(function (e, i) { if (e.id) edgeIndex.set(e.id, i); });
  sources.forEach(function (s, i) { sourceIndex.set(s.id, i); });
  var degree = new Array(orgs.length).fill(0);
  edges.forEach(function (e) { degree[e.from]++; degree[e.to]++; });
  var maxDegree = Math.max(1, Math.max.apply(null, degree.concat([1])));

  // ---- state -------------------------------------------------------------------------
  var state = {
    year: null, focus: null, depth: 1, hidden: new Set(), hideDisputed: false,
    according: null, selected: null
  };
  //#graded
  // The grade minimums of `--min-reliability` and `--min-credibility`; null is any.
  state.minReliability = null; state.minCredibility = null;
  //#end
  var visibleOrg = new Array(orgs.length).fill(true);
  var edgeState = new Array(edges.length).fill(1);

  // ---- time slices -------------------------------------------------------------------
  function sliceOf(year) {
    var ys = time.years, lo = 0, hi = ys.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (ys[mid] <= year) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at;
  }
  function orgAliveAt(t, slice) {
    var alive = false;
    for (var k = 0; k < t.length && t[k] <= slice; k++) alive = !alive;
    return alive;
  }
  function edgeStateAt(t, slice) {
    var s = 0;
    for (var k = 0; k < t.length && t[k] <= slice; k += 2) s = t[k + 1];
    return s;
  }

  //#graded
  // ---- grades (the Admiralty code) ---------------------------------------------------
  // The rule of `--min-reliability` and `--min-credibility`: an edge stays when one of
  // its supporting citations meets both minimums. A missing grade, and F or 6 ("cannot
  // be judged"), meets no minimum.
  function reliabilityMeets(r, min) { return min === null || (typeof r === 'string' && r !== 'F' && r <= min); }
  function credibilityMeets(c, min) { return min === null || (typeof c === 'number' && c !== 6 && c <= min); }
  function gradesMet(e) {
    if (state.minReliability === null && state.minCredibility === null) return true;
    return e.sources.some(function (c) {
      return reliabilityMeets(sources[c.source].reliability, state.minReliability) &&
        credibilityMeets(c.credibility, state.minCredibility);
    });
  }

  //#end
  // ---- colours -----------------------------------------------------------------------
  function safeColor(c) {
    return typeof c === 'string' && window.CSS && CSS.supports('color', c) ? c : '#666666';
  }
  var typeColor = types.map(function (t) { return safeColor(t.color); });

  // ---- the drawing -------------------------------------------------------------------
  var big = edges.length > 4000;
  function edgeLabel(e) {
    var t = types[e.type];
    var s = t.label + (e.disputed_by ? ' (disputed)' : '');
    return e.when ? s + '\n' + e.when : s;
  }
  var elements = [];
  orgs.forEach(function (o, i) {
    elements.push({
      group: 'nodes',
      data: { id: 'n' + i, label: orgLabel(o), size: 12 + 24 * Math.sqrt(degree[i] / maxDegree) },
      position: { x: o.x, y: o.y }
    });
  });
  edges.forEach(function (e, i) {
    var t = types[e.type];
    var classes = [t.style];
    if (t.directed) classes.push('directed');
    if (e.disputed_by) classes.push('disputed');
    elements.push({
      group: 'edges',
      data: { id: 'e' + i, source: 'n' + e.from, target: 'n' + e.to, color: typeColor[e.type], label: edgeLabel(e) },
      classes: classes.join(' ')
    });
  });

  var style = [
    { selector: 'node', style: {
      'width': 'data(size)', 'height': 'data(size)', 'background-color': '#8fa8c8',
      'border-width': 1, 'border-color': '#4a5d78', 'label': 'data(label)', 'font-size': 12,
      'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': '220px',
      'min-zoomed-font-size': 8, 'color': '#222',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.7, 'text-background-padding': '1px'
    } },
    { selector: 'edge', style: {
      'width': 2, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
      'curve-style': 'bezier', 'control-point-step-size': 36, 'arrow-scale': 0.9,
      'font-size': 11, 'text-wrap': 'wrap', 'color': 'data(color)', 'min-zoomed-font-size': 7,
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '2px'
    } },
    { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle' } },
    { selector: 'edge.bold', style: { 'width': 4 } },
    { selector: 'edge.dashed', style: { 'line-style': 'dashed' } },
    { selector: 'edge.dotted', style: { 'line-style': 'dotted' } },
    { selector: 'edge.possible', style: { 'opacity': 0.4, 'width': 1 } },
    { selector: 'edge.disputed', style: {
      'line-style': 'dashed', 'line-dash-pattern': [9, 5], 'width': 4,
      'underlay-color': '#ffd400', 'underlay-opacity': 0.6, 'underlay-padding': 4,
      'label': 'data(label)', 'color': '#b00000', 'font-weight': 'bold', 'font-size': 12, 'z-index': 10
    } },
    { selector: 'edge.hover, edge:selected', style: { 'label': 'data(label)', 'z-index': 20 } },
    { selector: 'edge:selected', style: { 'width': 5, 'overlay-color': '#1a73e8', 'overlay-opacity': 0.15, 'overlay-padding': 4 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1a73e8', 'background-color': '#1a73e8' } },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#b00000' } },
    { selector: '.hidden', style: { 'display': 'none' } }
  ];
  if (big) {
    // Straight "haystack" lines draw many times faster than curves; parallel edges then
    // share one line, and arrows sit at mid-line.
    // Labels appear once zoomed in: thousands of them overlap at the whole-network zoom,
    // and drawing them slowed the first frame by a fifth.
    style.push({ selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'width': 1, 'min-zoomed-font-size': 14 } });
    style.push({ selector: 'node', style: { 'min-zoomed-font-size': 14 } });
    style.push({ selector: 'edge.directed', style: { 'target-arrow-shape': 'none', 'mid-target-arrow-shape': 'triangle', 'arrow-scale': 0.6 } });
    style.push({ selector: 'edge.disputed', style: { 'width': 2, 'underlay-padding': 2 } });
  }

  // The viewport that shows every organization, from the positions alone (asking
  // cytoscape to fit would measure every edge and label first).
  function viewportFor(indices) {
    var box = $('graph'), w = box.clientWidth || 800, h = box.clientHeight || 600, pad = 50;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    indices.forEach(function (i) {
      minX = Math.min(minX, orgs[i].x); maxX = Math.max(maxX, orgs[i].x);
      minY = Math.min(minY, orgs[i].y); maxY = Math.max(maxY, orgs[i].y);
    });
    if (!indices.length) return { zoom: 1, pan: { x: w / 2, y: h / 2 } };
    var zoom = Math.min((w - 2 * pad) / Math.max(maxX - minX, 1), (h - 2 * pad) / Math.max(maxY - minY, 1), 1.5);
    zoom = Math.max(zoom, 0.01);
    return { zoom: zoom, pan: { x: w / 2 - zoom * (minX + maxX) / 2, y: h / 2 - zoom * (minY + maxY) / 2 } };
  }
  var everyone = orgs.map(function (o, i) { return i; });
  var start = viewportFor(everyone);

  // When the first frame was drawn, and when the drawing became interactive (cytoscape's
  // first render); the page's tests and bench/html.sh read them. A frame is marked once.
  function markFrame(name) {
    if (!document.documentElement.hasAttribute(name)) {
      document.documentElement.setAttribute(name, String(Math.round(performance.now())));
    }
  }

  // A big network's first frame: every edge and organization drawn at once on a plain
  // canvas (one path per relation colour), shown while cytoscape builds the interactive
  // drawing, which then replaces it. Styled as cytoscape draws big networks: straight
  // lines, disputed edges thicker and dashed on a halo, possibly active ones faint.
  function drawPreview(view) {
    var box = $('graph'), w = box.clientWidth || 800, h = box.clientHeight || 600;
    var ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement('canvas');
    canvas.id = 'graph-preview';
    canvas.setAttribute('aria-hidden', 'true');
    canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    canvas.style.cssText = 'position:absolute;left:0;top:0;width:' + w + 'px;height:' + h + 'px';
    box.appendChild(canvas);
    var g = canvas.getContext('2d');
    g.setTransform(ratio * view.zoom, 0, 0, ratio * view.zoom, ratio * view.pan.x, ratio * view.pan.y);
    function strokeEdges(pick, width, alpha, dash) {
      types.forEach(function (t, k) {
        g.beginPath();
        edges.forEach(function (e) {
          if (e.type !== k || !pick(e)) return;
          g.moveTo(orgs[e.from].x, orgs[e.from].y);
          g.lineTo(orgs[e.to].x, orgs[e.to].y);
        });
        g.strokeStyle = typeColor[k]; g.globalAlpha = alpha;
        g.lineWidth = width / view.zoom; g.setLineDash(dash.map(function (d) { return d / view.zoom; }));
        g.stroke();
      });
    }
    strokeEdges(function (e) { return e.possibly && !e.disputed_by; }, 1, 0.4, []);
    strokeEdges(function (e) { return !e.possibly && !e.disputed_by; }, 1, 1, []);
    g.beginPath();
    edges.forEach(function (e) {
      if (!e.disputed_by) return;
      g.moveTo(orgs[e.from].x, orgs[e.from].y);
      g.lineTo(orgs[e.to].x, orgs[e.to].y);
    });
    g.strokeStyle = '#ffd400'; g.globalAlpha = 0.6; g.lineWidth = 6 / view.zoom; g.setLineDash([]);
    g.stroke();
    strokeEdges(function (e) { return e.disputed_by; }, 2, 1, [9, 5]);
    g.setLineDash([]); g.globalAlpha = 1;
    g.fillStyle = '#8fa8c8'; g.strokeStyle = '#4a5d78'; g.lineWidth = 1 / view.zoom;
    orgs.forEach(function (o, i) {
      g.beginPath();
      g.arc(o.x, o.y, (12 + 24 * Math.sqrt(degree[i] / maxDegree)) / 2, 0, 2 * Math.PI);
      g.fill(); g.stroke();
    });
    // Marked in a task queued from the frame that paints the preview: after that paint,
    // and before the interactive drawing starts.
    requestAnimationFrame(function () { setTimeout(function () { markFrame('data-first-frame-ms'); }, 0); });
  }

  // Everything interactive: cytoscape, the controls, the list and the link in the URL.
  function interactive() {
    var cy = cytoscape({
      container: $('graph'),
      elements: elements,
      style: style,
      layout: { name: 'preset', fit: false },
      zoom: start.zoom,
      pan: start.pan,
      minZoom: 0.01,
      maxZoom: 6,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      hideLabelsOnViewport: big
    });
    cy.one('render', function () {
      requestAnimationFrame(function () {
        markFrame('data-first-frame-ms');
        markFrame('data-ready-ms');
        var preview = $('graph-preview');
        if (preview) preview.remove();
      });
    });
    var nodeEls = cy.nodes().toArray(), edgeEls = cy.edges().toArray();
    // What the drawing shows now (as classes), so a change touches only what changed.
    var shownOrg = new Array(orgs.length).fill(1), shownEdge = new Array(edges.length).fill(1);

    // ---- visibility --------------------------------------------------------------------
    function recompute() {
      var slice = time && state.year !== null ? sliceOf(state.year) : -1;
      var i;
      for (i = 0; i < orgs.length; i++) visibleOrg[i] = slice < 0 || orgAliveAt(orgs[i].t, slice);
      for (i = 0; i < edges.length; i++) {
        var e = edges[i];
        var s = slice < 0 ? (e.possibly ? 2 : 1) : edgeStateAt(e.t, slice);
        if (s && (!visibleOrg[e.from] || !visibleOrg[e.to] || state.hidden.has(e.type) ||
            (state.hideDisputed && e.disputed_by) ||
            (state.according !== null && !e.sources.some(function (c) { return c.source === state.according; })))) s = 0;
        //#graded
        if (s && !gradesMet(e)) s = 0;
        //#end
        edgeState[i] = s;
      }
      if (state.focus !== null) applyFocus();
    }
    // Organizations within `depth` steps of the focus along shown edges, either direction.
    function applyFocus() {
      var adj = orgs.map(function () { return []; });
      edges.forEach(function (e, i) {
        if (edgeState[i]) { adj[e.from].push(e.to); adj[e.to].push(e.from); }
      });
      var dist = new Array(orgs.length).fill(-1), queue = [state.focus];
      dist[state.focus] = 0;
      for (var q = 0; q < queue.length; q++) {
        var at = queue[q];
        if (dist[at] === state.depth) continue;
        adj[at].forEach(function (o) { if (dist[o] < 0) { dist[o] = dist[at] + 1; queue.push(o); } });
      }
      for (var i = 0; i < orgs.length; i++) visibleOrg[i] = visibleOrg[i] && dist[i] >= 0;
      edges.forEach(function (e, i) { if (!visibleOrg[e.from] || !visibleOrg[e.to]) edgeState[i] = 0; });
    }

    function render() {
      recompute();
      cy.batch(function () {
        nodeEls.forEach(function (n, i) {
          var look = (visibleOrg[i] ? 1 : 0) + (i === state.focus ? 2 : 0);
          if (look === shownOrg[i]) return;
          shownOrg[i] = look;
          n.toggleClass('hidden', !visibleOrg[i]);
          n.toggleClass('focus', i === state.focus);
        });
        edgeEls.forEach(function (n, i) {
          if (edgeState[i] === shownEdge[i]) return;
          shownEdge[i] = edgeState[i];
          n.toggleClass('hidden', edgeState[i] === 0);
          n.toggleClass('possible', edgeState[i] === 2);
        });
      });
      var nOrgs = visibleOrg.filter(Boolean).length;
      var nEdges = edgeState.filter(Boolean).length;
      $('status').textContent = nOrgs + ' organizations · ' + nEdges + ' relations';
      listItems.forEach(function (li, i) {
        li.classList.toggle('absent', !visibleOrg[i]);
        li.lastChild.textContent = visibleOrg[i] ? '' : ' (not in this view)';
      });
      $('year-label').textContent = state.year === null ? 'all years' : String(state.year);
      if (time) $('year').value = String(state.year === null ? time.last : state.year);
      $('focus-clear').hidden = state.focus === null;
      $('focus-label').textContent = state.focus === null ? '' : 'Focus: ' + orgLabel(orgs[state.focus]);
      if (state.selected) refreshPanel();
    }

    // ---- side list and search ----------------------------------------------------------
    var listItems = orgs.map(function (o, i) {
      var li = el('li');
      var b = el('button', displayName(o));
      b.type = 'button';
      b.addEventListener('click', function () { selectOrg(i, true); panel.focus(); });
      li.appendChild(b);
      li.appendChild(el('span', '', 'sr-only'));
      return li;
    });
    var list = $('org-list');
    listItems.forEach(function (li) { list.appendChild(li); });
    var haystacks = orgs.map(function (o) {
      return [o.id, o.name, o.short || ''].concat(o.aliases || []).map(function (s) { return s.toLowerCase(); });
    });
    function matches(query) {
      var q = query.trim().toLowerCase(), found = [];
      if (!q) return null;
      haystacks.forEach(function (h, i) { if (h.some(function (s) { return s.indexOf(q) >= 0; })) found.push(i); });
      // Exact id, name, short name or alias first.
      found.sort(function (a, b) {
        return (haystacks[b].indexOf(q) >= 0) - (haystacks[a].indexOf(q) >= 0) || a - b;
      });
      return found;
    }
    $('search').addEventListener('input', function () {
      var found = matches(this.value);
      var keep = found ? new Set(found) : null;
      listItems.forEach(function (li, i) { li.hidden = keep !== null && !keep.has(i); });
      $('search-count').textContent = found ? found.length + ' found' : '';
    });
    $('search').addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter') return;
      var found = matches(this.value);
      if (found && found.length) selectOrg(found[0], true);
      else if (found) showMessage('No organization matches “' + this.value + '”.');
    });

    // ---- evidence panel ----------------------------------------------------------------
    var panel = $('panel');
    function row(dl, term, value) {
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
      dl.appendChild(el('dt', term));
      var dd = el('dd');
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = Array.isArray(value) ? value.join(', ') : String(value);
      dl.appendChild(dd);
    }
    function link(text, url) {
      if (!isHttpUrl(url)) return el('span', text);
      var a = el('a', text);
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      return a;
    }
    function openPanel(title) {
      panel.replaceChildren();
      var close = el('button', 'Close', 'close');
      close.type = 'button';
      close.addEventListener('click', function () { state.selected = null; panel.hidden = true; cy.resize(); cy.elements().unselect(); writeFragment(); });
      panel.appendChild(close);
      panel.appendChild(el('h2', title));
      if (panel.hidden) { panel.hidden = false; cy.resize(); }
      return panel;
    }
    function edgeSentence(e) {
      var t = types[e.type];
      return orgLabel(orgs[e.from]) + ' ' + t.label + ' ' + orgLabel(orgs[e.to]) + (e.when ? ' (' + e.when + ')' : '');
    }
    function showOrg(i) {
      var o = orgs[i];
      openPanel(displayName(o));
      var dl = el('dl');
      row(dl, 'id', o.id);
      row(dl, 'name', o.name);
      row(dl, 'short name', o.short);
      row(dl, 'aliases', o.aliases);
      row(dl, 'kind', o.kind);
      row(dl, 'region', o.region);
      row(dl, 'founded', o.founded);
      row(dl, 'dissolved', o.dissolved);
      if (o.wikidata && /^Q[0-9]+$/.test(o.wikidata)) row(dl, 'Wikidata', link(o.wikidata, 'https://www.wikidata.org/wiki/' + o.wikidata));
      row(dl, 'notes', o.notes);
      row(dl, 'in this view', visibleOrg[i] ? 'yes' : 'no');
      panel.appendChild(dl);
      var actions = el('p', null, 'actions');
      var focus = el('button', state.focus === i ? 'Focused' : 'Focus on its neighbourhood');
      focus.type = 'button';
      focus.addEventListener('click', function () { state.focus = i; render(); writeFragment(); fitVisible(); });
      actions.appendChild(focus);
      panel.appendChild(actions);
      var mine = [];
      edges.forEach(function (e, k) { if (e.from === i || e.to === i) mine.push(k); });
      panel.appendChild(el('h3', 'Relations (' + mine.length + ')'));
      var ul = el('ul');
      mine.forEach(function (k) {
        var li = el('li');
        var b = el('button', edgeSentence(edges[k]) + (edges[k].disputed_by ? ' — disputed' : '') + (edgeState[k] ? '' : ' — not in this view'));
        b.type = 'button';
        b.addEventListener('click', function () { selectEdge(k); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    function citation(c) {
      var box = el('div');
      if (c.quote) box.appendChild(el('blockquote', c.quote));
      var s = sources[c.source];
      var p = el('p', null, 'cite');
      p.appendChild(document.createTextNode('— '));
      p.appendChild(link(s.title, s.url));
      var facts = [s.author, s.publisher, s.published].filter(Boolean);
      if (facts.length) p.appendChild(document.createTextNode(', ' + facts.join(', ')));
      if (c.locator) p.appendChild(document.createTextNode(' (' + c.locator + ')'));
      p.appendChild(document.createTextNode(' [' + s.id + ']'));
      box.appendChild(p);
      var grade = gradeText(s.reliability, c.credibility);
      if (grade) box.appendChild(el('p', grade, 'cite grade'));
      return box;
    }
    // The Admiralty code (NATO AJP-2.1), as docs/format.md words it.
    var RELIABILITY = { A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable',
      D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged' };
    var CREDIBILITY = [null, 'confirmed by other sources', 'probably true', 'possibly true',
      'doubtful', 'improbable', 'truth cannot be judged'];
    function gradeText(r, c) {
      if (!r && !c) return null;
      var words = [];
      if (r) words.push('source ' + r + ' (' + RELIABILITY[r] + ')');
      if (c) words.push('information ' + c + ' (' + CREDIBILITY[c] + ')');
      return 'Graded ' + (r || '') + (c || '') + ': ' + words.join(', ');
    }
    function showEdge(k) {
      var e = edges[k], t = types[e.type];
      openPanel(edgeSentence(e));
      if (e.disputed_by) panel.appendChild(el('p', 'Disputed: ' + e.disputed_by.length + ' citation(s) contest this relation', 'banner'));
      var dl = el('dl');
      row(dl, 'relation', t.label + ' (' + t.name + ')' + (t.directed ? '' : ', undirected'));
      row(dl, 'from', displayName(orgs[e.from]));
      row(dl, 'to', displayName(orgs[e.to]));
      row(dl, 'dates', e.when || 'undated');
      row(dl, 'confidence', e.confidence);
      row(dl, 'id', e.id);
      row(dl, 'in this view', edgeState[k] === 0 ? 'no' : edgeState[k] === 2 ? 'possibly active' : 'yes');
      row(dl, 'notes', e.notes);
      panel.appendChild(dl);
      panel.appendChild(el('h3', 'Sources (' + e.sources.length + ')'));
      e.sources.forEach(function (c) { panel.appendChild(citation(c)); });
      if (e.disputed_by) {
        panel.appendChild(el('h3', 'Disputed by (' + e.disputed_by.length + ')'));
        var against = el('div', null, 'against');
        e.disputed_by.forEach(function (c) { against.appendChild(citation(c)); });
        panel.appendChild(against);
      }
      var from = el('button', 'Show ' + orgLabel(orgs[e.from]));
      from.type = 'button';
      from.addEventListener('click', function () { selectOrg(e.from, true); });
      var to = el('button', 'Show ' + orgLabel(orgs[e.to]));
      to.type = 'button';
      to.addEventListener('click', function () { selectOrg(e.to, true); });
      var actions = el('p', null, 'actions');
      actions.appendChild(from);
      actions.appendChild(document.createTextNode(' '));
      actions.appendChild(to);
      panel.appendChild(actions);
    }
    function refreshPanel() {
      var scroll = panel.scrollTop;
      if (state.selected.kind === 'org') showOrg(state.selected.index); else showEdge(state.selected.index);
      panel.scrollTop = scroll;
    }
    function selectOrg(i, centre) {
      state.selected = { kind: 'org', index: i };
      listItems.forEach(function (li, k) { li.classList.toggle('selected', k === i); });
      cy.elements().unselect();
      var n = nodeEls[i];
      n.select();
      if (centre && visibleOrg[i]) cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
      showOrg(i);
      writeFragment();
    }
    function selectEdge(k) {
      state.selected = { kind: 'edge', index: k };
      cy.elements().unselect();
      edgeEls[k].select();
      showEdge(k);
      writeFragment();
    }
    function fitVisible() {
      cy.viewport(viewportFor(everyone.filter(function (i) { return visibleOrg[i]; })));
    }
    cy.on('tap', 'node', function (ev) { selectOrg(Number(ev.target.id().slice(1)), false); });
    cy.on('tap', 'edge', function (ev) { selectEdge(Number(ev.target.id().slice(1))); });
    cy.on('mouseover', 'edge', function (ev) { ev.target.addClass('hover'); });
    cy.on('mouseout', 'edge', function (ev) { ev.target.removeClass('hover'); });

    // ---- messages ----------------------------------------------------------------------
    var messages = [];
    function showMessage(text) {
      messages.push(text);
      $('message').textContent = messages.join(' ');
      $('message').hidden = false;
    }
    function clearMessages() { messages = []; $('message').textContent = ''; $('message').hidden = true; }

    // ---- controls ----------------------------------------------------------------------
    types.forEach(function (t, i) {
      if (!edges.some(function (e) { return e.type === i; })) return;
      var label = el('label');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.setAttribute('data-type', t.name);
      box.addEventListener('change', function () {
        if (box.checked) state.hidden.delete(i); else state.hidden.add(i);
        render(); writeFragment();
      });
      var swatch = el('span', null, 'swatch ' + t.style);
      swatch.style.borderTopColor = typeColor[i];
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(t.label + ' (' + t.name + ')'));
      $('legend').appendChild(label);
    });
    function legendSample(cls, text) {
      var span = el('span');
      span.appendChild(el('span', null, 'swatch ' + cls));
      span.appendChild(document.createTextNode(text));
      $('legend').appendChild(span);
    }
    if (edges.some(function (e) { return e.disputed_by; })) legendSample('disputed', 'disputed');
    if (time || edges.some(function (e) { return e.possibly; })) legendSample('possible', 'possibly active');

    sources.forEach(function (s, i) {
      var opt = el('option', s.title + ' [' + s.id + ']');
      opt.value = String(i);
      $('according').appendChild(opt);
    });
    $('according').addEventListener('change', function () {
      state.according = this.value === '' ? null : Number(this.value);
      render(); writeFragment();
    });
    $('hide-disputed').addEventListener('change', function () {
      state.hideDisputed = this.checked; render(); writeFragment();
    });
    //#graded
    // The grade minimums; F and 6 are not offered, as "cannot be judged" meets none.
    var grades = el('div', null, 'group');
    grades.id = 'grades';
    function gradeSelect(id, text, values, words, set) {
      var label = el('label', text);
      label.htmlFor = id;
      var select = el('select');
      select.id = id;
      select.appendChild(el('option', 'any')).value = '';
      values.forEach(function (v) {
        var option = el('option', v + ' (' + words[v] + ')');
        option.value = String(v);
        select.appendChild(option);
      });
      select.addEventListener('change', function () { set(this.value === '' ? null : this.value); render(); writeFragment(); });
      grades.appendChild(label);
      grades.appendChild(select);
    }
    gradeSelect('min-reliability', 'Minimum reliability', ['A', 'B', 'C', 'D', 'E'], RELIABILITY,
      function (v) { state.minReliability = v; });
    gradeSelect('min-credibility', 'Minimum credibility', [1, 2, 3, 4, 5], CREDIBILITY,
      function (v) { state.minCredibility = v === null ? null : Number(v); });
    $('controls').insertBefore(grades, $('legend'));
    //#end
    $('depth').addEventListener('change', function () {
      state.depth = Number(this.value); render(); writeFragment();
    });
    $('focus-clear').addEventListener('click', function () {
      state.focus = null; render(); writeFragment(); fitVisible();
    });

    var playing = null;
    function stopPlaying() { if (playing) { clearInterval(playing); playing = null; $('play').textContent = '▶ Play'; } }
    if (time) {
      $('time').hidden = false;
      $('year').min = String(time.first);
      $('year').max = String(time.last);
      $('year').setAttribute('aria-valuetext', 'all years');
      $('year').addEventListener('input', function () {
        stopPlaying();
        state.year = Number(this.value);
        this.setAttribute('aria-valuetext', String(state.year));
        render(); writeFragment();
      });
      $('all-years').addEventListener('click', function () { stopPlaying(); state.year = null; render(); writeFragment(); });
      $('play').addEventListener('click', function () {
        if (playing) { stopPlaying(); return; }
        if (state.year === null || state.year >= time.last) state.year = time.first - 1;
        $('play').textContent = '❚❚ Pause';
        playing = setInterval(function () {
          state.year += 1;
          render(); writeFragment();
          if (state.year >= time.last) stopPlaying();
        }, 600);
      });
    }

    // ---- the URL fragment --------------------------------------------------------------
    function fragment() {
      var parts = [];
      if (state.year !== null) parts.push('as-of=' + state.year);
      if (state.focus !== null) parts.push('focus=' + encodeURIComponent(orgs[state.focus].id), 'depth=' + state.depth);
      var hidden = types.filter(function (t, i) { return state.hidden.has(i); }).map(function (t) { return encodeURIComponent(t.name); });
      if (hidden.length) parts.push('hide=' + hidden.join(','));
      if (state.hideDisputed) parts.push('disputed=hide');
      if (state.according !== null) parts.push('according-to=' + encodeURIComponent(sources[state.according].id));
      //#graded
      if (state.minReliability !== null) parts.push('min-reliability=' + state.minReliability);
      if (state.minCredibility !== null) parts.push('min-credibility=' + state.minCredibility);
      //#end
      if (state.selected) {
        if (state.selected.kind === 'org') parts.push('org=' + encodeURIComponent(orgs[state.selected.index].id));
        else if (edges[state.selected.index].id) parts.push('edge=' + encodeURIComponent(edges[state.selected.index].id));
      }
      return parts.join('&');
    }
    var written = null;
    function writeFragment() {
      var f = fragment();
      written = f;
      if (decodeURIComponent(location.hash.slice(1)) === decodeURIComponent(f)) return;
      try {
        history.replaceState(null, '', f ? '#' + f : location.pathname + location.search);
      } catch (err) {
        location.hash = f;
      }
    }
    function readFragment() {
      var raw = location.hash.replace(/^#/, '');
      if (raw === written) return;
      clearMessages();
      var next = { year: null, focus: null, depth: 1, hidden: new Set(), hideDisputed: false, according: null, selected: null };
      //#graded
      next.minReliability = null; next.minCredibility = null;
      //#end
      raw.split('&').filter(Boolean).forEach(function (part) {
        var eq = part.indexOf('=');
        var key = eq < 0 ? part : part.slice(0, eq);
        var value;
        try { value = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1)); } catch (err) { value = null; }
        if (value === null) { showMessage('The link’s “' + key + '” value is not valid.'); return; }
        readSetting(next, key, value);
      });
      state = next;
      $('hide-disputed').checked = state.hideDisputed;
      $('depth').value = String(state.depth);
      $('according').value = state.according === null ? '' : String(state.according);
      //#graded
      $('min-reliability').value = state.minReliability === null ? '' : state.minReliability;
      $('min-credibility').value = state.minCredibility === null ? '' : String(state.minCredibility);
      //#end
      document.querySelectorAll('#legend input[data-type]').forEach(function (box) {
        box.checked = !state.hidden.has(types.findIndex(function (t) { return t.name === box.getAttribute('data-type'); }));
      });
      render();
      cy.elements().unselect();
      if (!panel.hidden) { panel.hidden = true; cy.resize(); }
      if (state.selected && state.selected.kind === 'org') selectOrg(state.selected.index, true);
      else if (state.selected) selectEdge(state.selected.index);
      else if (state.focus !== null) fitVisible();
    }
    function readSetting(next, key, value) {
      switch (key) {
        case 'as-of':
          if (!time) showMessage('This dataset has no dates, so “as-of=' + value + '” cannot apply; all relations are shown.');
          else if (!/^[0-9]{4}$/.test(value)) showMessage('“as-of=' + value + '” is not a year (write four digits, e.g. as-of=2001).');
          else next.year = Number(value);
          break;
        case 'focus':
          if (orgIndex.has(value)) next.focus = orgIndex.get(value);
          else showMessage('No organization has the id “' + value + '” (focus); the whole network is shown.');
          break;
        case 'depth':
          if (/^[123]$/.test(value)) next.depth = Number(value);
          else showMessage('“depth=' + value + '” must be 1, 2 or 3; depth 1 is used.');
          break;
        case 'org':
          if (orgIndex.has(value)) next.selected = { kind: 'org', index: orgIndex.get(value) };
          else showMessage('No organization has the id “' + value + '”.');
          break;
        case 'edge':
          if (edgeIndex.has(value)) next.selected = { kind: 'edge', index: edgeIndex.get(value) };
          else showMessage('No relation has the id “' + value + '”.');
          break;
        case 'hide':
          value.split(',').filter(Boolean).forEach(function (name) {
            var i = types.findIndex(function (t) { return t.name === name; });
            if (i >= 0) next.hidden.add(i); else showMessage('No relation type is called “' + name + '”.');
          });
          break;
        case 'disputed':
          if (value === 'hide') next.hideDisputed = true;
          else showMessage('“disputed=' + value + '” is not understood (use disputed=hide).');
          break;
        case 'according-to':
          if (sourceIndex.has(value)) next.according = sourceIndex.get(value);
          else showMessage('No source has the id “' + value + '”.');
          break;
        //#graded
        case 'min-reliability':
          if (/^[A-E]$/.test(value)) next.minReliability = value;
          else showMessage('“min-reliability=' + value + '” must be a reliability from A to E (F, cannot be judged, meets no minimum); any reliability is shown.');
          break;
        case 'min-credibility':
          if (/^[1-5]$/.test(value)) next.minCredibility = Number(value);
          else showMessage('“min-credibility=' + value + '” must be a credibility from 1 to 5 (6, cannot be judged, meets no minimum); any credibility is shown.');
          break;
        //#end
        default:
          showMessage('The link’s setting “' + key + '” is not understood.');
      }
    }
    // The controls above changed the drawing area's size since cytoscape measured it.
    cy.resize();
    cy.viewport(viewportFor(everyone));
    // Escape closes the evidence panel and returns to the list.
    panel.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Escape') return;
      var back = state.selected && state.selected.kind === 'org' ? listItems[state.selected.index].firstChild : $('search');
      state.selected = null; panel.hidden = true; cy.resize(); cy.elements().unselect(); writeFragment();
      back.focus();
    });
    window.addEventListener('hashchange', readFragment);
    readFragment();

  }

  if (big) {
    // Paint the preview first, then build the interactive drawing in a later task.
    drawPreview(start);
    requestAnimationFrame(function () { setTimeout(interactive, 0); });
  } else {
    interactive();
  }
})();
