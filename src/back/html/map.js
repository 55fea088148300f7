/* The HTML map's script (render_html.c writes it into the page; the page's
 * Content-Security-Policy allows it by its SHA-256).
 *
 * It reads the step data from the JSON element with JSON.parse and builds
 * every text it shows with textContent: nothing from the map is ever
 * parsed as HTML or evaluated.  It finds the map's parts by the element ids
 * the renderer gives them (docs/render.md): "LANE.STEP" for a cell,
 * "curve.PERSONA", "emotion.PERSONA.STEP", "score.PERSONA.STEP",
 * "lane.LANE", "band.LANE", "stage.STAGE", "legend.PERSONA"...  A step's
 * first cell carries data-step; that is the element a click or a key opens.
 */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('journey-data').textContent);
  var svg = document.getElementById('jy-map');
  var viewport = document.getElementById('viewport');
  var panel = document.getElementById('panel');
  var search = document.getElementById('search');
  var count = document.getElementById('count');
  var graph = svg.querySelector('g.graph');
  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var SVGNS = 'http://www.w3.org/2000/svg';

  var CELL_LANES = {};
  ['steps', 'touchpoints', 'thoughts', 'pains', 'opportunities', 'frontstage', 'backstage', 'support',
    'owners', 'metrics', 'evidence'].forEach(function (l) { CELL_LANES[l] = true; });
  /* and whatever other lane the map draws */
  data.lanes.forEach(function (l) { if (l.id !== 'emotions' && l.id !== 'visibility') CELL_LANES[l.id] = true; });
  var EMOTION_PARTS = { curve: true, emotion: true, score: true, 'score-mark': true, axis: true, zero: true };

  /* ---- the data and the map's parts, indexed once ---------------------- */

  var steps = {};
  data.steps.forEach(function (s, i) { s.index = i; steps[s.id] = s; });
  var personaByIndex = {};
  var personaById = {};
  data.personas.forEach(function (p) { personaByIndex[p.index] = p; personaById[p.id] = p; });

  var byStep = {};     /* step id -> its cells, markers and labels */
  var byPersona = {};  /* persona id -> its curve, markers and legend */
  var byLane = {};     /* lane id -> its label, band and cells */
  var scoreLabels = [];
  function push(map, key, el) { (map[key] || (map[key] = [])).push(el); }

  // The smallest box {x1, y1, x2, y2} holding box (null: none yet) and
  // the SVG bounding box b.
  function unionBox(box, b) {
    if (!box) return { x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
    return {
      x1: Math.min(box.x1, b.x), y1: Math.min(box.y1, b.y),
      x2: Math.max(box.x2, b.x + b.width), y2: Math.max(box.y2, b.y + b.height)
    };
  }

  /* An element's id, read as the renderer makes it: "KIND.A.B", less a
   * "/text" (text over its own box) and a ".rowN" (a later row of the
   * map).  Persona markers beside items are "LANE-persona.PERSONA.STEP.ITEM",
   * a persona's card "card.PERSONA" or "card-PART.PERSONA". */
  function idParts(id) {
    var parts = id.replace(/\/text$/, '').split('.');
    if (parts.length > 1 && /^row[0-9]+$/.test(parts[parts.length - 1])) parts.pop();
    return parts;
  }

  var groups = svg.querySelectorAll('g[id]');
  for (var gi = 0; gi < groups.length; gi++) {
    var g = groups[gi];
    var parts = idParts(g.id);
    var kind = parts[0];
    if (parts.length === 2 && CELL_LANES[kind]) {
      push(byStep, parts[1], g);
      push(byLane, kind, g);
    } else if (kind === 'lane' || kind === 'band') {
      push(byLane, parts[1], g);
    } else if (kind === 'visibility') {
      push(byLane, 'visibility', g);
    } else if (/^(legend|legend-line|legend-name|card|card-.*)$/.test(kind)) {
      push(byPersona, parts[1], g);
    } else if (/-persona$/.test(kind) || kind === 'concerns') {
      push(byPersona, parts[1], g);
      push(byStep, parts[2], g);
      push(byLane, kind === 'concerns' ? 'steps' : kind.slice(0, -8), g);
    } else if (kind === 'moment' || kind === 'moment-tint') {
      push(byStep, parts[1], g);
    }
    if (EMOTION_PARTS[kind]) {
      push(byLane, 'emotions', g);
      if (kind === 'curve' || kind === 'emotion' || kind === 'score-mark') push(byPersona, parts[1], g);
      if (kind === 'emotion' || kind === 'score' || kind === 'score-mark') push(byStep, parts[2], g);
      if (kind === 'score') scoreLabels.push({ el: g, persona: parts[1], step: parts[2] });
    }
  }
  var hooks = {};
  var hookList = svg.querySelectorAll('[data-step]');
  for (var hi = 0; hi < hookList.length; hi++) hooks[hookList[hi].getAttribute('data-step')] = hookList[hi];

  /* ---- text ---------------------------------------------------------------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Text with its http and https addresses as links; nothing else is one. */
  var URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
  function linked(parent, text) {
    var at = 0;
    var m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      var url = m[0].replace(/[.,;:!?)\]}]+$/, '');
      var ok = false;
      try {
        var u = new URL(url);
        ok = u.protocol === 'http:' || u.protocol === 'https:';
      } catch (e) {
        ok = false;
      }
      if (!ok || !url) continue;
      parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var a = el('a', null, url);
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      parent.appendChild(a);
      at = m.index + url.length;
      URL_RE.lastIndex = at;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  function score(v) {
    return v < 0 ? '\u2212' + (-v) : v > 0 ? '+' + v : '0';
  }

  /* ---- the details panel ---------------------------------------------------- */

  var body = document.getElementById('panel-body');
  var openId = null;
  var returnFocus = null;

  function section(title, cls, items, fill) {
    if (!items || !items.length) return;
    body.appendChild(el('h3', null, title));
    var ul = el('ul', cls);
    items.forEach(function (it) { ul.appendChild(fill ? fill(it) : linked(el('li'), it)); });
    body.appendChild(ul);
  }

  /* An item (a thought, pain, opportunity or blueprint entry): a string,
   * or an object with its text and what else it has. */
  function itemText(it) { return typeof it === 'string' ? it : it.text; }

  function stepLink(ref, marker) {
    var target = steps[ref.step];
    var a = el('a', 'step-link', marker + ref.text + (target && ref.step !== openId ? ' (' + target.title + ')' : ''));
    a.href = '#step-' + ref.step;
    return a;
  }

  function item(it, marker) {
    var li = linked(el('li'), itemText(it));
    if (typeof it === 'string') return li;
    if (it.personas && allHidden(it.personas)) li.className = 'dim';
    var facts = [];
    if (it.severity) facts.push('severity ' + it.severity);
    if (it.impact) facts.push('impact ' + it.impact);
    if (it.effort) facts.push('effort ' + it.effort);
    if (it.status) facts.push('status ' + it.status);
    if (it.owner) facts.push('owner ' + it.owner);
    if (it.personas) {
      facts.push('for ' + it.personas.map(function (p) {
        return personaByIndex[p] ? personaByIndex[p].name : '?';
      }).join(', '));
    }
    if (facts.length) li.appendChild(el('span', 'facts', ' \u00b7 ' + facts.join(' \u00b7 ')));
    if (it.tags) {
      var tags = el('span', 'item-tags');
      it.tags.forEach(function (t) { tags.appendChild(el('span', 'tag', t)); });
      li.appendChild(tags);
    }
    [['solves', 'Solves ', '\u25bc '], ['solved_by', 'Solved by ', '\u25b2 ']].forEach(function (k) {
      if (!it[k[0]]) return;
      var ul = el('ul', 'refs');
      it[k[0]].forEach(function (ref) {
        var r = el('li', null, k[1]);
        r.appendChild(stepLink(ref, k[2]));
        if (ref.done) r.appendChild(document.createTextNode(' (done)'));
        ul.appendChild(r);
      });
      li.appendChild(ul);
    });
    return li;
  }

  function items(title, cls, list, marker) {
    section(title, cls, list, function (it) { return item(it, marker); });
  }

  /* The image of a step or persona: its own data: URL, or the one of the
   * picture's element that draws it (imageIn, an element id). */
  function imageOf(o) {
    var g = o && o.imageIn ? document.getElementById(o.imageIn) : null;
    var im = g ? g.querySelector('image') : null;
    if (im) return im.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || im.getAttribute('href');
    return o ? o.image : null;
  }

  /* An image the page embeds (a data: URL of a PNG, JPEG or SVG: the
   * page's policy loads nothing else), or null. */
  function picture(url, cls, alt) {
    if (typeof url !== 'string' || !/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+\/=]*$/.test(url)) {
      return null;
    }
    var img = el('img', cls);
    img.alt = alt;
    img.src = url;
    return img;
  }

  function paragraph(title, text) {
    if (text === undefined || text === null) return;
    body.appendChild(el('h3', null, title));
    body.appendChild(linked(el('p'), text));
  }

  function fillPanel(s) {
    var stage = data.stages[s.stage];
    document.getElementById('panel-stage').textContent = stage ? stage.title : '';
    document.getElementById('panel-title').textContent = s.title;
    document.getElementById('panel-at').textContent = s.at || '';
    body.textContent = '';
    var sketch = picture(imageOf(s), 'sketch', 'Sketch of the step: ' + s.title);
    if (sketch) body.appendChild(sketch);
    var feel = s.feel.filter(function (f) { return f.p >= 0 || f.score !== undefined; });
    section(feel.length && feel[0].p >= 0 ? 'Personas and emotions' : 'Emotion', 'feel', feel, function (f) {
      var li = el('li');
      var p = f.p >= 0 ? personaByIndex[f.p] : null;
      var who = p ? p.name : null;
      var face = p && picture(imageOf(p), 'face', '');
      if (face) li.appendChild(face);
      if (who) li.appendChild(el('strong', null, who));
      var what = f.score === undefined ? 'no emotion given' : score(f.score) + (f.label ? ' ' + f.label : '');
      li.appendChild(document.createTextNode((who ? ': ' : '') + what));
      return li;
    });
    section('Touchpoints', null, s.touchpoints);
    items('Thoughts', 'thoughts', s.thoughts);
    items('Pains', 'pains', s.pains);
    items('Opportunities', 'opportunities', s.opportunities);
    items('Frontstage', null, s.frontstage);
    items('Backstage', null, s.backstage);
    items('Support', null, s.support);
    section('Owners', null, s.owners);
    section('Artifacts', null, s.artifacts);
    section('Metrics', 'metrics', s.metrics, function (m) {
      var li = el('li', m.met === 0 ? 'missed' : m.met === 1 ? 'met' : null);
      li.textContent = (m.met === 1 ? '\u2714 ' : m.met === 0 ? '\u2718 ' : '') + m.text +
        (m.met === 0 ? ' (missed)' : m.met === 1 ? ' (met)' : '');
      return li;
    });
    section('Evidence', null, s.evidence, function (e) {
      var li = el('li');
      li.appendChild(el('strong', null, e.kind + ': '));
      return linked(li, e.source);
    });
    section('Notes', null, s.notes);
    paragraph('Description', s.description);
    if (s.tags && s.tags.length) {
      body.appendChild(el('h3', null, 'Tags'));
      var p = el('p', 'tags');
      s.tags.forEach(function (t) { p.appendChild(el('span', 'tag', t)); });
      body.appendChild(p);
    }
    if (s.moment !== undefined) paragraph('Moment of truth', s.moment || 'This step is a moment of truth.');
  }

  function setHash(h) {
    try {
      history.replaceState(null, '', h || location.pathname + location.search);
    } catch (e) {
      /* a page opened where history cannot be changed keeps its address */
    }
  }

  var openMark = document.getElementById('open-mark');
  var focusMark = document.getElementById('focus-mark');
  var focused = null;

  /* Frames a step's element (its hook) at the current zoom, or hides the
   * frame (h null). */
  function frame(m, h) {
    var r = h && h.getBoundingClientRect();
    if (!r || !r.width) {   /* none, or in a lane turned off */
      m.hidden = true;
      return;
    }
    var v = viewport.getBoundingClientRect();
    var x = r.left - v.left + viewport.scrollLeft - viewport.clientLeft;
    var y = r.top - v.top + viewport.scrollTop - viewport.clientTop;
    m.style.transform = 'translate(' + (x - 3) + 'px,' + (y - 3) + 'px)';
    m.style.width = (r.width + 6) + 'px';
    m.style.height = (r.height + 6) + 'px';
    m.hidden = false;
  }
  function placeMark() {
    frame(openMark, openId ? hooks[openId] : null);
    frame(focusMark, focused);
  }
  svg.addEventListener('focusin', function (e) {
    focused = e.target.getAttribute && e.target.getAttribute('data-step') && e.target.matches(':focus-visible')
      ? e.target : null;
    frame(focusMark, focused);
  });
  svg.addEventListener('focusout', function () {
    focused = null;
    frame(focusMark, null);
  });

  function openStep(id, how) {
    var s = steps[id];
    if (!s) return false;
    if (how !== 'link' && !openId) returnFocus = document.activeElement;
    openId = id;
    fillPanel(s);
    panel.hidden = false;
    setHash('#step-' + id);
    placeMark();
    reveal(id);
    document.getElementById('panel-title').focus({ preventScroll: true });
    return true;
  }

  function closePanel() {
    if (!openId) return;
    var back = hooks[openId] || returnFocus;
    openId = null;
    panel.hidden = true;
    placeMark();
    setHash('');
    if (back && back.focus) back.focus({ preventScroll: true });
    returnFocus = null;
  }

  document.getElementById('panel-close').addEventListener('click', closePanel);

  /* The step an element of the map belongs to. */
  function stepOf(target) {
    for (var e = target; e && e !== svg; e = e.parentNode) {
      if (e.getAttribute && e.getAttribute('data-step')) return e.getAttribute('data-step');
      if (e.id && e.tagName === 'g') {
        var p = idParts(e.id);
        if (p.length === 2 && (CELL_LANES[p[0]] || p[0] === 'moment' || p[0] === 'moment-tint')) return p[1];
        if (p.length >= 3 && /^(emotion|score|score-mark|concerns|.*-persona)$/.test(p[0])) return p[2];
        return null;
      }
    }
    return null;
  }

  /* ---- zoom and pan ------------------------------------------------------------ */

  var vb = svg.viewBox.baseVal;
  var PX = 96 / 72;
  var baseW = vb.width * PX;
  var baseH = vb.height * PX;
  var scale = 1;
  var MIN = 0.05;
  var MAX = 4;

  function fitScale() {
    return Math.min(viewport.clientWidth / baseW, viewport.clientHeight / baseH);
  }

  function setScale(s, cx, cy) {
    s = Math.max(MIN, Math.min(MAX, s));
    if (cx === undefined) {
      cx = viewport.clientWidth / 2;
      cy = viewport.clientHeight / 2;
    }
    var x = (viewport.scrollLeft + cx) / scale;
    var y = (viewport.scrollTop + cy) / scale;
    scale = s;
    svg.setAttribute('width', (baseW * s).toFixed(1) + 'px');
    svg.setAttribute('height', (baseH * s).toFixed(1) + 'px');
    viewport.scrollLeft = x * s - cx;
    viewport.scrollTop = y * s - cy;
    if (openId) placeMark();
    sticky();
  }

  function zoomBy(f, cx, cy) { setScale(scale * f, cx, cy); }

  document.getElementById('zoom-in').addEventListener('click', function () { zoomBy(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomBy(0.8); });
  document.getElementById('zoom-fit').addEventListener('click', function () { setScale(fitScale()); });
  document.getElementById('zoom-reset').addEventListener('click', function () { setScale(1); });

  viewport.addEventListener('wheel', function (e) {
    if (e.shiftKey && !e.ctrlKey) return;   /* shift + wheel: scroll sideways */
    e.preventDefault();
    var r = viewport.getBoundingClientRect();
    var d = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomBy(Math.exp(-d * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  /* Pointers: one drags the map, two pinch it; a drag is not a click. */
  var pointers = {};
  var dragged = false;
  var pinch = null;
  function pointerList() { return Object.keys(pointers).map(function (k) { return pointers[k]; }); }
  viewport.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    dragged = false;
    var list = pointerList();
    if (list.length === 2) {
      pinch = { d: Math.hypot(list[0].x - list[1].x, list[0].y - list[1].y), s: scale };
    }
  });
  viewport.addEventListener('pointermove', function (e) {
    var p = pointers[e.pointerId];
    if (!p) return;
    var dx = e.clientX - p.x;
    var dy = e.clientY - p.y;
    p.x = e.clientX;
    p.y = e.clientY;
    var list = pointerList();
    if (list.length === 2 && pinch) {
      var r = viewport.getBoundingClientRect();
      var d = Math.hypot(list[0].x - list[1].x, list[0].y - list[1].y);
      if (pinch.d > 0) setScale(pinch.s * d / pinch.d, (list[0].x + list[1].x) / 2 - r.left, (list[0].y + list[1].y) / 2 - r.top);
      dragged = true;
      return;
    }
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 1) return;
    if (!dragged) {
      dragged = true;
      viewport.classList.add('panning');
      viewport.setPointerCapture(e.pointerId);
    }
    viewport.scrollLeft -= dx;
    viewport.scrollTop -= dy;
  });
  function pointerEnd(e) {
    delete pointers[e.pointerId];
    if (pointerList().length < 2) pinch = null;
    viewport.classList.remove('panning');
  }
  viewport.addEventListener('pointerup', pointerEnd);
  viewport.addEventListener('pointercancel', pointerEnd);

  svg.addEventListener('click', function (e) {
    if (dragged) {
      dragged = false;
      return;
    }
    var id = stepOf(e.target);
    if (id) openStep(id, 'click');
  });
  svg.addEventListener('keydown', function (e) {
    var id = e.target.getAttribute && e.target.getAttribute('data-step');
    if (id && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      openStep(id, 'key');
    }
  });

  /* Scrolls a step's column into view (centred) unless it is in view. */
  function reveal(id) {
    var target = hooks[id] || (byStep[id] && byStep[id][0]);
    if (!target) return;
    var r = target.getBoundingClientRect();
    var v = viewport.getBoundingClientRect();
    var right = panel.hidden ? v.right : Math.min(v.right, panel.getBoundingClientRect().left);
    if (r.left >= v.left && r.right <= right && r.top >= v.top && r.bottom <= v.bottom) return;
    var left = viewport.scrollLeft + r.left - v.left - (right - v.left - r.width) / 2;
    var top = viewport.scrollTop + r.top - v.top - 80;
    /* Far away: a jump (a smooth scroll across a wide map draws every
     * column on the way). */
    var far = Math.abs(left - viewport.scrollLeft) > viewport.clientWidth ||
      Math.abs(top - viewport.scrollTop) > viewport.clientHeight;
    viewport.scrollTo({ left: left, top: top, behavior: reduced || far ? 'auto' : 'smooth' });
  }

  /* ---- lane labels and stage headers that stay in view ------------------------- */

  var stickyLanes = document.getElementById('sticky-lanes');
  var stickyStages = document.getElementById('sticky-stages');
  var paper = (svg.querySelector('g.graph > polygon') || { getAttribute: function () { return '#ffffff'; } })
    .getAttribute('fill') || '#ffffff';

  function overlay(host, match) {
    var box = null;
    var copy = document.createElementNS(SVGNS, 'svg');
    var back = document.createElementNS(SVGNS, 'rect');
    back.setAttribute('fill', paper);
    copy.appendChild(back);
    for (var i = 0; i < groups.length; i++) {
      var gr = groups[i];
      if (!match(gr.id)) continue;
      var b = gr.getBBox();
      if (b.width || b.height) {
        box = unionBox(box, b);
      }
      var c = gr.cloneNode(true);
      c.removeAttribute('id');
      c.removeAttribute('data-step');
      c.removeAttribute('tabindex');
      c.removeAttribute('role');
      c.removeAttribute('aria-label');
      copy.appendChild(c);
    }
    if (!box) return null;
    host.appendChild(copy);
    return { svg: copy, back: back, box: box };
  }

  var laneCopy = null;
  var stageCopy = null;
  function buildSticky() {
    laneCopy = overlay(stickyLanes, function (id) {
      return /^(lane|axis)\./.test(id) || id === 'stage-label';
    });
    stageCopy = overlay(stickyStages, function (id) {
      return /^(stage|stage-goal)\./.test(id) || id === 'stage-label';
    });
  }

  function place(o, x, y, w, h, host, on, tx, ty) {
    if (!o) return;
    o.svg.setAttribute('viewBox', x + ' ' + y + ' ' + w + ' ' + h);
    o.svg.setAttribute('width', (w * PX * scale).toFixed(1));
    o.svg.setAttribute('height', (h * PX * scale).toFixed(1));
    o.back.setAttribute('x', x);
    o.back.setAttribute('y', y);
    o.back.setAttribute('width', w);
    o.back.setAttribute('height', h);
    host.classList.toggle('on', on);
    host.style.transform = 'translate(' + tx + 'px,' + ty + 'px)';
  }

  /* The graph's user space: x as drawn, y from -height (top) to 0. */
  function sticky() {
    var k = PX * scale;
    var top = -vb.height;
    if (laneCopy) {
      var b = laneCopy.box;
      var pad = 4;
      var lx = b.x1 - pad;
      place(laneCopy, lx, top, b.x2 - lx, vb.height, stickyLanes, viewport.scrollLeft > lx * k,
        0, -viewport.scrollTop);
    }
    if (stageCopy) {
      var s = stageCopy.box;
      var sy = s.y1 - top;
      place(stageCopy, 0, s.y1, vb.width, s.y2 - s.y1, stickyStages, viewport.scrollTop > sy * k,
        -viewport.scrollLeft, 0);
    }
  }
  viewport.addEventListener('scroll', sticky, { passive: true });
  window.addEventListener('resize', sticky);

  /* ---- personas and lanes on and off ------------------------------------------- */

  var hidden = {};   /* persona id -> true when off */

  function each(list, f) { if (list) for (var i = 0; i < list.length; i++) f(list[i]); }

  function applyPersonas() {
    data.personas.forEach(function (p) {
      var off = !!hidden[p.id];
      each(byPersona[p.id], function (e) {
        var legendPart = /^(legend|card)/.test(e.id);
        e.classList.toggle(legendPart ? 'dim' : 'off', off);
      });
    });
    /* A score label is shared by the personas with that score at its step:
     * it stays while one of them is shown. */
    scoreLabels.forEach(function (l) {
      var s = steps[l.step];
      var lead = personaById[l.persona];
      if (!s || !lead) return;
      var v = null;
      s.feel.forEach(function (f) { if (f.p === lead.index) v = f.score; });
      var shown = s.feel.some(function (f) {
        var p = personaByIndex[f.p];
        return p && f.score === v && !hidden[p.id];
      });
      l.el.classList.toggle('off', !shown);
    });
    /* A step that concerns only hidden personas is dimmed, and so is a
     * cell whose items all concern only hidden personas. */
    data.steps.forEach(function (s) {
      var who = s.feel.filter(function (f) { return f.p >= 0; }).map(function (f) { return f.p; });
      var stepDim = allHidden(who);
      var laneDim = {};
      ['thoughts', 'pains', 'opportunities'].forEach(function (lane) {
        var list = s[lane];
        laneDim[lane] = !!list && list.length > 0 && list.every(function (it) {
          return allHidden(typeof it !== 'string' && it.personas ? it.personas : who);
        });
      });
      each(byStep[s.id], function (e) {
        e.classList.toggle('dim', stepDim || !!laneDim[e.id.split('.')[0]]);
      });
    });
    if (openId) fillPanel(steps[openId]);
  }

  /* Whether personas (indices) are some and all hidden. */
  function allHidden(list) {
    return list.length > 0 && list.every(function (i) {
      var p = personaByIndex[i];
      return p && hidden[p.id];
    });
  }

  /* Brings a persona's curve forward, fading the others. */
  function highlight(id, on) {
    svg.classList.toggle('focus-persona', on);
    each(byPersona[id], function (e) { if (/^curve\./.test(e.id)) e.classList.toggle('hl', on); });
  }

  var swatches = [];
  each(document.querySelectorAll('[data-toggle-persona]'), function (box) {
    var id = box.getAttribute('data-toggle-persona');
    var label = box.parentNode;
    box.addEventListener('change', function () {
      if (box.checked) delete hidden[id]; else hidden[id] = true;
      label.classList.toggle('is-off', !box.checked);
      applyPersonas();
    });
    function hl(on) { highlight(id, on); }
    label.addEventListener('mouseenter', function () { hl(true); });
    label.addEventListener('mouseleave', function () { hl(false); });
    box.addEventListener('focus', function () { hl(true); });
    box.addEventListener('blur', function () { hl(false); });
    swatches.push({ id: id, el: label.querySelector('.swatch') });
  });

  /* Each persona's legend sample, copied: its line and marker as drawn. */
  function buildSwatches() {
    swatches.forEach(buildSwatch);
  }
  function buildSwatch(sw) {
    var id = sw.id;
    var swatch = sw.el;
    var parts = (byPersona[id] || []).filter(function (e) { return /^legend(-line)?\./.test(e.id); });
    var small = document.createElementNS(SVGNS, 'svg');
    small.setAttribute('aria-hidden', 'true');
    if (parts.length) {
      var box2 = null;
      parts.forEach(function (e) {
        var b = e.getBBox();
        box2 = unionBox(box2, b);
        var c = e.cloneNode(true);
        c.removeAttribute('id');
        small.appendChild(c);
      });
      small.setAttribute('viewBox', (box2.x1 - 1) + ' ' + (box2.y1 - 1) + ' ' + (box2.x2 - box2.x1 + 2) + ' ' +
        (box2.y2 - box2.y1 + 2));
    } else {
      var dot = document.createElementNS(SVGNS, 'circle');
      small.setAttribute('viewBox', '0 0 30 14');
      dot.setAttribute('cx', '15');
      dot.setAttribute('cy', '7');
      dot.setAttribute('r', '5');
      dot.setAttribute('fill', personaById[id] && personaById[id].color ? personaById[id].color : '#3e4c59');
      small.appendChild(dot);
    }
    swatch.appendChild(small);
  }

  /* The picture's own legend entries and persona cards highlight too. */
  var hovered = null;
  svg.addEventListener('mouseover', function (e) {
    var id = null;
    for (var t = e.target; t && t !== svg; t = t.parentNode) {
      if (t.id && t.tagName === 'g') {
        var p = idParts(t.id);
        if (/^(legend|legend-line|legend-name|card|card-.*)$/.test(p[0])) id = p[1];
        break;
      }
    }
    if (id === hovered) return;
    if (hovered) highlight(hovered, false);
    hovered = id;
    if (id) highlight(id, true);
  });
  svg.addEventListener('mouseleave', function () {
    if (hovered) highlight(hovered, false);
    hovered = null;
  });

  each(document.querySelectorAll('[data-toggle-lane]'), function (box) {
    var id = box.getAttribute('data-toggle-lane');
    box.addEventListener('change', function () {
      each(byLane[id], function (e) { e.classList.toggle('lane-off', !box.checked); });
      placeMark();
    });
  });

  /* ---- search ---------------------------------------------------------------------- */

  var matches = [];
  var current = -1;
  function haystack(s) {
    if (s.text === undefined) {
      var bits = [s.title, s.id];
      ['touchpoints', 'owners', 'artifacts', 'notes', 'tags'].forEach(function (k) {
        if (s[k]) bits.push.apply(bits, s[k]);
      });
      ['thoughts', 'pains', 'opportunities', 'frontstage', 'backstage', 'support'].forEach(function (k) {
        (s[k] || []).forEach(function (it) {
          bits.push(itemText(it));
          if (typeof it !== 'string') {
            if (it.id) bits.push(it.id);
            if (it.owner) bits.push(it.owner);
            if (it.tags) bits.push.apply(bits, it.tags);
          }
        });
      });
      (s.metrics || []).forEach(function (m) { bits.push(m.text); });
      (s.evidence || []).forEach(function (e) { bits.push(e.kind, e.source); });
      s.feel.forEach(function (f) { if (f.label) bits.push(f.label); });
      if (s.description) bits.push(s.description);
      if (s.moment) bits.push(s.moment);
      s.text = bits.join('\n').toLowerCase();
    }
    return s.text;
  }

  function runSearch() {
    var q = search.value.trim().toLowerCase();
    matches.forEach(function (id) { if (hooks[id]) hooks[id].classList.remove('match', 'current'); });
    matches = [];
    current = -1;
    if (!q) {
      count.textContent = '';
      return;
    }
    data.steps.forEach(function (s) { if (haystack(s).indexOf(q) >= 0) matches.push(s.id); });
    matches.forEach(function (id) { if (hooks[id]) hooks[id].classList.add('match'); });
    count.textContent = matches.length === 1 ? '1 step' : matches.length + ' steps';
  }

  function nextMatch(back) {
    if (!matches.length) return;
    if (current >= 0 && hooks[matches[current]]) hooks[matches[current]].classList.remove('current');
    current = (current + (back ? matches.length - 1 : 1)) % matches.length;
    var id = matches[current];
    if (hooks[id]) hooks[id].classList.add('current');
    count.textContent = (current + 1) + ' of ' + matches.length + (matches.length === 1 ? ' step' : ' steps');
    reveal(id);
  }

  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      nextMatch(e.shiftKey);
    } else if (e.key === 'Escape' && search.value && !openId) {
      e.preventDefault();
      e.stopPropagation();
      search.value = '';
      runSearch();
    }
  });

  /* ---- keys -------------------------------------------------------------------- */

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && openId) {
      e.preventDefault();
      closePanel();
      return;
    }
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'BUTTON' || t.tagName === 'A' || panel.contains(t))) return;
    var step = 80;
    switch (e.key) {
      case '+': case '=': zoomBy(1.25); break;
      case '-': case '_': case '\u2212': zoomBy(0.8); break;
      case '0': setScale(fitScale()); break;
      case '1': setScale(1); break;
      case 'ArrowLeft': viewport.scrollLeft -= step; break;
      case 'ArrowRight': viewport.scrollLeft += step; break;
      case 'ArrowUp': viewport.scrollTop -= step; break;
      case 'ArrowDown': viewport.scrollTop += step; break;
      default: return;
    }
    e.preventDefault();
  });

  /* ---- links to a step ----------------------------------------------------------- */

  function fromHash() {
    var m = /^#step-(.+)$/.exec(location.hash);
    if (!m) return;
    var id;
    try {
      id = decodeURIComponent(m[1]);
    } catch (e) {
      return;
    }
    if (id !== openId) openStep(id, 'link');
  }
  window.addEventListener('hashchange', fromHash);

  /* ---- start ------------------------------------------------------------------------ */

  /* Ready at once: nothing here makes the browser lay the map out (a
   * large map takes a good part of a second each time).  What needs the
   * map's geometry, the legend samples and the copies of the lane labels
   * and stage headers, comes once the page has loaded. */
  fromHash();
  function settle() {
    setTimeout(function () {
      buildSwatches();
      buildSticky();
      sticky();
      document.documentElement.setAttribute('data-settled', '1');
    }, 0);
  }
  if (document.readyState === 'complete') settle(); else window.addEventListener('load', settle);
  if (window.performance && performance.mark) performance.mark('journey-ready');
  document.documentElement.setAttribute('data-ready', '1');
}());
