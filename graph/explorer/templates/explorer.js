/* kg1571 explorer. All text is inserted with textContent / createTextNode: never as HTML. */
(function () {
  'use strict';
  performance.mark('kg:start');
  var DATA = JSON.parse(document.getElementById('kg-data').textContent);
  var GRAPH = JSON.parse(document.getElementById('kg-graph').textContent);
  performance.mark('kg:parsed');

  var UI = {
    zh: {
      subtitle: '工作部署知识图谱', search: '搜索概念（按 / ）', source: '原文', legend: '图例', reset: '重置视图',
      legendTitle: '图例（点击以显示/隐藏）', sourceTitle: '原文（高亮处为证据，点击查看对应概念）', close: '关闭',
      hint: '点击节点查看证据 · 滚轮缩放 · 拖动平移', definition: '定义', note: '备注', evidence: '证据',
      neighbours: '关联概念', noEvidence: '没有证据。', showInSource: '在原文中查看', relation: '关系',
      relationEvidence: '关系证据', alsoCalled: '又称：', noResults: '没有匹配的概念', passage: '这段原文是以下内容的证据',
      concept: '概念', nodes: '个概念', edgeEvidence: '证据', byline: '作者：', langButton: 'EN', order: '序号',
      incoming: '（被）', translation: '英译（本项目译文，非官方）', original: '原文',
      bilingual: '中英对照'
    },
    en: {
      subtitle: 'work plan knowledge graph', search: 'Search concepts (press /)', source: 'Source', legend: 'Legend',
      reset: 'Reset view', legendTitle: 'Legend (click to show/hide)',
      sourceTitle: 'Source article (highlights are evidence; click one to see its concept)', close: 'Close',
      hint: 'Click a node for its evidence · wheel to zoom · drag to pan', definition: 'Definition', note: 'Note',
      evidence: 'Evidence', neighbours: 'Related concepts', noEvidence: 'No evidence.', showInSource: 'Show in source',
      relation: 'Relation', relationEvidence: 'Evidence for the relation', alsoCalled: 'Also: ',
      noResults: 'No matching concept', passage: 'This passage is evidence for', concept: 'Concept', nodes: 'concepts',
      edgeEvidence: 'evidence', byline: 'By ', langButton: '中文', order: 'Order', incoming: '(inverse) ',
      translation: 'English (this project\'s translation, not official)', original: 'Chinese original',
      bilingual: 'Chinese and English side by side'
    }
  };

  var lang = 'zh';
  var conceptById = new Map(DATA.concepts.map(function (c) { return [c.id, c]; }));
  var relationById = new Map(DATA.relations.map(function (r) { return [r.id, r]; }));
  var classByName = new Map(DATA.classes.map(function (c) { return [c.name, c]; }));
  var edgesOf = new Map();
  DATA.relations.forEach(function (r) {
    [r.s, r.o].forEach(function (id) {
      if (!edgesOf.has(id)) edgesOf.set(id, []);
      edgesOf.get(id).push(r);
    });
  });

  function t(key) { return UI[lang][key]; }
  function other() { return lang === 'zh' ? 'en' : 'zh'; }
  function label(c) { return c[lang] || c.zh; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function swatch(color) { var s = el('span', 'swatch'); s.style.background = color; return s; }
  function predLabel(p) { var term = DATA.predicates[p]; return term ? term[lang] : p; }

  // ------------------------------------------------------------------ tooltips (DOM elements, not HTML)
  function nodeTip(c) {
    var box = el('div', 'tip');
    box.appendChild(el('div', 'tip-zh', c.zh));
    box.appendChild(el('div', 'tip-en', c.en));
    var cls = classByName.get(c.cls);
    var line = el('div', 'tip-cls');
    line.appendChild(swatch(cls ? cls.color : '#999'));
    line.appendChild(document.createTextNode(cls ? cls.zh + ' · ' + cls.en : c.cls));
    box.appendChild(line);
    return box;
  }
  function edgeTip(r) {
    var term = DATA.predicates[r.p] || {zh: r.p, en: r.p};
    var box = el('div', 'tip');
    box.appendChild(el('div', 'tip-zh', term.zh + ' · ' + term.en));
    var s = conceptById.get(r.s), o = conceptById.get(r.o);
    box.appendChild(el('div', 'tip-en', label(s) + ' → ' + label(o)));
    return box;
  }

  // ------------------------------------------------------------------ network
  // Tooltips are DOM elements (built with textContent), attached on first hover rather than for every node
  // up front: that keeps the first frame of a 10k-node graph fast.
  //
  // A large graph (GRAPH.progressive, set by render.py from LARGE_GRAPH nodes up) loads progressively:
  // the first frame holds the nodes in and around the default view (and the edges between them); the rest
  // follow in small chunks after it, nearest first, so the tab keeps answering while they arrive. Anything
  // that needs a node not loaded yet (select, search, deep link, neighbour buttons) loads it, with its
  // neighbours, at once. Below the threshold everything is in the first frame, as before.
  var container = document.getElementById('network');
  var narrow = window.matchMedia('(max-width: 700px)');
  var progressive = !!GRAPH.progressive;
  var nodeRecord = new Map(GRAPH.nodes.map(function (n) { return [n.id, n]; }));
  var edgeRecord = new Map(GRAPH.edges.map(function (e) { return [e.id, e]; }));
  var loadedNodes = new Set(), loadedEdges = new Set();
  var edgeIdsOf = new Map();
  GRAPH.edges.forEach(function (e) {
    [e.from, e.to].forEach(function (id) {
      if (!edgeIdsOf.has(id)) edgeIdsOf.set(id, []);
      edgeIdsOf.get(id).push(e.id);
    });
  });

  // The default view frames the plan's structure (the whole core on a desktop, the framework and its
  // components on a phone) from the precomputed coordinates, so it is right before the first frame is drawn
  // (vis-network's own fit() needs measured labels and never zooms in beyond 1).
  function defaultViewport() {
    var ids = narrow.matches ? [DATA.view.root].concat(DATA.view.components) : DATA.view.core;
    var pts = ids.map(function (id) { return id && nodeRecord.get(id); }).filter(function (n) { return n; });
    if (pts.length < 2) pts = GRAPH.nodes;
    if (!pts.length) return null;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    pts.forEach(function (n) {
      var padX = (n.size || 10) + 70, padTop = (n.size || 10) + 10, padBottom = (n.size || 10) + 58;
      minX = Math.min(minX, n.x - padX); maxX = Math.max(maxX, n.x + padX);
      minY = Math.min(minY, n.y - padTop); maxY = Math.max(maxY, n.y + padBottom);
    });
    var legendOpen = document.body.classList.contains('legend-open') && !narrow.matches;
    var left = legendOpen ? 250 : 10, right = 10, top = 10, bottom = 24;
    var w = Math.max(container.clientWidth - left - right, 50), h = Math.max(container.clientHeight - top - bottom, 50);
    var scale = Math.min(w / (maxX - minX), h / (maxY - minY), 1.5);
    var cx = (minX + maxX) / 2 - (left - right) / 2 / scale, cy = (minY + maxY) / 2 - (top - bottom) / 2 / scale;
    return {position: {x: cx, y: cy}, scale: scale};
  }

  // the nodes of the first frame: all of them, or (progressive) those in the default view and a margin
  var initialView = null;
  var firstNodes = GRAPH.nodes, rest = [];
  if (progressive) {
    document.body.classList.toggle('legend-open', !narrow.matches);  // as setLegendOpen below will
    initialView = defaultViewport();
    var halfW = Math.max(container.clientWidth, 300) / initialView.scale * 0.75;
    var halfH = Math.max(container.clientHeight, 300) / initialView.scale * 0.75;
    var c = initialView.position;
    var core = new Set(DATA.view.core);
    firstNodes = [];
    GRAPH.nodes.forEach(function (n) {
      if (core.has(n.id) || (Math.abs(n.x - c.x) <= halfW && Math.abs(n.y - c.y) <= halfH)) firstNodes.push(n);
      else rest.push(n);
    });
    rest.sort(function (a, b) {  // nearest to the view first
      return (Math.abs(a.x - c.x) + Math.abs(a.y - c.y)) - (Math.abs(b.x - c.x) + Math.abs(b.y - c.y)) || (a.id < b.id ? -1 : 1);
    });
  }
  firstNodes.forEach(function (n) { loadedNodes.add(n.id); });
  var firstEdges = progressive ? GRAPH.edges.filter(function (e) { return loadedNodes.has(e.from) && loadedNodes.has(e.to); })
    : GRAPH.edges;
  firstEdges.forEach(function (e) { loadedEdges.add(e.id); });

  var nodes = new vis.DataSet(firstNodes);
  var edges = new vis.DataSet(firstEdges);
  performance.mark('kg:datasets');
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, GRAPH.options);
  performance.mark('kg:network');
  if (progressive) cullOffscreenEdges(network);

  // Edges drawn only where they can be seen: vis-network draws every edge on every frame, which on a
  // 10k-edge graph costs ~0.2 s a frame even when most are off screen. An edge is skipped when the box of
  // its two end nodes misses the view (a conservative test: nothing visible is ever skipped). Zoomed out
  // below LOD_SCALE, where an arrowhead would be a few pixels, the edges are stroked as plain lines, one
  // path per style, without arrowheads (selected and hovered edges are still drawn in full).
  var LOD_SCALE = 0.3;
  function cullOffscreenEdges(net) {
    var renderer = net.renderer, canvas = net.canvas;
    if (!renderer || !canvas || typeof renderer._drawEdges !== 'function' || typeof renderer._drawArrows !== 'function'
        || !net.body || !net.body.edgeIndices || !net.body.view) return;
    function eachVisible(fn) {
      var margin = 20, frame = canvas.frame.canvas;
      var a = canvas.DOMtoCanvas({x: -margin, y: -margin});
      var b = canvas.DOMtoCanvas({x: frame.clientWidth + margin, y: frame.clientHeight + margin});
      var all = net.body.edges, ids = net.body.edgeIndices;
      for (var i = 0; i < ids.length; i++) {
        var e = all[ids[i]];
        if (e.connected !== true) continue;
        var f = e.from, t = e.to;
        if (!e.selected && !e.hover && f && t && ((f.x < a.x && t.x < a.x) || (f.x > b.x && t.x > b.x) ||
            (f.y < a.y && t.y < a.y) || (f.y > b.y && t.y > b.y))) continue;
        fn(e);
      }
    }
    renderer._drawEdges = function (ctx) {
      var scale = net.body.view.scale;
      if (scale >= LOD_SCALE) { eachVisible(function (e) { e.draw(ctx); }); return; }
      var batches = new Map(), full = [];
      eachVisible(function (e) {
        var o = e.options;
        if (e.selected || e.hover || !o || !o.color || typeof o.color.color !== 'string') { full.push(e); return; }
        var key = o.color.color + '|' + Math.max(o.width || 1, 0.3 / scale) + '|' + (o.dashes ? 1 : 0);
        if (!batches.has(key)) batches.set(key, []);
        batches.get(key).push(e);
      });
      batches.forEach(function (list, key) {
        var parts = key.split('|');
        ctx.save();
        ctx.strokeStyle = parts[0];
        ctx.lineWidth = Number(parts[1]);
        if (parts[2] === '1' && ctx.setLineDash) ctx.setLineDash([5, 5]);
        ctx.beginPath();
        list.forEach(function (e) { ctx.moveTo(e.from.x, e.from.y); ctx.lineTo(e.to.x, e.to.y); });
        ctx.stroke();
        ctx.restore();
      });
      full.forEach(function (e) { e.draw(ctx); });
    };
    renderer._drawArrows = function (ctx) {
      var lod = net.body.view.scale < LOD_SCALE;
      eachVisible(function (e) { if (!lod || e.selected || e.hover) e.drawArrows(ctx); });
    };
  }

  // Load some nodes now (with the edges they complete); `withNeighbours` also loads their neighbours.
  function load(ids, withNeighbours) {
    var want = [];
    function add(id) {
      if (!loadedNodes.has(id) && nodeRecord.has(id)) { loadedNodes.add(id); want.push(nodeRecord.get(id)); }
    }
    ids.forEach(function (id) {
      add(id);
      if (withNeighbours) (edgeIdsOf.get(id) || []).forEach(function (eid) { var e = edgeRecord.get(eid); add(e.from); add(e.to); });
    });
    if (!want.length) return;
    var newEdges = [];
    want.forEach(function (n) {
      (edgeIdsOf.get(n.id) || []).forEach(function (eid) {
        var e = edgeRecord.get(eid);
        if (!loadedEdges.has(eid) && loadedNodes.has(e.from) && loadedNodes.has(e.to)) { loadedEdges.add(eid); newEdges.push(e); }
      });
    });
    nodes.add(want);
    if (newEdges.length) edges.add(newEdges);
  }
  // Each add costs vis-network a pass over the whole graph (and a redraw), so the rest arrives in a few
  // chunks of CHUNK nodes, one per task, with redrawing held back until the chunk is in.
  var CHUNK = 500;
  var restAt = 0;
  // after the next frame has been painted, so input and drawing get a turn between chunks
  function nextChunk() { requestAnimationFrame(function () { setTimeout(loadChunk, 0); }); }
  function loadChunk() {
    var ids = [];
    for (var end = Math.min(restAt + CHUNK, rest.length); restAt < end; restAt++) ids.push(rest[restAt].id);
    var emitter = network.body && network.body.emitter;
    if (emitter) emitter.emit('_blockRedraw');
    try { load(ids, false); } finally { if (emitter) { emitter.emit('_allowRedraw'); emitter.emit('_requestRedraw'); } }
    if (restAt < rest.length) { nextChunk(); return; }
    performance.mark('kg:loaded');
    window.kg.loadedMs = performance.now();
    document.documentElement.setAttribute('data-loaded', 'true');
  }

  var tipped = new Set();
  network.on('hoverNode', function (params) {
    if (tipped.has(params.node)) return;
    tipped.add(params.node);
    nodes.update({id: params.node, title: nodeTip(conceptById.get(params.node))});
  });
  network.on('hoverEdge', function (params) {
    if (tipped.has(params.edge)) return;
    tipped.add(params.edge);
    edges.update({id: params.edge, title: edgeTip(relationById.get(params.edge))});
  });
  var firstFrame = null;
  network.once('afterDrawing', function () {
    firstFrame = performance.now();
    performance.mark('kg:first-frame');
    window.kg.firstFrameMs = firstFrame;
    document.documentElement.setAttribute('data-drawn', 'true');
    if (progressive) nextChunk();
    else { window.kg.loadedMs = firstFrame; document.documentElement.setAttribute('data-loaded', 'true'); }
  });

  function defaultView(animate) {
    var view = defaultViewport();
    if (!view) return;
    network.moveTo({position: view.position, scale: view.scale,
                    animation: animate ? {duration: 400, easingFunction: 'easeInOutQuad'} : false});
  }

  // ------------------------------------------------------------------ selection
  var current = null;   // {kind: 'node'|'edge'|'passage', id}
  var labelledEdges = [];
  var panel = document.getElementById('panel');
  var panelBody = document.getElementById('panel-body');

  function setEdgeLabels(ids) {
    var updates = labelledEdges.map(function (id) { return {id: id, label: undefined}; });
    labelledEdges = ids.slice();
    ids.forEach(function (id) { updates.push({id: id, label: predLabel(relationById.get(id).p)}); });
    if (updates.length) edges.update(updates);
  }

  function setHash(id) {
    var target = id ? '#' + encodeURIComponent(id) : window.location.pathname + window.location.search;
    if (window.location.hash !== (id ? '#' + encodeURIComponent(id) : '')) {
      history.replaceState(null, '', target);
    }
  }

  function showPanel() {
    panel.hidden = false;
    document.body.classList.add('panel-open');
    panel.scrollTop = 0;
  }
  function closePanel() {
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    current = null;
    network.unselectAll();
    setEdgeLabels([]);
    setHash(null);
  }

  function selectConcept(id, opts) {
    opts = opts || {};
    var c = conceptById.get(id);
    if (!c) return false;
    load([id], true);
    var n = nodes.get(id);
    if (n && n.hidden) { setClassVisible(c.cls, true); }
    current = {kind: 'node', id: id};
    network.selectNodes([id], true);
    setEdgeLabels((edgesOf.get(id) || []).map(function (r) { return r.id; }));
    renderConcept(c);
    showPanel();
    if (opts.focus !== false) {
      var scale = Math.max(network.getScale(), narrow.matches ? 0.8 : 1.0);
      network.focus(id, {scale: scale, animation: opts.animate === false ? false : {duration: 450, easingFunction: 'easeInOutQuad'}});
    }
    if (opts.hash !== false) setHash(id);
    return true;
  }

  function selectRelation(id, opts) {
    opts = opts || {};
    var r = relationById.get(id);
    if (!r) return false;
    load([r.s, r.o], false);
    current = {kind: 'edge', id: id};
    network.setSelection({nodes: [], edges: [id]}, {unselectAll: true, highlightEdges: false});
    setEdgeLabels([id]);
    renderRelation(r);
    showPanel();
    if (opts.hash !== false) setHash(id);
    return true;
  }

  function selectId(id, opts) {
    return selectConcept(id, opts) || selectRelation(id, opts);
  }

  network.on('click', function (params) {
    if (params.nodes.length) selectConcept(params.nodes[0], {focus: false});
    else if (params.edges.length) selectRelation(params.edges[0]);
  });

  // ------------------------------------------------------------------ details panel
  function conceptButton(id, cls) {
    var c = conceptById.get(id);
    var b = el('button', cls || 'go');
    b.type = 'button';
    var k = classByName.get(c.cls);
    b.appendChild(swatch(k ? k.color : '#999'));
    b.appendChild(document.createTextNode(label(c)));
    b.title = c[other()] || '';
    b.addEventListener('click', function () { selectConcept(id); });
    return b;
  }

  function classBadge(name) {
    var k = classByName.get(name);
    var b = el('span', 'badge');
    b.appendChild(swatch(k ? k.color : '#999'));
    b.appendChild(document.createTextNode(k ? k[lang] : name));
    return b;
  }

  // The English edition: sentences [start, end, text] in file order, aligned to the article by offsets.
  var EN = DATA.translation;
  function englishFor(start, end) {
    if (!EN) return '';
    var out = [];
    EN.sentences.forEach(function (s) { if (s[0] < end && start < s[1]) out.push(s[2]); });
    return out.join(' ');
  }

  function evidenceBlock(ev) {
    var start = ev[0], end = ev[1], lo = ev[2], hi = ev[3], section = ev[4];
    var box = el('div', 'evidence');
    if (section && DATA.sections[section]) box.appendChild(el('span', 'where', '§ ' + DATA.sections[section][lang]));
    var english = lang === 'en' ? englishFor(start, end) : '';
    if (english) {  // English mode: the sentence in English first, the Chinese original beside it
      var tr = el('blockquote', 'translation', english);
      tr.setAttribute('lang', 'en');
      tr.title = t('translation');
      box.appendChild(tr);
      box.appendChild(el('span', 'where original-label', t('original')));
    }
    var q = el('blockquote', english ? 'original' : null);
    q.setAttribute('lang', 'zh-Hans');
    if (lo < start) q.appendChild(document.createTextNode((lo > 0 && '。！？!?；;\n'.indexOf(DATA.source[lo - 1]) < 0 ? '…' : '') + DATA.source.slice(lo, start)));
    q.appendChild(el('mark', null, DATA.source.slice(start, end)));
    if (end < hi) q.appendChild(document.createTextNode(DATA.source.slice(end, hi)));
    if (hi < DATA.source.length && '。！？!?；;\n'.indexOf(DATA.source[hi - 1]) < 0 && DATA.source[hi] !== '\n') q.appendChild(document.createTextNode('…'));
    box.appendChild(q);
    var link = el('button', 'linkish', t('showInSource'));
    link.type = 'button';
    link.addEventListener('click', function () { openSource(start); });
    box.appendChild(link);
    return box;
  }

  function evidenceList(list, heading) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el('h3', null, heading + ' (' + list.length + ')'));
    if (!list.length) frag.appendChild(el('p', 'muted', t('noEvidence')));
    list.forEach(function (ev) { frag.appendChild(evidenceBlock(ev)); });
    return frag;
  }

  function renderConcept(c) {
    panelBody.textContent = '';
    panelBody.appendChild(classBadge(c.cls));
    var h = el('h2', null, label(c));
    h.id = 'panel-title';
    panelBody.appendChild(h);
    panelBody.appendChild(el('p', 'sub', c[other()]));
    var alts = (c['a' + lang] || []).concat(c['a' + other()] || []);
    if (alts.length) panelBody.appendChild(el('p', 'alt', t('alsoCalled') + alts.join('；')));
    var def = c['d' + lang] || c['d' + other()];
    if (def) { panelBody.appendChild(el('h3', null, t('definition'))); panelBody.appendChild(el('p', null, def)); }
    if (c.note) { panelBody.appendChild(el('h3', null, t('note'))); panelBody.appendChild(el('p', 'muted', c.note)); }
    panelBody.appendChild(evidenceList(c.ev, t('evidence')));

    // neighbours grouped by relation and direction
    var groups = new Map();
    (edgesOf.get(c.id) || []).forEach(function (r) {
      var out = r.s === c.id;
      var key = (out ? '→ ' : '← ') + r.p;
      if (!groups.has(key)) groups.set(key, {p: r.p, out: out, items: []});
      groups.get(key).items.push({id: out ? r.o : r.s, rel: r.id});
    });
    var keys = Array.from(groups.keys()).sort();
    panelBody.appendChild(el('h3', null, t('neighbours') + ' (' + (edgesOf.get(c.id) || []).length + ')'));
    keys.forEach(function (key) {
      var g = groups.get(key);
      panelBody.appendChild(el('h4', null, g.out ? predLabel(g.p) + ' →' : '← ' + t('incoming') + predLabel(g.p)));
      var ul = el('ul', 'neighbours');
      g.items.sort(function (a, b) {
        var ca = conceptById.get(a.id), cb = conceptById.get(b.id);
        return ((ca.order || 1e9) - (cb.order || 1e9)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      g.items.forEach(function (item) {
        var li = el('li');
        li.appendChild(conceptButton(item.id));
        var why = el('button', 'linkish why', t('edgeEvidence'));
        why.type = 'button';
        why.addEventListener('click', function () { selectRelation(item.rel); });
        li.appendChild(why);
        ul.appendChild(li);
      });
      panelBody.appendChild(ul);
    });
  }

  function renderRelation(r) {
    panelBody.textContent = '';
    var term = DATA.predicates[r.p] || {zh: r.p, en: r.p, czh: '', cen: ''};
    panelBody.appendChild(el('span', 'badge', t('relation')));
    var h = el('h2', null, term[lang]);
    h.id = 'panel-title';
    panelBody.appendChild(h);
    panelBody.appendChild(el('p', 'sub', term[other()] + ' · ' + r.p));
    var line = el('div', 'relation-line');
    line.appendChild(conceptButton(r.s));
    line.appendChild(el('span', 'arrow', '—' + term[lang] + '→'));
    line.appendChild(conceptButton(r.o));
    panelBody.appendChild(line);
    var comment = term['c' + lang] || term['c' + other()];
    if (comment) panelBody.appendChild(el('p', 'muted', comment));
    if (r.note) { panelBody.appendChild(el('h3', null, t('note'))); panelBody.appendChild(el('p', 'muted', r.note)); }
    panelBody.appendChild(evidenceList(r.ev, t('relationEvidence')));
  }

  function renderPassage(owners) {
    panelBody.textContent = '';
    panelBody.appendChild(el('h3', null, t('passage')));
    var ul = el('ul', 'neighbours');
    owners.forEach(function (id) {
      var li = el('li');
      if (conceptById.has(id)) {
        li.appendChild(conceptButton(id));
      } else {
        var r = relationById.get(id);
        var b = el('button', 'go', label(conceptById.get(r.s)) + ' —' + predLabel(r.p) + '→ ' + label(conceptById.get(r.o)));
        b.type = 'button';
        b.addEventListener('click', function () { selectRelation(id); });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
    panelBody.appendChild(ul);
  }

  function rerenderPanel() {
    if (!current || panel.hidden) return;
    if (current.kind === 'node') renderConcept(conceptById.get(current.id));
    else if (current.kind === 'edge') renderRelation(relationById.get(current.id));
    else if (current.kind === 'passage') renderPassage(current.owners);
  }

  // ------------------------------------------------------------------ legend
  var hiddenClasses = new Set();
  var legendList = document.getElementById('legend-list');
  function shapeIcon(shape, color) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('aria-hidden', 'true');
    var shapeEl;
    var polys = {
      diamond: '8,1 15,8 8,15 1,8', triangle: '8,1.5 15,14 1,14', triangleDown: '1,2 15,2 8,14.5',
      hexagon: '4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8',
      star: '8,0.8 10,5.8 15.3,6 11.2,9.4 12.6,14.8 8,11.8 3.4,14.8 4.8,9.4 0.7,6 6,5.8'
    };
    if (shape === 'square') {
      shapeEl = document.createElementNS(ns, 'rect');
      shapeEl.setAttribute('x', '2'); shapeEl.setAttribute('y', '2'); shapeEl.setAttribute('width', '12'); shapeEl.setAttribute('height', '12');
    } else if (polys[shape]) {
      shapeEl = document.createElementNS(ns, 'polygon');
      shapeEl.setAttribute('points', polys[shape]);
    } else {
      shapeEl = document.createElementNS(ns, 'circle');
      shapeEl.setAttribute('cx', '8'); shapeEl.setAttribute('cy', '8'); shapeEl.setAttribute('r', '6.5');
    }
    shapeEl.setAttribute('fill', color);
    shapeEl.setAttribute('stroke', 'rgba(0,0,0,.35)');
    svg.appendChild(shapeEl);
    return svg;
  }
  function renderLegend() {
    legendList.textContent = '';
    DATA.classes.forEach(function (k) {
      var li = el('li');
      var b = el('button');
      b.type = 'button';
      b.setAttribute('data-class', k.name);
      b.setAttribute('aria-pressed', hiddenClasses.has(k.name) ? 'false' : 'true');
      b.title = k['c' + lang] || '';
      b.appendChild(shapeIcon(k.shape, k.color));
      b.appendChild(el('span', 'name', k[lang]));
      b.appendChild(el('span', 'count', k.count));
      b.addEventListener('click', function () { setClassVisible(k.name, hiddenClasses.has(k.name)); });
      li.appendChild(b);
      legendList.appendChild(li);
    });
  }
  function setClassVisible(name, visible) {
    if (visible) hiddenClasses.delete(name); else hiddenClasses.add(name);
    var updates = [];
    DATA.concepts.forEach(function (c) {
      if (c.cls !== name) return;
      if (loadedNodes.has(c.id)) updates.push({id: c.id, hidden: !visible});
      else nodeRecord.get(c.id).hidden = !visible;  // not loaded yet: it arrives as it should be
    });
    nodes.update(updates);
    var b = legendList.querySelector('button[data-class="' + CSS.escape(name) + '"]');
    if (b) b.setAttribute('aria-pressed', visible ? 'true' : 'false');
  }

  // ------------------------------------------------------------------ search
  var search = document.getElementById('search');
  var suggestions = document.getElementById('suggestions');
  var index = DATA.concepts.map(function (c) {
    return {id: c.id, keys: [c.zh, c.en].concat(c.azh || [], c.aen || []).map(function (s) { return s.toLowerCase(); })};
  });
  var active = -1, results = [];
  function rank(entry, q) {
    var best = 9;
    entry.keys.forEach(function (k) {
      var i = k.indexOf(q);
      if (i < 0) return;
      best = Math.min(best, k === q ? 0 : i === 0 ? 1 : 2);
    });
    return best;
  }
  function findConcepts(query, limit) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) { var r = rank(entry, q); if (r < 9) hits.push([r, entry.id]); });
    hits.sort(function (a, b) {
      if (a[0] !== b[0]) return a[0] - b[0];
      var la = conceptById.get(a[1]).zh.length, lb = conceptById.get(b[1]).zh.length;
      return (la - lb) || (a[1] < b[1] ? -1 : 1);
    });
    return hits.slice(0, limit || 12).map(function (h) { return h[1]; });
  }
  function closeSuggestions() {
    suggestions.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    active = -1;
  }
  function showSuggestions() {
    results = findConcepts(search.value);
    suggestions.textContent = '';
    active = -1;
    if (!search.value.trim()) { closeSuggestions(); return; }
    if (!results.length) {
      suggestions.appendChild(el('li', 'empty', t('noResults')));
    }
    results.forEach(function (id, i) {
      var c = conceptById.get(id);
      var li = el('li');
      li.setAttribute('role', 'option');
      li.setAttribute('data-id', id);
      li.id = 'suggestion-' + i;
      li.appendChild(swatch((classByName.get(c.cls) || {}).color || '#999'));
      li.appendChild(el('span', 'main', label(c)));
      li.appendChild(el('span', 'other', c[other()]));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(id); });
      suggestions.appendChild(li);
    });
    suggestions.hidden = false;
    search.setAttribute('aria-expanded', 'true');
  }
  function highlight(i) {
    var items = suggestions.querySelectorAll('li[role=option]');
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach(function (li, j) { li.setAttribute('aria-selected', j === active ? 'true' : 'false'); });
    search.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({block: 'nearest'});
  }
  function choose(id) {
    closeSuggestions();
    search.value = label(conceptById.get(id));
    search.blur();
    selectConcept(id);
  }
  search.addEventListener('input', showSuggestions);
  search.addEventListener('focus', function () { if (search.value.trim()) showSuggestions(); });
  search.addEventListener('blur', function () { setTimeout(closeSuggestions, 120); });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); if (suggestions.hidden) showSuggestions(); highlight(active + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(active - 1); }
    else if (ev.key === 'Enter') {
      ev.preventDefault();
      var pick = results[active >= 0 ? active : 0];
      if (pick) choose(pick);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      if (!suggestions.hidden) closeSuggestions(); else search.blur();
    }
  });

  // ------------------------------------------------------------------ source view
  var sourceView = document.getElementById('source-view');
  var sourceText = document.getElementById('source-text');
  var sourceToggle = document.getElementById('source-toggle');
  var sourceBuilt = false;
  function markElement(m, i, from, to) {
    var mark = el('mark', m[2].length > 1 ? 'multi' : null, DATA.source.slice(from, to));
    mark.setAttribute('data-mark', String(i));
    mark.setAttribute('data-start', String(from));
    mark.title = m[2].map(function (id) {
      var c = conceptById.get(id);
      if (c) return label(c);
      var r = relationById.get(id);
      return label(conceptById.get(r.s)) + ' —' + predLabel(r.p) + '→ ' + label(conceptById.get(r.o));
    }).join('\n');
    return mark;
  }
  // English mode: one row per sentence, the Chinese (with its evidence highlights) beside the English.
  function buildBilingualSource() {
    var text = DATA.source, frag = document.createDocumentFragment(), m = 0, previous = 0;
    EN.sentences.forEach(function (s) {
      var row = el('div', 'row' + (text.slice(previous, s[0]).indexOf('\n') >= 0 ? ' para' : ''));
      var zh = el('div', 'zh'), at = s[0];
      zh.setAttribute('lang', 'zh-Hans');
      while (m < DATA.marks.length && DATA.marks[m][1] <= s[0]) m++;
      for (var i = m; i < DATA.marks.length && DATA.marks[i][0] < s[1]; i++) {
        var from = Math.max(DATA.marks[i][0], s[0]), to = Math.min(DATA.marks[i][1], s[1]);
        if (from > at) zh.appendChild(document.createTextNode(text.slice(at, from)));
        zh.appendChild(markElement(DATA.marks[i], i, from, to));
        at = to;
      }
      if (at < s[1]) zh.appendChild(document.createTextNode(text.slice(at, s[1])));
      var en = el('div', 'en', s[2]);
      en.setAttribute('lang', 'en');
      row.appendChild(zh);
      row.appendChild(en);
      frag.appendChild(row);
      previous = s[1];
    });
    sourceText.textContent = '';
    sourceText.classList.add('bilingual');
    sourceText.removeAttribute('lang');
    sourceText.appendChild(frag);
    document.getElementById('source-meta').textContent = (EN.title || DATA.title) + ' — ' + t('bilingual') + ' · ' + t('translation');
    sourceBuilt = true;
  }
  function buildSource() {
    if (lang === 'en' && EN) { buildBilingualSource(); return; }
    sourceText.classList.remove('bilingual');
    sourceText.setAttribute('lang', 'zh-Hans');
    document.getElementById('source-meta').textContent = DATA.title + ' — ' + DATA.creator;
    var text = DATA.source, at = 0;
    var frag = document.createDocumentFragment();
    DATA.marks.forEach(function (m, i) {
      if (m[0] > at) frag.appendChild(document.createTextNode(text.slice(at, m[0])));
      frag.appendChild(markElement(m, i, m[0], m[1]));
      at = m[1];
    });
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    sourceText.textContent = '';
    sourceText.appendChild(frag);
    sourceBuilt = true;
  }
  sourceText.addEventListener('click', function (ev) {
    var mark = ev.target.closest('mark[data-mark]');
    if (!mark) return;
    var owners = DATA.marks[Number(mark.getAttribute('data-mark'))][2];
    var concepts = owners.filter(function (id) { return conceptById.has(id); });
    if (owners.length === 1 && concepts.length === 1) { selectConcept(concepts[0]); return; }
    current = {kind: 'passage', owners: owners};
    renderPassage(owners);
    showPanel();
  });
  function openSource(offset) {
    if (!sourceBuilt) buildSource();
    sourceView.hidden = false;
    sourceToggle.setAttribute('aria-pressed', 'true');
    if (typeof offset === 'number') {
      var marks = sourceText.querySelectorAll('mark[data-start]');
      for (var i = 0; i < marks.length; i++) {
        if (Number(marks[i].getAttribute('data-start')) >= offset) {
          var m = marks[i];
          m.scrollIntoView({block: 'center'});
          m.classList.add('flash');
          setTimeout(function () { m.classList.remove('flash'); }, 1600);
          break;
        }
      }
    }
  }
  function closeSource() {
    sourceView.hidden = true;
    sourceToggle.setAttribute('aria-pressed', 'false');
  }
  sourceToggle.addEventListener('click', function () { if (sourceView.hidden) openSource(); else closeSource(); });
  document.getElementById('source-close').addEventListener('click', closeSource);
  document.getElementById('source-meta').textContent = DATA.title + ' — ' + DATA.creator;

  // ------------------------------------------------------------------ language
  var langToggle = document.getElementById('lang-toggle');
  function setLanguage(next) {
    lang = next === 'en' ? 'en' : 'zh';
    document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
    document.querySelectorAll('[data-ui]').forEach(function (e) { e.textContent = t(e.getAttribute('data-ui')); });
    document.querySelectorAll('[data-ui-placeholder]').forEach(function (e) { e.placeholder = t(e.getAttribute('data-ui-placeholder')); });
    document.querySelectorAll('[data-ui-label]').forEach(function (e) { e.setAttribute('aria-label', t(e.getAttribute('data-ui-label'))); });
    langToggle.textContent = t('langButton');
    var labels = [];
    DATA.concepts.forEach(function (c) {
      var text = lang === 'zh' ? c.wzh : c.wen;
      if (loadedNodes.has(c.id)) labels.push({id: c.id, label: text});
      else nodeRecord.get(c.id).label = text;  // not loaded yet: it arrives in the current language
    });
    nodes.update(labels);
    setEdgeLabels(labelledEdges);
    renderLegend();
    rerenderPanel();
    if (sourceBuilt) buildSource();
    if (!suggestions.hidden) showSuggestions();
  }
  langToggle.addEventListener('click', function () { setLanguage(other()); });

  // ------------------------------------------------------------------ legend toggle, reset, keys, hash
  var legendToggle = document.getElementById('legend-toggle');
  function setLegendOpen(open) {
    document.body.classList.toggle('legend-open', open);
    legendToggle.setAttribute('aria-pressed', open ? 'true' : 'false');
  }
  legendToggle.addEventListener('click', function () { setLegendOpen(!document.body.classList.contains('legend-open')); });
  setLegendOpen(!narrow.matches);
  if (initialView) network.moveTo({position: initialView.position, scale: initialView.scale, animation: false});
  else defaultView(false);

  function reset() {
    Array.from(hiddenClasses).forEach(function (name) { setClassVisible(name, true); });
    closeSource();
    closePanel();
    search.value = '';
    closeSuggestions();
    defaultView(true);
  }
  document.getElementById('reset').addEventListener('click', reset);
  document.getElementById('panel-close').addEventListener('click', closePanel);

  document.addEventListener('keydown', function (ev) {
    var typing = ev.target && (ev.target.tagName === 'INPUT' || ev.target.tagName === 'TEXTAREA' || ev.target.isContentEditable);
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      search.focus();
      search.select();
    } else if (ev.key === 'Escape') {
      if (!suggestions.hidden) { closeSuggestions(); return; }
      if (!panel.hidden) closePanel();
      else if (!sourceView.hidden) closeSource();
    }
  });

  function fromHash() {
    var raw = window.location.hash.slice(1);
    if (!raw) return;
    var id;
    try { id = decodeURIComponent(raw); } catch (e) { return; }
    if (current && current.id === id) return;
    selectId(id, {hash: false, animate: false});
  }
  window.addEventListener('hashchange', fromHash);

  renderLegend();
  window.network = network;
  window.kg = {
    network: network, nodes: nodes, edges: edges, data: DATA, firstFrameMs: firstFrame,
    select: selectId, selectConcept: selectConcept, selectRelation: selectRelation, setLanguage: setLanguage,
    setClassVisible: setClassVisible, search: findConcepts, openSource: openSource, reset: reset,
    language: function () { return lang; }, progressive: progressive, loadedMs: null,
    loaded: function () { return loadedNodes.size === GRAPH.nodes.length; }
  };
  fromHash();
}());
