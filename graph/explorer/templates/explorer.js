/* kg1571 explorer. All text is inserted with textContent / createTextNode: never as HTML. */
(function () {
  'use strict';
  performance.mark('kg:start');
  var DATA = JSON.parse(document.getElementById('kg-data').textContent);
  var GRAPH = JSON.parse(document.getElementById('kg-graph').textContent);
  performance.mark('kg:parsed');

  var UI = {
    zh: {
      subtitle: '工作部署知识图谱', search: '搜索概念（按 / ）', searchLabel: '搜索概念', results: '搜索结果', tools: '工具',
      source: '原文', legend: '筛选', reset: '重置视图', outline: '纲要', list: '列表', copyLink: '复制链接',
      legendTitle: '筛选', classesTitle: '类别', relationsTitle: '关系类型', all: '全部', none: '全不选',
      fit: '适配可见', solo: '仅此', soloLabel: '只显示', outlineTitle: '工作部署一览', listTitle: '列表视图（与图中内容相同）',
      sourceTitle: '原文（高亮处为证据，点击查看对应概念）', close: '关闭',
      canvas: '知识图谱画布',
      canvasHelp: '方向键：移到该方向上最近的概念；Enter：打开详情；Esc：清除选择；+ / −：缩放；Home：回到框架；0：默认视图；' +
        'Shift + 方向键：平移。也可用“列表”视图浏览同样的内容。',
      hintKeys: '方向键移动 · Enter 详情 · Esc 清除 · +/− 缩放 · Home 框架', relationsCount: '个关系', cleared: '已清除选择',
      paths: '路径', pathPlaceholder: '搜索概念', swap: '交换起点和终点', pathPickField: '请在另一栏中选择概念，或在图中点击一个节点',
      hint: '点击节点查看证据 · 滚轮缩放 · 拖动平移', definition: '定义', note: '备注', evidence: '证据',
      neighbours: '关联概念', noEvidence: '没有证据。', showInSource: '在原文中查看', relation: '关系',
      relationEvidence: '关系证据', alsoCalled: '又称：', noResults: '没有匹配的概念', passage: '这段原文是以下内容的证据',
      concept: '概念', nodes: '个概念', edgeEvidence: '证据', byline: '作者：', langButton: 'EN', order: '序号',
      translation: '英译（本项目译文，非官方）', original: '原文', bilingual: '中英对照',
      structure: '全文结构', role: '作用', hops1: '只看直接关联', hops2: '显示两步以内', fromHere: '从这里出发', toHere: '到这里',
      pathTitle: '两概念之间的路径', pathFrom: '起点', pathTo: '终点', pathNone: '3 步以内没有路径。', pathShortest: '最短路径',
      pathLonger: '3 步以内的其他路径', steps: '步', pathPick: '再选择另一个概念作为', clearPath: '清除路径',
      copied: '链接已复制', copyFallback: '请复制此链接：', unknownId: '找不到这个概念或关系：', why: {
        label: '名称', alt: '别名', role: '作用', pinyin: '拼音', cls: '类别', words: '词语', fuzzy: '近似', def: '定义', ev: '证据'
      },
      members: '成员', total: '共', exportTitle: '导出', print: '打印', cite: '引用', citeText: '文本', copy: '复制',
      copiedCitation: '引用已复制', selectToCopy: '已选中，请按 Ctrl+C 复制'
    },
    en: {
      subtitle: 'work plan knowledge graph', search: 'Search concepts (press /)', searchLabel: 'Search concepts',
      results: 'Search results', tools: 'Tools', source: 'Source', legend: 'Filters', reset: 'Reset view', outline: 'Outline',
      list: 'List', copyLink: 'Copy link', legendTitle: 'Filters', classesTitle: 'Classes', relationsTitle: 'Relation types',
      all: 'All', none: 'None', fit: 'Fit visible', solo: 'Only', soloLabel: 'Show only', outlineTitle: 'The plan at a glance',
      listTitle: 'List view (the same content as the graph)',
      sourceTitle: 'Source article (highlights are evidence; click one to see its concept)', close: 'Close',
      canvas: 'Knowledge graph canvas',
      canvasHelp: 'Arrow keys: move to the nearest concept in that direction; Enter: open its details; Escape: clear the ' +
        'selection; + and −: zoom; Home: the framework; 0: default view; Shift + arrow keys: pan. The List view has the same content.',
      hintKeys: 'Arrows move · Enter details · Esc clears · +/− zoom · Home framework', relationsCount: 'relations',
      cleared: 'Selection cleared', paths: 'Paths', pathPlaceholder: 'Search concepts', swap: 'Swap From and To',
      pathPickField: 'Pick the other concept in the other field, or click a node',
      hint: 'Click a node for its evidence · wheel to zoom · drag to pan', definition: 'Definition', note: 'Note',
      evidence: 'Evidence', neighbours: 'Related concepts', noEvidence: 'No evidence.', showInSource: 'Show in source',
      relation: 'Relation', relationEvidence: 'Evidence for the relation', alsoCalled: 'Also: ',
      noResults: 'No matching concept', passage: 'This passage is evidence for', concept: 'Concept', nodes: 'concepts',
      edgeEvidence: 'evidence', byline: 'By ', langButton: '中文', order: 'Order',
      translation: 'English (this project\'s translation, not official)', original: 'Chinese original',
      bilingual: 'Chinese and English side by side', structure: 'The structure in one sentence', role: 'Role',
      hops1: 'Direct neighbours only', hops2: 'Show two steps', fromHere: 'Path from here', toHere: 'Path to here',
      pathTitle: 'Paths between two concepts', pathFrom: 'From', pathTo: 'To', pathNone: 'No path of up to 3 steps.',
      pathShortest: 'Shortest paths', pathLonger: 'Other paths of up to 3 steps', steps: 'steps',
      pathPick: 'Now pick the other concept: ', clearPath: 'Clear path', copied: 'Link copied',
      copyFallback: 'Copy this link:', unknownId: 'No concept or relation with this id: ', why: {
        label: 'label', alt: 'alternative label', role: 'role', pinyin: 'pinyin', cls: 'class', words: 'words',
        fuzzy: 'close spelling', def: 'definition', ev: 'evidence'
      },
      members: 'members', total: '', exportTitle: 'Export', print: 'Print', cite: 'Cite', citeText: 'Text', copy: 'Copy',
      copiedCitation: 'Citation copied', selectToCopy: 'Selected: press Ctrl+C to copy'
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
  var OUTLINE = DATA.outline || {tree: {}, roles: {}, numbers: {}};

  function t(key) { return UI[lang][key]; }
  function other() { return lang === 'zh' ? 'en' : 'zh'; }
  function langTag(l) { return l === 'zh' ? 'zh-Hans' : 'en'; }
  function label(c) { return c[lang] || c.zh; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function inLang(tag, cls, text, l) { var e = el(tag, cls, text); e.setAttribute('lang', langTag(l)); return e; }
  function swatch(color) { var s = el('span', 'swatch'); s.style.background = color; return s; }
  function term(p) { return DATA.predicates[p] || {zh: p, en: p, izh: p, ien: p, czh: '', cen: ''}; }
  function predLabel(p) { return term(p)[lang]; }
  // a relation as the reader at `from` sees it: its own name outward, its inverse name inward
  function wording(p, outward) { var x = term(p); return outward ? x[lang] : (x['i' + lang] || x[lang]); }
  function relationText(r) { return label(conceptById.get(r.s)) + ' —' + predLabel(r.p) + '→ ' + label(conceptById.get(r.o)); }

  // ------------------------------------------------------------------ tooltips (DOM elements, not HTML)
  function nodeTip(c) {
    var box = el('div', 'tip');
    box.appendChild(inLang('div', 'tip-zh', c.zh, 'zh'));
    box.appendChild(inLang('div', 'tip-en', c.en, 'en'));
    var cls = classByName.get(c.cls);
    var line = el('div', 'tip-cls');
    line.appendChild(swatch(cls ? cls.color : '#999'));
    line.appendChild(document.createTextNode(cls ? cls.zh + ' · ' + cls.en : c.cls));
    box.appendChild(line);
    return box;
  }
  function edgeTip(r) {
    var x = term(r.p);
    var box = el('div', 'tip');
    box.appendChild(el('div', 'tip-zh', x.zh + ' · ' + x.en));
    box.appendChild(el('div', 'tip-en', relationText(r)));
    return box;
  }

  // ------------------------------------------------------------------ network
  // Tooltips are DOM elements (built with textContent), attached on first hover rather than for every node
  // up front: that keeps the first frame of a 10k-node graph fast.
  //
  // A large graph (GRAPH.progressive, set by page.py from LARGE_GRAPH nodes up) loads progressively:
  // the first frame holds the nodes in and around the default view (and the edges between them); the rest
  // follow in small chunks after it, nearest first, so the tab keeps answering while they arrive. Anything
  // that needs a node not loaded yet (select, search, deep link, neighbour buttons) loads it, with its
  // neighbours, at once. Below the threshold everything is in the first frame.
  var container = document.getElementById('network');
  var narrow = window.matchMedia('(max-width: 700px)');
  var wide = window.matchMedia('(min-width: 1100px)');
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

  // The part of the drawing no panel covers, in CSS pixels of the container: the outline (left) and
  // filters on a desktop, the details panel (right on a desktop, a bottom sheet on a phone).
  function freeArea() {
    var w = container.clientWidth, h = container.clientHeight, body = document.body.classList;
    var area = {left: 10, top: 10, right: w - 10, bottom: h - 24};
    if (!narrow.matches) {
      var leftW = 0;
      if (body.contains('outline-open')) leftW = Math.max(leftW, 320);
      if (body.contains('legend-open')) leftW = Math.max(leftW, body.contains('outline-open') ? 320 + 262 : 262);
      area.left = leftW + 10;
      if (body.contains('panel-open')) area.right = w - 430;
    } else if (body.contains('panel-open')) {
      area.bottom = Math.round(h * 0.42) - 10;
    }
    if (area.right - area.left < 120) { area.left = 10; area.right = w - 10; }
    if (area.bottom - area.top < 120) { area.top = 10; area.bottom = h - 10; }
    return area;
  }
  // The view that shows these points (graph coordinates, each with its padding) inside the free area.
  function viewFor(pts, maxScale, minScale) {
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    pts.forEach(function (n) {
      var s = n.size || 10, padX = s + 70, padTop = s + 10, padBottom = s + 58;
      minX = Math.min(minX, n.x - padX); maxX = Math.max(maxX, n.x + padX);
      minY = Math.min(minY, n.y - padTop); maxY = Math.max(maxY, n.y + padBottom);
    });
    var a = freeArea(), W = container.clientWidth, H = container.clientHeight;
    var w = Math.max(a.right - a.left, 50), h = Math.max(a.bottom - a.top, 50);
    var scale = Math.min(w / (maxX - minX), h / (maxY - minY), maxScale || 1.5);
    if (minScale) scale = Math.max(scale, minScale);
    // the box's centre goes to the free area's centre
    var fx = (a.left + a.right) / 2, fy = (a.top + a.bottom) / 2;
    var cx = (minX + maxX) / 2 - (fx - W / 2) / scale, cy = (minY + maxY) / 2 - (fy - H / 2) / scale;
    return {position: {x: cx, y: cy}, scale: scale};
  }

  // The default view frames the plan's structure (the whole core on a desktop, the framework and its
  // components on a phone) from the precomputed coordinates, so it is right before the first frame is drawn
  // (vis-network's own fit() needs measured labels and never zooms in beyond 1).
  function defaultViewport() {
    var ids = narrow.matches ? [DATA.view.root].concat(DATA.view.components) : DATA.view.core;
    var pts = ids.map(function (id) { return id && nodeRecord.get(id); }).filter(function (n) { return n; });
    if (pts.length < 2) pts = GRAPH.nodes;
    if (!pts.length) return null;
    return viewFor(pts, 1.5);
  }

  // the outline is open from the start on wide screens (it is part of the default view)
  document.body.classList.toggle('outline-open', wide.matches);

  // the nodes of the first frame: all of them, or (progressive) those in the default view and a margin
  var initialView = null;
  var firstNodes = GRAPH.nodes, rest = [];
  if (progressive) {
    initialView = defaultViewport();
    var halfW = Math.max(container.clientWidth, 300) / initialView.scale * 0.75;
    var halfH = Math.max(container.clientHeight, 300) / initialView.scale * 0.75;
    var c0 = initialView.position;
    var core = new Set(DATA.view.core);
    firstNodes = [];
    GRAPH.nodes.forEach(function (n) {
      if (core.has(n.id) || (Math.abs(n.x - c0.x) <= halfW && Math.abs(n.y - c0.y) <= halfH)) firstNodes.push(n);
      else rest.push(n);
    });
    rest.sort(function (a, b) {  // nearest to the view first
      return (Math.abs(a.x - c0.x) + Math.abs(a.y - c0.y)) - (Math.abs(b.x - c0.x) + Math.abs(b.y - c0.y)) || (a.id < b.id ? -1 : 1);
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
  var emphasis = null;  // null, or {nodes: Set, edges: Set}: what a selection or a path keeps in full colour
  drawVisibleEdges(network);

  // Edges drawn only where they can be seen, and quietly where they leave it: vis-network draws every edge
  // on every frame, which on a 10k-edge graph costs ~0.2 s a frame even when most are off screen. An edge is
  // skipped when the box of its two end nodes misses the view (a conservative test: nothing visible is ever
  // skipped). An edge with an end off screen is drawn faint (FADE_OFFSCREEN), so the default view is not a
  // sunburst of lines running out of the picture; selected, hovered and emphasised edges are drawn in full.
  // Zoomed out below LOD_SCALE, where an arrowhead would be a few pixels, the edges are stroked as plain
  // lines, one path per style, without arrowheads.
  var LOD_SCALE = 0.3, FADE_OFFSCREEN = 0.12;
  function drawVisibleEdges(net) {
    var renderer = net.renderer, canvas = net.canvas;
    if (!renderer || !canvas || typeof renderer._drawEdges !== 'function' || typeof renderer._drawArrows !== 'function'
        || !net.body || !net.body.edgeIndices || !net.body.view) return;
    function eachVisible(fn) {
      var margin = 20, frame = canvas.frame.canvas;
      var a = canvas.DOMtoCanvas({x: -margin, y: -margin});
      var b = canvas.DOMtoCanvas({x: frame.clientWidth + margin, y: frame.clientHeight + margin});
      var i0 = canvas.DOMtoCanvas({x: 0, y: 0}), i1 = canvas.DOMtoCanvas({x: frame.clientWidth, y: frame.clientHeight});
      var all = net.body.edges, ids = net.body.edgeIndices;
      for (var i = 0; i < ids.length; i++) {
        var e = all[ids[i]];
        if (e.connected !== true) continue;
        var f = e.from, to = e.to;
        if (!f || !to) { fn(e, false); continue; }
        var full = e.selected || e.hover || (emphasis !== null && emphasis.edges.has(e.id));
        if (!full && ((f.x < a.x && to.x < a.x) || (f.x > b.x && to.x > b.x) ||
            (f.y < a.y && to.y < a.y) || (f.y > b.y && to.y > b.y))) continue;
        var fIn = f.x >= i0.x && f.x <= i1.x && f.y >= i0.y && f.y <= i1.y;
        var tIn = to.x >= i0.x && to.x <= i1.x && to.y >= i0.y && to.y <= i1.y;
        fn(e, !full && (emphasis !== null || !(fIn && tIn)));
      }
    }
    function drawFaded(ctx, e, faded, what) {
      if (!faded) { what(e); return; }
      var alpha = ctx.globalAlpha;
      ctx.globalAlpha = alpha * FADE_OFFSCREEN;
      try { what(e); } finally { ctx.globalAlpha = alpha; }
    }
    renderer._drawEdges = function (ctx) {
      var scale = net.body.view.scale, stats = {drawn: 0, faded: 0};
      net.kgEdgeStats = stats;  // what the last frame drew (for tests and curious readers)
      if (scale >= LOD_SCALE) {
        eachVisible(function (e, faded) {
          stats.drawn++; if (faded) stats.faded++;
          drawFaded(ctx, e, faded, function (x) { x.draw(ctx); });
        });
        return;
      }
      var batches = new Map(), full = [];
      eachVisible(function (e) {
        var o = e.options;
        if (e.selected || e.hover || !o || !o.color || typeof o.color.color !== 'string' || o.color.opacity < 1) { full.push(e); return; }
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
      eachVisible(function (e, faded) {
        if (!lod || e.selected || e.hover) drawFaded(ctx, e, faded, function (x) { x.drawArrows(ctx); });
      });
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
    setTimeout(prepareSearch, 0);
  }

  var tipped = new Set();
  network.on('hoverNode', function (params) {
    if (tipped.has(params.node)) return;
    tipped.add(params.node);
    nodes.update({id: params.node, title: nodeTip(conceptById.get(params.node))});
  });
  network.on('hoverEdge', function (params) {
    if (labelledEdges.indexOf(params.edge) < 0 && relationById.has(params.edge)) {
      hoverLabel = params.edge;
      edges.update({id: params.edge, label: predLabel(relationById.get(params.edge).p)});
    }
    if (tipped.has(params.edge)) return;
    tipped.add(params.edge);
    edges.update({id: params.edge, title: edgeTip(relationById.get(params.edge))});
  });
  network.on('blurEdge', function (params) {
    if (hoverLabel !== params.edge) return;
    hoverLabel = null;
    if (labelledEdges.indexOf(params.edge) < 0 && loadedEdges.has(params.edge)) edges.update({id: params.edge, label: undefined});
  });
  network.on('dragEnd', function (params) {  // a moved node changes where labels fit
    if (params.nodes && params.nodes.length && labelCandidates.length) setEdgeLabels(labelCandidates, labelledEdges.anchor);
  });
  var firstFrame = null;
  network.once('afterDrawing', function () {
    firstFrame = performance.now();
    performance.mark('kg:first-frame');
    window.kg.firstFrameMs = firstFrame;
    document.documentElement.setAttribute('data-drawn', 'true');
    if (progressive) nextChunk();
    else {
      window.kg.loadedMs = firstFrame;
      document.documentElement.setAttribute('data-loaded', 'true');
      setTimeout(prepareSearch, 0);
    }
  });

  function defaultView(animate) {
    var view = defaultViewport();
    if (!view) return;
    network.moveTo({position: view.position, scale: view.scale,
                    animation: animate ? {duration: 400, easingFunction: 'easeInOutQuad'} : false});
  }
  // Frame these concepts in the free area: one concept keeps the current zoom (at least 1, or 0.8 on a
  // phone), several are fitted.
  function frame(ids, animate) {
    var pts = ids.map(function (id) { var p = network.getPositions([id])[id]; var r = nodeRecord.get(id);
      return p ? {x: p.x, y: p.y, size: r && r.size} : null; }).filter(Boolean);
    if (!pts.length) return;
    var view;
    if (pts.length === 1) {
      var scale = Math.max(network.getScale(), narrow.matches ? 0.8 : 1.0);
      view = viewFor(pts, scale, scale);
    } else {
      view = viewFor(pts, 1.2);
    }
    if (animate !== false) document.documentElement.setAttribute('data-moving', 'true');
    network.moveTo({position: view.position, scale: view.scale,
                    animation: animate === false ? false : {duration: 450, easingFunction: 'easeInOutQuad'}});
  }
  network.on('animationFinished', function () { document.documentElement.removeAttribute('data-moving'); });

  // ------------------------------------------------------------------ emphasis (focus and paths)
  // Everything outside `keep` is faded when drawn: each node (shape and label) at FADE_NODE alpha, each
  // edge as an off-screen one. Nothing in the DataSets changes, so a focus costs one redraw even at 10k
  // nodes (updating every node's options took seconds there).
  var fadedNodes = new Set(), FADE_NODE = 0.22;
  function fadeNodesWhenDrawn(net) {
    var ids = Object.keys(net.body.nodes);
    if (!ids.length) return;
    var proto = Object.getPrototypeOf(net.body.nodes[ids[0]]);
    if (!proto || typeof proto.draw !== 'function' || proto.kgFading) return;
    var draw = proto.draw;
    proto.kgFading = true;
    proto.draw = function (ctx) {
      if (emphasis === null || emphasis.nodes.has(this.id)) return draw.call(this, ctx);
      var alpha = ctx.globalAlpha;
      ctx.globalAlpha = alpha * FADE_NODE;
      var result;
      try { result = draw.call(this, ctx); } finally { ctx.globalAlpha = alpha; }
      if (result && typeof result.drawExternalLabel === 'function') {  // labels drawn after every node
        var label = result.drawExternalLabel;
        result.drawExternalLabel = function () {
          var a = ctx.globalAlpha;
          ctx.globalAlpha = a * FADE_NODE;
          try { return label.apply(this, arguments); } finally { ctx.globalAlpha = a; }
        };
      }
      return result;
    };
  }
  fadeNodesWhenDrawn(network);
  function setEmphasis(keep) {
    emphasis = keep;
    fadedNodes = new Set();
    if (keep) GRAPH.nodes.forEach(function (n) { if (!keep.nodes.has(n.id)) fadedNodes.add(n.id); });
    network.redraw();
    document.documentElement.setAttribute('data-faded', String(fadedNodes.size));
  }
  // The neighbourhood of a concept within `hops` steps, over the edges the filters show.
  function neighbourhood(id, hops) {
    var keepNodes = new Set([id]), keepEdges = new Set(), frontier = [id];
    for (var step = 0; step < hops; step++) {
      var next = [];
      frontier.forEach(function (n) {
        (edgesOf.get(n) || []).forEach(function (r) {
          if (!relationShown(r)) return;
          var m = r.s === n ? r.o : r.s;
          keepEdges.add(r.id);
          if (!keepNodes.has(m)) { keepNodes.add(m); next.push(m); }
        });
      });
      frontier = next;
    }
    return {nodes: keepNodes, edges: keepEdges};
  }

  // ------------------------------------------------------------------ filters
  var hiddenClasses = new Set(), hiddenPredicates = new Set();
  function relationShown(r) {
    return !hiddenPredicates.has(r.p) && !hiddenClasses.has(conceptById.get(r.s).cls) && !hiddenClasses.has(conceptById.get(r.o).cls);
  }
  function applyClassVisibility(names) {
    var updates = [];
    DATA.concepts.forEach(function (c) {
      if (names && !names.has(c.cls)) return;
      var hidden = hiddenClasses.has(c.cls);
      if (loadedNodes.has(c.id)) updates.push({id: c.id, hidden: hidden});
      else nodeRecord.get(c.id).hidden = hidden;  // not loaded yet: it arrives as it should be
    });
    if (updates.length) nodes.update(updates);
    renderFilterState();
  }
  function setClassVisible(name, visible) {
    if (visible) hiddenClasses.delete(name); else hiddenClasses.add(name);
    applyClassVisibility(new Set([name]));
    commitState(false);
  }
  function setClasses(shown) {  // exactly these classes shown
    var want = new Set(shown);
    hiddenClasses = new Set(DATA.classes.map(function (k) { return k.name; }).filter(function (n) { return !want.has(n); }));
    applyClassVisibility(null);
  }
  function setPredicates(hidden) {
    hiddenPredicates = new Set(hidden);
    var updates = [];
    DATA.relations.forEach(function (r) {
      var h = hiddenPredicates.has(r.p);
      if (loadedEdges.has(r.id)) updates.push({id: r.id, hidden: h});
      else edgeRecord.get(r.id).hidden = h;
    });
    if (updates.length) edges.update(updates);
    renderFilterState();
  }
  function visibleIds() {
    return DATA.concepts.filter(function (c) { return !hiddenClasses.has(c.cls); }).map(function (c) { return c.id; });
  }
  function fitVisible(animate) {
    var ids = visibleIds();
    load(ids, false);
    if (ids.length) frame(ids, animate);
  }
  // kg.filter({classes: [...shown] | hideClasses: [...], relations: [...shown] | hideRelations: [...], fit})
  function filter(spec) {
    spec = spec || {};
    if (spec.classes) setClasses(spec.classes);
    else if (spec.hideClasses) setClasses(DATA.classes.map(function (k) { return k.name; }).filter(function (n) { return spec.hideClasses.indexOf(n) < 0; }));
    if (spec.relations) setPredicates(Object.keys(DATA.predicates).filter(function (p) { return spec.relations.indexOf(p) < 0; }));
    else if (spec.hideRelations) setPredicates(spec.hideRelations);
    if (spec.fit) fitVisible(false);
    commitState(false);
    return filterState();
  }
  function filterState() {
    return {
      classes: DATA.classes.map(function (k) { return k.name; }).filter(function (n) { return !hiddenClasses.has(n); }),
      hideClasses: Array.from(hiddenClasses).sort(),
      relations: Object.keys(DATA.predicates).filter(function (p) { return !hiddenPredicates.has(p); }).sort(),
      hideRelations: Array.from(hiddenPredicates).sort()
    };
  }

  // ------------------------------------------------------------------ selection
  var current = null;   // {kind: 'node'|'edge'|'passage'|'path', id}
  var hops = 1;
  var pendingPath = null;  // {end: 'from'|'to', id}: one end picked, waiting for the other
  var labelledEdges = [], labelCandidates = [], hoverLabel = null;
  var panel = document.getElementById('panel');
  var panelBody = document.getElementById('panel-body');

  // ------------------------------------------------------------------ edge labels: only where they can be read
  // The selection's edges (a concept's own relations, a relation, a path) are the candidates for a label. Around
  // a hub (the framework has 40 relations) their midpoints crowd together, so a label is drawn only where its box
  // overlaps neither a label already placed nor a node (its shape and its label), in the order the panel lists
  // the relations (members and components first). The others show their label on hover, and the panel lists
  // all of them. vis-network leaves out any edge label drawn smaller than 8 px (edges.scaling.label in vis.py).
  // Boxes are in graph coordinates, where labels and distances scale together, so the choice holds at any zoom.
  var measure = document.createElement('canvas').getContext('2d');
  var FONT_FACE = (GRAPH.options.nodes && GRAPH.options.nodes.font && GRAPH.options.nodes.font.face) || 'sans-serif';
  var EDGE_FONT = (GRAPH.options.edges && GRAPH.options.edges.font && GRAPH.options.edges.font.size) || 13;
  var NODE_FONT = (GRAPH.options.nodes && GRAPH.options.nodes.font && GRAPH.options.nodes.font.size) || 15;
  function textWidth(text, size) { measure.font = size + 'px ' + FONT_FACE; return measure.measureText(text).width; }
  function pointOf(id) {
    var b = network.body.nodes[id];
    if (b) return {x: b.x, y: b.y};
    var r = nodeRecord.get(id);
    return r ? {x: r.x, y: r.y} : null;
  }
  function nodeBoxes(id) {  // the node's shape and, below it, its label
    var p = pointOf(id), rec = nodeRecord.get(id) || {}, c = conceptById.get(id);
    if (!p || !c) return [];
    var size = rec.size || 10, font = (rec.font && rec.font.size) || NODE_FONT;
    var lines = String((lang === 'zh' ? c.wzh : c.wen) || label(c)).split('\n');
    var w = Math.max.apply(null, lines.map(function (l) { return textWidth(l, font); })) + 4;
    return [{x0: p.x - size, y0: p.y - size, x1: p.x + size, y1: p.y + size},
            {x0: p.x - w / 2, y0: p.y + size, x1: p.x + w / 2, y1: p.y + size + 16 + lines.length * font * 1.1}];
  }
  function edgeLabelBox(rid) {
    var r = relationById.get(rid), a = pointOf(r.s), b = pointOf(r.o);
    if (!a || !b) return null;
    var w = textWidth(predLabel(r.p), EDGE_FONT) + 6, h = EDGE_FONT + 6, x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
    return {x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2};
  }
  function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
  function labelRank(rid, anchor) {
    var r = relationById.get(rid), first = DATA.memberFirst || [];
    var key = (anchor === r.o ? '<' : '>') + r.p, rank = first.indexOf(key);
    return rank < 0 ? first.length : rank;
  }
  // the candidates whose labels fit, in rank order; `anchor` is the selected concept (its relations' direction)
  function placeLabels(ids, anchor) {
    var ranked = ids.filter(function (id) { return relationById.has(id); }).sort(function (a, b) {
      return (labelRank(a, anchor) - labelRank(b, anchor)) || (a < b ? -1 : a > b ? 1 : 0);
    });
    // the nodes drawn in full near the labels (a faded node, at 22% alpha, stays readable under a label's halo)
    var boxes = new Map(), near = {x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity};
    ranked.forEach(function (id) {
      var b = edgeLabelBox(id);
      if (!b) return;
      boxes.set(id, b);
      near = {x0: Math.min(near.x0, b.x0), y0: Math.min(near.y0, b.y0), x1: Math.max(near.x1, b.x1), y1: Math.max(near.y1, b.y1)};
    });
    var taken = [], reach = 300;
    loadedNodes.forEach(function (id) {
      var q = pointOf(id);
      if (!q || !nodeShown(id) || (emphasis && !emphasis.nodes.has(id)) || q.x < near.x0 - reach || q.x > near.x1 + reach || q.y < near.y0 - reach || q.y > near.y1 + reach) return;
      taken = taken.concat(nodeBoxes(id));
    });
    var placed = [];
    ranked.forEach(function (id) {
      var box = boxes.get(id);
      if (!box || taken.some(function (t) { return overlaps(box, t); })) return;
      taken.push(box);
      placed.push(id);
    });
    return placed;
  }
  function setEdgeLabels(ids, anchor) {
    var old = new Set(labelledEdges);
    labelCandidates = ids.slice();
    labelledEdges = ids.length ? placeLabels(ids, anchor) : [];
    labelledEdges.anchor = anchor;
    var now = new Set(labelledEdges), updates = [];
    old.forEach(function (id) { if (!now.has(id) && loadedEdges.has(id) && id !== hoverLabel) updates.push({id: id, label: undefined}); });
    now.forEach(function (id) { if (loadedEdges.has(id)) updates.push({id: id, label: predLabel(relationById.get(id).p)}); });
    if (updates.length) edges.update(updates);
    document.documentElement.setAttribute('data-edge-labels', labelledEdges.length + '/' + labelCandidates.length);
  }

  var returnFocus = null;  // where the keyboard was before the panel took it
  function showPanel(focusTitle) {
    var active = document.activeElement;
    if (active && active !== document.body && !panel.contains(active)) returnFocus = active;
    panel.hidden = false;
    document.body.classList.add('panel-open');
    var pathMode = !!(current && current.kind === 'path');
    pathForm.hidden = !pathMode;
    pathsToggle.setAttribute('aria-pressed', pathMode ? 'true' : 'false');
    if (pathMode) fillPathFields(current.from, current.to);
    panel.scrollTop = 0;
    if (focusTitle) {
      var h = document.getElementById('panel-title');
      if (h) { h.setAttribute('tabindex', '-1'); h.focus({preventScroll: true}); }
    }
  }
  function markOutline(id) {  // the outline shows where the selection is
    document.querySelectorAll('#outline .entry').forEach(function (b) {
      if (b.getAttribute('data-id') === id) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    });
  }
  function closePanel() {
    markOutline(null);
    var hadFocus = panel.contains(document.activeElement);
    panel.hidden = true;
    pathForm.hidden = true;
    pathsToggle.setAttribute('aria-pressed', 'false');
    if (pendingPath) { pendingPath = null; hideNotice(); }
    if (hadFocus) {
      var back = returnFocus && document.contains(returnFocus) && returnFocus.offsetParent !== null ? returnFocus : search;
      back.focus();
    }
    document.body.classList.remove('panel-open');
    current = null;
    network.unselectAll();
    setEdgeLabels([]);
    setEmphasis(null);
    commitState(true);
  }

  function selectConcept(id, opts) {
    opts = opts || {};
    var c = conceptById.get(id);
    if (!c) return false;
    if (pendingPath && pendingPath.id !== id && opts.path !== false) {
      var p = pendingPath;
      pendingPath = null;
      hideNotice();
      return showPath(p.end === 'from' ? p.id : id, p.end === 'from' ? id : p.id, opts) !== null;
    }
    load([id], true);
    if (hiddenClasses.has(c.cls)) setClassVisible(c.cls, true);
    current = {kind: 'node', id: id};
    if (cursor) cursor = id;  // the keyboard's place follows a selection made any other way
    lastCursor = id;
    network.selectNodes([id], true);
    var keep = neighbourhood(id, hops);
    setEmphasis(keep);
    setEdgeLabels(Array.from(keep.edges).filter(function (rid) { var r = relationById.get(rid); return r.s === id || r.o === id; }), id);
    renderConcept(c);
    markOutline(id);
    showPanel(opts.focusPanel);
    if (opts.frame !== false) frame([id], opts.animate);
    if (opts.hash !== false) commitState(true);
    return true;
  }

  function selectRelation(id, opts) {
    opts = opts || {};
    var r = relationById.get(id);
    if (!r) return false;
    load([r.s, r.o], false);
    [r.s, r.o].forEach(function (cid) { var k = conceptById.get(cid).cls; if (hiddenClasses.has(k)) setClassVisible(k, true); });
    if (hiddenPredicates.has(r.p)) { hiddenPredicates.delete(r.p); setPredicates(Array.from(hiddenPredicates)); }
    current = {kind: 'edge', id: id};
    network.setSelection({nodes: [], edges: [id]}, {unselectAll: true, highlightEdges: false});
    setEmphasis({nodes: new Set([r.s, r.o]), edges: new Set([id])});
    setEdgeLabels([id]);
    renderRelation(r);
    showPanel(opts.focusPanel);
    if (opts.frame !== false) frame([r.s, r.o], opts.animate);  // a relation link frames its edge
    if (opts.hash !== false) commitState(true);
    return true;
  }

  function selectId(id, opts) {
    return selectConcept(id, opts) || selectRelation(id, opts);
  }

  network.on('click', function (params) {
    cursor = null;  // the mouse took over: the keyboard starts again from what it selects
    if (params.nodes.length) lastCursor = params.nodes[0];
    if (params.nodes.length) selectConcept(params.nodes[0]);
    else if (params.edges.length) selectRelation(params.edges[0]);
  });

  // ------------------------------------------------------------------ paths
  // Every shortest path between two concepts and every other simple path of at most MAX_STEPS steps,
  // over the relations the filters show, in either direction. A path is [id, id, ...]; its steps are the
  // relations between consecutive concepts (several when two concepts are related more than once).
  var MAX_STEPS = 3, MAX_PATHS = 60;
  function adjacency(id) {
    var out = new Map();
    (edgesOf.get(id) || []).forEach(function (r) {
      if (!relationShown(r)) return;
      var m = r.s === id ? r.o : r.s;
      if (m === id) return;
      if (!out.has(m)) out.set(m, []);
      out.get(m).push(r.id);
    });
    return out;
  }
  function findPaths(from, to) {
    if (!conceptById.has(from) || !conceptById.has(to) || from === to) return {shortest: [], longer: []};
    var found = [], seen = new Set([from]);
    function walk(node, path) {
      if (found.length >= MAX_PATHS * 4) return;
      adjacency(node).forEach(function (_rels, m) {
        if (seen.has(m)) return;
        if (m === to) { found.push(path.concat([m])); return; }
        if (path.length >= MAX_STEPS) return;
        seen.add(m); walk(m, path.concat([m])); seen.delete(m);
      });
    }
    walk(from, [from]);
    // shortest paths beyond MAX_STEPS: breadth-first, then every shortest path through the parent links
    if (!found.length) {
      var parents = new Map([[from, []]]), frontier = [from];
      while (frontier.length && !parents.has(to)) {
        var next = [], level = new Map();
        frontier.forEach(function (n) {
          adjacency(n).forEach(function (_r, m) {
            if (parents.has(m)) return;
            if (!level.has(m)) { level.set(m, []); next.push(m); }
            level.get(m).push(n);
          });
        });
        level.forEach(function (ps, m) { parents.set(m, ps); });
        frontier = next;
      }
      if (parents.has(to)) {
        (function back(n, tail) {
          if (found.length >= MAX_PATHS) return;
          if (n === from) { found.push([from].concat(tail)); return; }
          parents.get(n).forEach(function (p) { back(p, [n].concat(tail)); });
        }(to, []));
      }
    }
    found.sort(function (a, b) { return (a.length - b.length) || (a.join('|') < b.join('|') ? -1 : 1); });
    var best = found.length ? found[0].length : 0;
    return {
      shortest: found.filter(function (p) { return p.length === best; }).slice(0, MAX_PATHS),
      longer: found.filter(function (p) { return p.length > best; }).slice(0, MAX_PATHS)
    };
  }
  function stepRelations(a, b) { return adjacency(a).get(b) || []; }
  function showPath(from, to, opts) {
    opts = opts || {};
    if (!conceptById.has(from) || !conceptById.has(to)) return null;
    pendingPath = null;
    var result = findPaths(from, to);
    var all = result.shortest.concat(result.longer);
    var keepNodes = new Set([from, to]), keepEdges = new Set();
    result.shortest.forEach(function (p) {
      p.forEach(function (id) { keepNodes.add(id); });
      for (var i = 1; i < p.length; i++) stepRelations(p[i - 1], p[i]).forEach(function (rid) { keepEdges.add(rid); });
    });
    load(Array.from(keepNodes), false);
    current = {kind: 'path', from: from, to: to, result: result};
    network.setSelection({nodes: [from, to], edges: Array.from(keepEdges)}, {unselectAll: true, highlightEdges: false});
    setEmphasis({nodes: keepNodes, edges: keepEdges});
    setEdgeLabels(Array.from(keepEdges), from);
    renderPath(from, to, result);
    showPanel(opts.focusPanel);
    if (opts.frame !== false) frame(Array.from(keepNodes), opts.animate);
    if (opts.hash !== false) commitState(true);
    document.documentElement.setAttribute('data-paths', String(all.length));
    return result.shortest;
  }
  function startPath(end, id) {
    openPaths(end === 'from' ? id : null, end === 'to' ? id : null);
    showNotice(t('pathPick') + (end === 'from' ? t('pathTo') : t('pathFrom')), false);
  }

  // ------------------------------------------------------------------ details panel
  function conceptButton(id, cls) {
    var c = conceptById.get(id);
    var b = el('button', cls || 'go');
    b.type = 'button';
    b.setAttribute('data-id', id);
    var k = classByName.get(c.cls);
    b.appendChild(swatch(k ? k.color : '#999'));
    b.appendChild(document.createTextNode(label(c)));
    b.title = c[other()] || '';
    b.addEventListener('click', function () { selectConcept(id, {focusPanel: true}); });
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

  function panelTitle(text, l) {
    var h = inLang('h2', null, text, l || lang);
    h.id = 'panel-title';
    h.setAttribute('tabindex', '-1');
    return h;
  }
  function actionButton(text, fn, cls) {
    var b = el('button', cls || 'action', text);
    b.type = 'button';
    b.addEventListener('click', fn);
    return b;
  }

  // The neighbours of a concept, grouped by relation as the reader at the concept sees it: members and
  // components first, then what it belongs to, then the other relations by name.
  function neighbourGroups(c) {
    var groups = new Map();
    (edgesOf.get(c.id) || []).forEach(function (r) {
      var out = r.s === c.id;
      var key = (out ? '>' : '<') + r.p;
      if (!groups.has(key)) groups.set(key, {key: key, p: r.p, out: out, items: []});
      groups.get(key).items.push({id: out ? r.o : r.s, rel: r.id});
    });
    var first = DATA.memberFirst || [];
    return Array.from(groups.values()).sort(function (a, b) {
      var ra = first.indexOf(a.key), rb = first.indexOf(b.key);
      ra = ra < 0 ? first.length : ra; rb = rb < 0 ? first.length : rb;
      if (ra !== rb) return ra - rb;
      var la = wording(a.p, a.out), lb = wording(b.p, b.out);
      return la < lb ? -1 : la > lb ? 1 : (a.key < b.key ? -1 : 1);
    });
  }

  function renderConcept(c) {
    panelBody.textContent = '';
    panelBody.appendChild(classBadge(c.cls));
    var role = OUTLINE.roles[c.id];
    if (role) panelBody.appendChild(el('span', 'badge role', t('role') + ' · ' + role[lang]));
    panelBody.appendChild(panelTitle(label(c)));
    panelBody.appendChild(inLang('p', 'sub', c[other()], other()));
    var alts = (c['a' + lang] || []).concat(c['a' + other()] || []);
    if (alts.length) panelBody.appendChild(el('p', 'alt', t('alsoCalled') + alts.join('；')));
    var tools = el('div', 'panel-tools');
    tools.appendChild(actionButton(hops === 1 ? t('hops2') : t('hops1'), function () {
      hops = hops === 1 ? 2 : 1; selectConcept(c.id, {frame: false});
    }, 'action hops'));
    tools.appendChild(actionButton(t('fromHere'), function () { startPath('from', c.id); }, 'action path-from'));
    tools.appendChild(actionButton(t('toHere'), function () { startPath('to', c.id); }, 'action path-to'));
    tools.appendChild(actionButton(t('cite'), function () { toggleCitation(c.id, tools); }, 'action cite'));
    panelBody.appendChild(tools);
    var defLang = c['d' + lang] ? lang : other();
    var def = c['d' + defLang];
    if (def) { panelBody.appendChild(el('h3', null, t('definition'))); panelBody.appendChild(inLang('p', null, def, defLang)); }
    if (c.note) { panelBody.appendChild(el('h3', null, t('note'))); panelBody.appendChild(inLang('p', 'muted', c.note, 'en')); }
    panelBody.appendChild(evidenceList(c.ev, t('evidence')));

    panelBody.appendChild(el('h3', null, t('neighbours') + ' (' + (edgesOf.get(c.id) || []).length + ')'));
    neighbourGroups(c).forEach(function (g) {
      var h = el('h4', 'group', (g.out ? '' : '← ') + wording(g.p, g.out) + (g.out ? ' →' : '') + ' (' + g.items.length + ')');
      h.setAttribute('data-group', g.key);
      panelBody.appendChild(h);
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
        why.addEventListener('click', function () { selectRelation(item.rel, {focusPanel: true}); });
        li.appendChild(why);
        ul.appendChild(li);
      });
      panelBody.appendChild(ul);
    });
  }

  function renderRelation(r) {
    panelBody.textContent = '';
    var x = term(r.p);
    panelBody.appendChild(el('span', 'badge', t('relation')));
    panelBody.appendChild(panelTitle(x[lang]));
    panelBody.appendChild(inLang('p', 'sub', x[other()], other()));
    var line = el('div', 'relation-line');
    line.appendChild(conceptButton(r.s));
    line.appendChild(el('span', 'arrow', '—' + x[lang] + '→'));
    line.appendChild(conceptButton(r.o));
    panelBody.appendChild(line);
    var rtools = el('div', 'panel-tools');
    rtools.appendChild(actionButton(t('cite'), function () { toggleCitation(r.id, rtools); }, 'action cite'));
    panelBody.appendChild(rtools);
    var commentLang = x['c' + lang] ? lang : other();
    if (x['c' + commentLang]) panelBody.appendChild(inLang('p', 'muted', x['c' + commentLang], commentLang));
    if (r.note) { panelBody.appendChild(el('h3', null, t('note'))); panelBody.appendChild(inLang('p', 'muted', r.note, 'en')); }
    panelBody.appendChild(evidenceList(r.ev, t('relationEvidence')));
  }

  function renderPassage(owners) {
    panelBody.textContent = '';
    panelBody.appendChild(panelTitle(t('passage')));
    var ul = el('ul', 'neighbours');
    owners.forEach(function (id) {
      var li = el('li');
      if (conceptById.has(id)) {
        li.appendChild(conceptButton(id));
      } else {
        var r = relationById.get(id);
        var b = el('button', 'go', relationText(r));
        b.type = 'button';
        b.addEventListener('click', function () { selectRelation(id, {focusPanel: true}); });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
    panelBody.appendChild(ul);
  }

  function pathList(paths) {
    var ol = el('ol', 'paths');
    paths.forEach(function (p) {
      var li = el('li', 'path');
      li.setAttribute('data-path', p.join(' '));
      li.appendChild(el('span', 'muted', (p.length - 1) + ' ' + t('steps')));
      var steps = el('ol', 'steps');
      for (var i = 1; i < p.length; i++) {
        var a = p[i - 1], b = p[i];
        var step = el('li', 'step');
        if (i === 1) step.appendChild(conceptButton(a));
        stepRelations(a, b).forEach(function (rid) {
          var r = relationById.get(rid);
          var d = el('details', 'via');
          var s = el('summary', null, (r.s === a ? '—' + predLabel(r.p) + '→' : '←' + predLabel(r.p) + '—'));
          s.title = wording(r.p, r.s === a);
          d.appendChild(s);
          d.appendChild(evidenceList(r.ev, t('relationEvidence')));
          step.appendChild(d);
        });
        step.appendChild(conceptButton(b));
        steps.appendChild(step);
      }
      li.appendChild(steps);
      ol.appendChild(li);
    });
    return ol;
  }
  function renderPath(from, to, result) {
    panelBody.textContent = '';
    panelBody.appendChild(el('span', 'badge', t('pathTitle')));
    if (!from || !to || !result) {  // the form waits for an end
      panelBody.appendChild(panelTitle(from || to ? label(conceptById.get(from || to)) + ' ↔ …' : t('pathTitle')));
      panelBody.appendChild(el('p', 'muted', t('pathPickField')));
      return;
    }
    panelBody.appendChild(panelTitle(label(conceptById.get(from)) + ' ↔ ' + label(conceptById.get(to))));
    var ends = el('div', 'relation-line');
    ends.appendChild(el('span', 'muted', t('pathFrom')));
    ends.appendChild(conceptButton(from));
    ends.appendChild(el('span', 'muted', t('pathTo')));
    ends.appendChild(conceptButton(to));
    panelBody.appendChild(ends);
    panelBody.appendChild(actionButton(t('clearPath'), closePanel, 'action clear-path'));
    if (!result.shortest.length) { panelBody.appendChild(el('p', 'muted', t('pathNone'))); return; }
    panelBody.appendChild(el('h3', null, t('pathShortest') + ' (' + result.shortest.length + ')'));
    panelBody.appendChild(pathList(result.shortest));
    if (result.longer.length) {
      panelBody.appendChild(el('h3', null, t('pathLonger') + ' (' + result.longer.length + ')'));
      panelBody.appendChild(pathList(result.longer));
    }
  }

  function rerenderPanel() {
    if (!current || panel.hidden) return;
    if (current.kind === 'node') renderConcept(conceptById.get(current.id));
    else if (current.kind === 'edge') renderRelation(relationById.get(current.id));
    else if (current.kind === 'passage') renderPassage(current.owners);
    else if (current.kind === 'path') { renderPath(current.from, current.to, current.result); fillPathFields(current.from, current.to); }
  }

  // ------------------------------------------------------------------ filters panel (legend)
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
      var b = el('button', 'toggle');
      b.type = 'button';
      b.setAttribute('data-class', k.name);
      b.setAttribute('aria-pressed', hiddenClasses.has(k.name) ? 'false' : 'true');
      b.title = k['c' + lang] || '';
      b.appendChild(shapeIcon(k.shape, k.color));
      b.appendChild(el('span', 'name', k[lang]));
      b.appendChild(el('span', 'count', k.count));
      b.addEventListener('click', function () { setClassVisible(k.name, hiddenClasses.has(k.name)); });
      li.appendChild(b);
      var solo = el('button', 'solo', t('solo'));
      solo.type = 'button';
      solo.setAttribute('data-solo', k.name);
      solo.setAttribute('aria-label', t('soloLabel') + ' ' + k[lang]);
      solo.addEventListener('click', function () { filter({classes: [k.name], fit: true}); });
      li.appendChild(solo);
      legendList.appendChild(li);
    });
    relationList.textContent = '';
    var counts = {};
    DATA.relations.forEach(function (r) { counts[r.p] = (counts[r.p] || 0) + 1; });
    Object.keys(DATA.predicates).sort(function (a, b) { return (counts[b] - counts[a]) || (a < b ? -1 : 1); }).forEach(function (p) {
      var li = el('li');
      var b = el('button', 'toggle');
      b.type = 'button';
      b.setAttribute('data-predicate', p);
      b.setAttribute('aria-pressed', hiddenPredicates.has(p) ? 'false' : 'true');
      b.title = term(p)['c' + lang] || '';
      b.appendChild(el('span', 'name', predLabel(p)));
      b.appendChild(el('span', 'count', counts[p] || 0));
      b.addEventListener('click', function () {
        var hidden = new Set(hiddenPredicates);
        if (hidden.has(p)) hidden.delete(p); else hidden.add(p);
        filter({hideRelations: Array.from(hidden)});
      });
      li.appendChild(b);
      relationList.appendChild(li);
    });
  }
  var relationList = document.getElementById('relation-list');
  function renderFilterState() {
    legendList.querySelectorAll('button[data-class]').forEach(function (b) {
      b.setAttribute('aria-pressed', hiddenClasses.has(b.getAttribute('data-class')) ? 'false' : 'true');
    });
    relationList.querySelectorAll('button[data-predicate]').forEach(function (b) {
      b.setAttribute('aria-pressed', hiddenPredicates.has(b.getAttribute('data-predicate')) ? 'false' : 'true');
    });
  }
  document.getElementById('classes-all').addEventListener('click', function () { filter({classes: DATA.classes.map(function (k) { return k.name; })}); });
  document.getElementById('classes-none').addEventListener('click', function () { filter({classes: []}); });
  document.getElementById('fit-visible').addEventListener('click', function () { fitVisible(true); });

  // ------------------------------------------------------------------ outline (the plan at a glance)
  var outlineEl = document.getElementById('outline');
  var outlineList = document.getElementById('outline-list');
  function leaves(id) {
    var kids = OUTLINE.tree[id] || [];
    if (!kids.length) return [id];
    return kids.reduce(function (acc, k) { return acc.concat(leaves(k)); }, []);
  }
  function outlineItem(id, depth) {
    var c = conceptById.get(id);
    var li = el('li', 'depth-' + depth);
    var b = el('button', 'entry');
    b.type = 'button';
    b.setAttribute('data-id', id);
    var number = OUTLINE.numbers[id];
    var kids = OUTLINE.tree[id] || [];
    if (number && !kids.length) b.appendChild(el('span', 'num', '①②③④⑤⑥⑦⑧⑨⑩'.charAt(number - 1) || String(number)));
    b.appendChild(el('span', 'text', label(c)));
    b.addEventListener('click', function () { selectConcept(id, {focusPanel: false}); });
    li.appendChild(b);
    if (kids.length) {
      var ol = el('ol');
      kids.forEach(function (k) { ol.appendChild(outlineItem(k, depth + 1)); });
      li.appendChild(ol);
    }
    return li;
  }
  var foldedComponents = new Set();
  function renderOutline() {
    outlineList.textContent = '';
    var root = OUTLINE.root;
    if (!root) { outlineEl.hidden = true; return; }
    var s = OUTLINE.structure, structure = document.getElementById('outline-structure');
    structure.textContent = '';
    if (s) {
      structure.appendChild(el('span', 'where', t('structure')));
      if (lang === 'en' && s.en) structure.appendChild(inLang('span', 'structure-en', s.en, 'en'));
      structure.appendChild(inLang('span', lang === 'en' && s.en ? 'structure-zh original' : 'structure-zh', DATA.source.slice(s.start, s.end), 'zh'));
    }
    var top = el('li', 'root');
    var rb = el('button', 'entry root-entry');
    rb.type = 'button';
    rb.setAttribute('data-id', root);
    rb.appendChild(el('span', 'text', label(conceptById.get(root))));
    rb.addEventListener('click', function () { selectConcept(root); });
    top.appendChild(rb);
    outlineList.appendChild(top);
    (OUTLINE.tree[root] || []).forEach(function (id) {
      var c = conceptById.get(id);
      var li = el('li', 'component');
      li.setAttribute('data-component', id);
      var head = el('div', 'component-head');
      var ls = leaves(id);
      var leafClass = classByName.get(conceptById.get(ls[0]).cls);
      head.appendChild(el('span', 'count', String(ls.length)));
      head.appendChild(el('span', 'kind', leafClass ? leafClass[lang] : c.cls));
      var role = OUTLINE.roles[id];
      if (role) head.appendChild(inLang('span', 'role', role[lang], lang === 'en' && role.en === role.zh ? 'zh' : lang));
      li.appendChild(head);
      var b = el('button', 'entry');
      b.type = 'button';
      b.setAttribute('data-id', id);
      b.appendChild(el('span', 'text', label(c)));
      b.addEventListener('click', function () { selectConcept(id); });
      li.appendChild(b);
      var kids = OUTLINE.tree[id] || [];
      if (kids.length) {
        var ol = el('ol');
        ol.id = 'outline-' + id;
        kids.forEach(function (k) { ol.appendChild(outlineItem(k, 1)); });
        li.appendChild(ol);
        // each component's list folds away
        var fold = el('button', 'fold');
        fold.type = 'button';
        fold.setAttribute('aria-controls', ol.id);
        fold.setAttribute('aria-label', label(c));
        var setFold = function (open) {
          ol.hidden = !open;
          fold.setAttribute('aria-expanded', open ? 'true' : 'false');
          if (open) foldedComponents.delete(id); else foldedComponents.add(id);
        };
        setFold(!foldedComponents.has(id));
        fold.addEventListener('click', function () { setFold(ol.hidden); });
        head.insertBefore(fold, head.firstChild);
      }
      outlineList.appendChild(li);
    });
    if (current && current.kind === 'node') markOutline(current.id);
  }
  var outlineToggle = document.getElementById('outline-toggle');
  function setOutlineOpen(open) {
    document.body.classList.toggle('outline-open', open);
    outlineToggle.setAttribute('aria-pressed', open ? 'true' : 'false');
  }
  outlineToggle.addEventListener('click', function () {
    var open = !document.body.classList.contains('outline-open');
    if (open && narrow.matches) setLegendOpen(false);
    setOutlineOpen(open);
  });

  // ------------------------------------------------------------------ list view (the canvas as a tree)
  // The same content as the drawing, for keyboards and screen readers: the outline order first, then every
  // other concept by class; each item opens the details panel; its relations expand beneath it.
  var listView = document.getElementById('list-view');
  var listBody = document.getElementById('list-body');
  var listToggle = document.getElementById('list-toggle');
  function listEntry(id) {
    var c = conceptById.get(id);
    var li = el('li');
    var d = el('details');
    var s = el('summary');
    s.appendChild(conceptButton(id, 'go list-go'));
    d.appendChild(s);
    d.addEventListener('toggle', function () {
      if (!d.open || d.querySelector('ul')) return;
      var ul = el('ul', 'list-relations');
      neighbourGroups(c).forEach(function (g) {
        g.items.forEach(function (item) {
          var r = el('li');
          r.appendChild(el('span', 'muted', (g.out ? '' : '← ') + wording(g.p, g.out) + (g.out ? ' → ' : ' ')));
          r.appendChild(conceptButton(item.id));
          ul.appendChild(r);
        });
      });
      d.appendChild(ul);
    });
    li.appendChild(d);
    return li;
  }
  function renderList() {
    listBody.textContent = '';
    var done = new Set();
    var order = [];
    (function walk(id) { if (!id || done.has(id)) return; done.add(id); order.push(id); (OUTLINE.tree[id] || []).forEach(walk); }(OUTLINE.root));
    var sec = el('section');
    sec.appendChild(el('h3', null, t('outlineTitle')));
    var ul = el('ul', 'tree');
    order.forEach(function (id) { ul.appendChild(listEntry(id)); });
    sec.appendChild(ul);
    listBody.appendChild(sec);
    DATA.classes.forEach(function (k) {
      var ids = DATA.concepts.filter(function (c) { return c.cls === k.name && !done.has(c.id); }).map(function (c) { return c.id; });
      if (!ids.length) return;
      var s2 = el('section');
      s2.appendChild(el('h3', null, k[lang] + ' (' + ids.length + ')'));
      var u2 = el('ul', 'tree');
      ids.forEach(function (id) { u2.appendChild(listEntry(id)); });
      s2.appendChild(u2);
      listBody.appendChild(s2);
    });
  }
  function openList() {
    renderList();
    listView.hidden = false;
    listToggle.setAttribute('aria-pressed', 'true');
    var first = listBody.querySelector('button');
    if (first) first.focus();
  }
  function closeList() {
    listView.hidden = true;
    listToggle.setAttribute('aria-pressed', 'false');
  }
  listToggle.addEventListener('click', function () { if (listView.hidden) openList(); else closeList(); });
  document.getElementById('list-close').addEventListener('click', function () { closeList(); listToggle.focus(); });

  // ------------------------------------------------------------------ search
  // Forgiving search: full-width/half-width and case folded (NFKC), traditional characters mapped to the
  // simplified ones (DATA.t2s, made at build time with OpenCC), pinyin keys (full syllables and initials,
  // made at build time with pypinyin), alternative labels, role names, class names, definitions and
  // evidence; Latin words match as prefixes in any order ("7 key tasks"), with one or two typos allowed.
  // Results are ranked by what matched (that is shown beside each result).
  var search = document.getElementById('search');
  var suggestions = document.getElementById('suggestions');
  var T2S = DATA.t2s || {};
  var NUMBER_WORDS = {'1': 'one', '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven',
    '8': 'eight', '9': 'nine', '10': 'ten'};
  var NUMBER_ZH = {'1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六', '7': '七', '8': '八', '9': '九', '10': '十'};
  function fold(s) {
    s = String(s || '').normalize('NFKC').toLowerCase();
    var out = '';
    for (var i = 0; i < s.length; i++) out += T2S[s[i]] || s[i];
    return out;
  }
  function compact(s) { return fold(s).replace(/[^\p{L}\p{N}]+/gu, ''); }
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w && /^[a-z0-9]+$/.test(w); }); }
  // optimal string alignment distance, giving up beyond `max`
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  var index = null, evidenceIndex = null;
  function buildIndex() {
    index = DATA.concepts.map(function (c) {
      var k = classByName.get(c.cls) || {zh: c.cls, en: c.cls};
      var role = OUTLINE.roles[c.id];
      var roleKeys = [];
      if (role) roleKeys.push(role.zh, role.en);
      if (c.cls === 'MainLine' || c.cls === 'Guarantee') roleKeys.push(k.zh, k.en);
      var labels = [c.zh, c.en], alts = (c.azh || []).concat(c.aen || []);
      return {
        id: c.id,
        label: labels.map(compact), alt: alts.map(compact), role: roleKeys.map(compact), pinyin: c.py || [],
        cls: [compact(k.zh), compact(k.en)],
        def: compact((c.dzh || '') + ' ' + (c.den || '')),
        words: words(labels.concat(alts, roleKeys, [k.en]).join(' ')),
        len: c.zh.length
      };
    });
  }
  // the search index is made once the drawing is complete, so the first keystroke does not wait for it
  function prepareSearch() { if (!index) buildIndex(); }
  function evidenceText(c) {
    var parts = [];
    c.ev.forEach(function (ev) { parts.push(DATA.source.slice(ev[0], ev[1])); if (EN) parts.push(englishFor(ev[0], ev[1])); });
    return compact(parts.join(' '));
  }
  function tokenScore(entry, tokens) {
    // every token a prefix of some word (exactly, 0) or within a typo or two of one (1 or 2 each)
    var total = 0;
    for (var i = 0; i < tokens.length; i++) {
      var alternatives = [tokens[i]];
      if (NUMBER_WORDS[tokens[i]]) alternatives.push(NUMBER_WORDS[tokens[i]]);
      var best = 9;
      for (var a = 0; a < alternatives.length && best > 0; a++) {
        var q = alternatives[a];
        for (var w = 0; w < entry.words.length && best > 0; w++) {
          var word = entry.words[w];
          if (word.indexOf(q) === 0) { best = 0; break; }
          if (q.length >= 4) {
            var max = q.length >= 8 ? 2 : 1;
            var d = Math.min(distance(q, word, max), word.length > q.length ? distance(q, word.slice(0, q.length), max) : 9);
            if (d <= max && d < best) best = d;
          }
        }
      }
      if (best === 9) return -1;
      total += best;
    }
    return total;
  }
  function matchEntry(entry, q, tokens, latin) {
    function tier(keys, exact, prefix, inner) {
      var best = null;
      keys.forEach(function (k) {
        if (!k) return;
        var i = k.indexOf(q);
        if (i < 0) return;
        var s = k === q ? exact : i === 0 ? prefix : inner;
        if (best === null || s < best) best = s;
      });
      return best;
    }
    // the best of the label, role and alt tiers (their scores interleave: an alt label that starts with the
    // query beats a label that only contains it)
    var s, best = null;
    [[entry.label, 0, 1, 2, 'label'], [entry.role, 0.5, 1.5, 2.5, 'role'], [entry.alt, 0.8, 1.8, 2.8, 'alt']].forEach(function (t) {
      var v = tier(t[0], t[1], t[2], t[3]);
      if (v !== null && (best === null || v < best[0])) best = [v, t[4]];
    });
    if (best) return best;
    if (latin && (s = tier(entry.pinyin, 3, 3, 3.5)) !== null) return [s, 'pinyin'];
    if ((s = tier(entry.cls, 4, 4.2, 4.5)) !== null) return [s, 'cls'];
    if (tokens.length) {
      var ts = tokenScore(entry, tokens);
      if (ts === 0) return [5, 'words'];
      if (ts > 0) return [6 + ts / 10, 'fuzzy'];
    }
    if (q.length >= 2 && entry.def.indexOf(q) >= 0) return [7, 'def'];
    if (q.length >= 2) {
      if (!evidenceIndex) evidenceIndex = new Map(DATA.concepts.map(function (c) { return [c.id, evidenceText(c)]; }));
      if (evidenceIndex.get(entry.id).indexOf(q) >= 0) return [8, 'ev'];
    }
    return null;
  }
  // [{id, score, why}] best first
  function rankedSearch(query, limit) {
    var q = compact(query);
    if (!q) return [];
    if (!index) buildIndex();
    var tokens = words(query);
    // a pinyin query may be typed with spaces ("meng gu"); numbers also match as Chinese numerals
    var latin = /^[a-z0-9]+$/.test(q);
    var qs = [q];
    if (/^\d+$/.test(q) && NUMBER_ZH[q]) qs.push(NUMBER_ZH[q]);
    var hits = [];
    index.forEach(function (entry) {
      var best = null;
      qs.forEach(function (qq) { var m = matchEntry(entry, qq, tokens, latin); if (m && (!best || m[0] < best[0])) best = m; });
      if (best) hits.push({id: entry.id, score: best[0], why: best[1], len: entry.len});
    });
    hits.sort(function (a, b) { return (a.score - b.score) || (a.len - b.len) || (a.id < b.id ? -1 : 1); });
    return hits.slice(0, limit || 12);
  }
  function findConcepts(query, limit) { return rankedSearch(query, limit).map(function (h) { return h.id; }); }

  // A combobox of ranked suggestions under a text field: the main search, and the path's From and To fields.
  // ↑/↓ move through the suggestions, Enter picks the highlighted one (or the first), Esc closes them.
  function suggestBox(input, list, onChoose) {
    var box = {active: -1, results: []};
    var prefix = list.id === 'suggestions' ? 'suggestion-' : list.id + '-';
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      box.active = -1;
    }
    function show() {
      var hits = rankedSearch(input.value);
      box.results = hits.map(function (h) { return h.id; });
      list.textContent = '';
      box.active = -1;
      if (!input.value.trim()) { close(); return; }
      if (!box.results.length) list.appendChild(el('li', 'empty', t('noResults')));
      hits.forEach(function (h, i) {
        var c = conceptById.get(h.id);
        var li = el('li');
        li.setAttribute('role', 'option');
        li.setAttribute('data-id', h.id);
        li.setAttribute('data-why', h.why);
        li.id = prefix + i;
        li.appendChild(swatch((classByName.get(c.cls) || {}).color || '#999'));
        li.appendChild(inLang('span', 'main', label(c), lang));
        li.appendChild(inLang('span', 'other', c[other()], other()));
        li.appendChild(el('span', 'why', t('why')[h.why]));
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); close(); onChoose(h.id); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function highlight(i) {
      var items = list.querySelectorAll('li[role=option]');
      if (!items.length) return;
      box.active = (i + items.length) % items.length;
      items.forEach(function (li, j) { li.setAttribute('aria-selected', j === box.active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', items[box.active].id);
      items[box.active].scrollIntoView({block: 'nearest'});
    }
    input.addEventListener('input', show);
    input.addEventListener('focus', function () { if (input.value.trim()) show(); });
    input.addEventListener('blur', function () { setTimeout(close, 120); });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown') { ev.preventDefault(); if (list.hidden) show(); highlight(box.active + 1); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(box.active - 1); }
      else if (ev.key === 'Enter') {
        ev.preventDefault();
        var pick = box.results[box.active >= 0 ? box.active : 0];
        if (pick) { close(); onChoose(pick); }
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        ev.stopPropagation();
        if (!list.hidden) close(); else input.blur();
      }
    });
    box.close = close;
    box.show = show;
    box.open = function () { return !list.hidden; };
    return box;
  }
  function choose(id) {
    search.value = label(conceptById.get(id));
    selectConcept(id, {focusPanel: true});  // focus moves to the panel's heading
  }
  var mainSearch = suggestBox(search, suggestions, choose);
  function closeSuggestions() { mainSearch.close(); }
  function showSuggestions() { mainSearch.show(); }

  // ------------------------------------------------------------------ paths: the From and To fields
  // Two search fields (the same forgiving search), a swap button and the result list below them in the panel.
  // One end picked: the other field takes the focus (a click on a node or the main search also completes it);
  // both: every path is listed and the focus moves to the panel's heading. The ends are in the address
  // (#path=from,to; an end not picked yet is empty: #path=main-line,).
  var pathForm = document.getElementById('path-form');
  var pathFields = {from: document.getElementById('path-from'), to: document.getElementById('path-to')};
  var pathsToggle = document.getElementById('paths-toggle');
  function pathEnds() {
    return current && current.kind === 'path' ? {from: current.from || null, to: current.to || null} : {from: null, to: null};
  }
  function fillPathFields(from, to) {
    pathFields.from.value = from && conceptById.has(from) ? label(conceptById.get(from)) : '';
    pathFields.to.value = to && conceptById.has(to) ? label(conceptById.get(to)) : '';
  }
  // the path form with zero or one end picked; both ends give the paths
  function openPaths(from, to, opts) {
    opts = opts || {};
    from = from || null; to = to || null;
    if (from && to) return showPath(from, to, opts);
    current = {kind: 'path', from: from, to: to, result: null};
    pendingPath = from ? {end: 'from', id: from} : to ? {end: 'to', id: to} : null;
    network.unselectAll();
    var end = from || to;
    if (end) { load([end], false); network.selectNodes([end], false); }
    setEmphasis(null);
    setEdgeLabels([]);
    renderPath(from, to, null);
    showPanel(false);
    if (opts.focusField !== false) (from ? pathFields.to : pathFields.from).focus();
    if (opts.hash !== false) commitState(true);
    return null;
  }
  function pickPathEnd(end, id) {
    pendingPath = null;
    hideNotice();
    var ends = pathEnds();
    ends[end] = id;
    if (ends.from && ends.to && ends.from === ends.to) ends[end === 'from' ? 'to' : 'from'] = null;
    if (ends.from && ends.to) showPath(ends.from, ends.to, {focusPanel: true});
    else openPaths(ends.from, ends.to);
  }
  suggestBox(pathFields.from, document.getElementById('path-from-suggestions'), function (id) { pickPathEnd('from', id); });
  suggestBox(pathFields.to, document.getElementById('path-to-suggestions'), function (id) { pickPathEnd('to', id); });
  pathForm.addEventListener('submit', function (ev) { ev.preventDefault(); });
  document.getElementById('path-swap').addEventListener('click', function () {
    var ends = pathEnds();
    openPaths(ends.to, ends.from, {focusField: false});
  });
  pathsToggle.addEventListener('click', function () {
    if (current && current.kind === 'path' && !panel.hidden) { closePanel(); return; }
    pendingPath = null;
    openPaths(current && current.kind === 'node' ? current.id : null, null);
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
    setEmphasis(null);
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

  // ------------------------------------------------------------------ reports: image, table, citation
  function download(name, mime, content) {
    var blob = content instanceof Blob ? content : new Blob([content], {type: mime});
    var url = URL.createObjectURL(blob);
    var a = el('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function viewBounds(margin) {
    var f = network.canvas.frame.canvas, m = margin || 0;
    var a = network.canvas.DOMtoCanvas({x: -m, y: -m});
    var b = network.canvas.DOMtoCanvas({x: f.clientWidth + m, y: f.clientHeight + m});
    return {x0: a.x, y0: a.y, x1: b.x, y1: b.y};
  }
  function inBounds(p, v) { return p.x >= v.x0 && p.x <= v.x1 && p.y >= v.y0 && p.y <= v.y1; }
  function nodeShown(id) { var c = conceptById.get(id); return loadedNodes.has(id) && !hiddenClasses.has(c.cls); }
  function edgeShown(r) { return loadedEdges.has(r.id) && relationShown(r); }
  // what the reader sees: the nodes and edges the filters show, each marked whether it is in the view
  function shownItems() {
    var v = viewBounds(0), pos = network.getPositions();
    var nodesOut = DATA.concepts.filter(function (c) { return nodeShown(c.id); }).map(function (c) {
      return {c: c, inView: inBounds(pos[c.id], v), faded: fadedNodes.has(c.id)};
    });
    var edgesOut = DATA.relations.filter(edgeShown).map(function (r) {
      return {r: r, inView: inBounds(pos[r.s], v) || inBounds(pos[r.o], v), faded: emphasis !== null && !emphasis.edges.has(r.id)};
    });
    return {nodes: nodesOut, edges: edgesOut};
  }
  function csvCell(v) { return '"' + String(v === undefined || v === null ? '' : v).replace(/"/g, '""') + '"'; }
  function exportCsv() {
    var items = shownItems();
    var rows = [['kind', 'id', 'label_zh', 'label_en', 'class_or_relation', 'subject', 'object', 'in_view', 'faded']];
    items.nodes.forEach(function (n) {
      rows.push(['concept', n.c.id, n.c.zh, n.c.en, n.c.cls, '', '', n.inView, n.faded]);
    });
    items.edges.forEach(function (e) {
      var x = term(e.r.p);
      rows.push(['relation', e.r.id, x.zh, x.en, e.r.p, e.r.s, e.r.o, e.inView, e.faded]);
    });
    var text = '\ufeff' + rows.map(function (row) { return row.map(csvCell).join(','); }).join('\r\n') + '\r\n';
    download('kg1571-view.csv', 'text/csv;charset=utf-8', text);
    return text;
  }
  function exportPng() {
    var src = network.canvas.frame.canvas;
    var out = document.createElement('canvas');
    out.width = src.width; out.height = src.height;
    var ctx = out.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    return new Promise(function (done) {
      out.toBlob(function (blob) { download('kg1571-view.png', 'image/png', blob); done(blob.size); }, 'image/png');
    });
  }
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function shapePoints(shape, x, y, r) {
    var unit = {
      diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]], triangle: [[0, -1], [0.87, 0.5], [-0.87, 0.5]],
      triangleDown: [[0, 1], [0.87, -0.5], [-0.87, -0.5]],
      hexagon: [[1, 0], [0.5, 0.87], [-0.5, 0.87], [-1, 0], [-0.5, -0.87], [0.5, -0.87]]
    }[shape];
    if (shape === 'star') {
      unit = [];
      for (var i = 0; i < 10; i++) {
        var ang = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 ? 0.45 : 1;
        unit.push([Math.cos(ang) * rr, Math.sin(ang) * rr]);
      }
    }
    return unit && unit.map(function (p) { return (x + p[0] * r).toFixed(1) + ',' + (y + p[1] * r).toFixed(1); }).join(' ');
  }
  function exportSvg() {
    var v = viewBounds(0), vm = viewBounds(40), pos = network.getPositions();
    var svg = svgEl('svg', {xmlns: SVG_NS, viewBox: [v.x0, v.y0, v.x1 - v.x0, v.y1 - v.y0].map(function (n) { return n.toFixed(1); }).join(' '),
      width: container.clientWidth, height: container.clientHeight, 'font-family': 'Noto Sans CJK SC, sans-serif'});
    svg.appendChild(svgEl('rect', {x: v.x0, y: v.y0, width: v.x1 - v.x0, height: v.y1 - v.y0, fill: '#ffffff'}));
    var title = svgEl('title');
    title.textContent = (lang === 'en' && EN && EN.title ? EN.title : DATA.title) + ' — kg1571';
    svg.appendChild(title);
    var g = svgEl('g', {'class': 'edges'});
    DATA.relations.forEach(function (r) {
      if (!edgeShown(r) || !nodeShown(r.s) || !nodeShown(r.o)) return;
      var a = pos[r.s], b = pos[r.o];
      if ((a.x < vm.x0 && b.x < vm.x0) || (a.x > vm.x1 && b.x > vm.x1) || (a.y < vm.y0 && b.y < vm.y0) || (a.y > vm.y1 && b.y > vm.y1)) return;
      var structural = DATA.structural.indexOf(r.p) >= 0;
      var line = svgEl('line', {x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
        stroke: structural ? '#7b8794' : '#b6bfc8', 'stroke-width': structural ? 2.2 : 1, 'data-id': r.id});
      if (r.p === 'skos:related') line.setAttribute('stroke-dasharray', '5 5');
      if (emphasis !== null && !emphasis.edges.has(r.id)) line.setAttribute('opacity', '0.15');
      g.appendChild(line);
    });
    svg.appendChild(g);
    var gn = svgEl('g', {'class': 'nodes'});
    DATA.concepts.forEach(function (c) {
      if (!nodeShown(c.id) || !inBounds(pos[c.id], vm)) return;
      var p = pos[c.id], rec = nodeRecord.get(c.id), k = classByName.get(c.cls) || {color: '#999', shape: 'dot'};
      var r = rec.size || 10, group = svgEl('g', {'data-id': c.id});
      if (fadedNodes.has(c.id)) group.setAttribute('opacity', '0.25');
      var pts = shapePoints(k.shape, p.x, p.y, r), shape;
      if (k.shape === 'square') shape = svgEl('rect', {x: (p.x - r).toFixed(1), y: (p.y - r).toFixed(1), width: 2 * r, height: 2 * r});
      else if (pts) shape = svgEl('polygon', {points: pts});
      else shape = svgEl('circle', {cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r});
      shape.setAttribute('fill', k.color);
      shape.setAttribute('stroke', 'rgba(0,0,0,.35)');
      group.appendChild(shape);
      var size = (rec.font && rec.font.size) || 15;
      var text = svgEl('text', {x: p.x.toFixed(1), 'text-anchor': 'middle', 'font-size': size, fill: '#1f2933',
        stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke', lang: langTag(lang)});
      (lang === 'zh' ? c.wzh : c.wen).split('\n').forEach(function (line, i) {
        var span = svgEl('tspan', {x: p.x.toFixed(1), y: (p.y + r + size * (i + 1)).toFixed(1)});
        span.textContent = line;
        text.appendChild(span);
      });
      group.appendChild(text);
      gn.appendChild(group);
    });
    svg.appendChild(gn);
    var xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg) + '\n';
    download('kg1571-view.svg', 'image/svg+xml;charset=utf-8', xml);
    return xml;
  }

  // A citation card for a concept or a relation: the article, its section, the offsets and the quote,
  // and the concept's (or statement's) IRI; as text, BibTeX and CSL-JSON.
  function citation(id) {
    var c = conceptById.get(id), r = c ? null : relationById.get(id);
    if (!c && !r) return null;
    var name = c ? c.zh + (c.en ? ' / ' + c.en : '') : relationText(r) + ' / ' + term(r.p).en;
    var iri = c ? DATA.iri.concept + c.id : DATA.iri.statement + r.id;
    var ev = (c || r).ev;
    var quotes = ev.map(function (e) {
      var section = e[4] && DATA.sections[e[4]] ? DATA.sections[e[4]].zh : '';
      return {section: section, start: e[0], end: e[1], quote: DATA.source.slice(e[0], e[1])};
    });
    var where = quotes.map(function (q) {
      return (q.section ? '§ ' + q.section + ', ' : '') + 'characters ' + q.start + '–' + q.end + ': “' + q.quote + '”';
    });
    var articleTitle = DATA.title, author = DATA.creator;
    var text = name + '. In: ' + author + ', “' + articleTitle + '”' + (where.length ? '; ' + where.join('; ') : '') +
      '. ' + iri + ' (kg1571 knowledge graph).';
    function bib(s) { return String(s).replace(/[{}\\]/g, function (ch) { return '\\' + ch; }); }
    var key = 'kg1571-' + (c ? c.id : r.id).replace(/[^A-Za-z0-9-]/g, '-');
    var bibtex = '@misc{' + key + ',\n' +
      '  title = {' + bib(name) + '},\n' +
      '  author = {{' + bib(author) + '}},\n' +
      '  howpublished = {\\url{' + iri + '}},\n' +
      '  note = {' + bib('In: “' + articleTitle + '”' + (where.length ? '; ' + where.join('; ') : '')) + '}\n}\n';
    var csl = [{
      id: key, type: 'entry', title: name, author: [{literal: author}], 'container-title': articleTitle, URL: iri,
      note: where.join('; '), quotes: quotes
    }];
    return {text: text, bibtex: bibtex, csl: JSON.stringify(csl, null, 2), iri: iri};
  }
  function citationCard(id) {
    var cite = citation(id);
    var box = el('div', 'citation');
    box.id = 'citation';
    [['text', t('citeText')], ['bibtex', 'BibTeX'], ['csl', 'CSL-JSON']].forEach(function (part) {
      var head = el('div', 'cite-head');
      head.appendChild(el('span', 'where', part[1]));
      var copy = actionButton(t('copy'), function () {
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(cite[part[0]]).then(function () { showNotice(t('copiedCitation'), false); }, function () {
            showNotice(t('selectToCopy'), false); selectText(pre);
          });
        } else { showNotice(t('selectToCopy'), false); selectText(pre); }
      }, 'action copy-' + part[0]);
      head.appendChild(copy);
      box.appendChild(head);
      var pre = el('pre', 'cite-' + part[0], cite[part[0]]);
      pre.setAttribute('tabindex', '0');
      box.appendChild(pre);
    });
    return box;
  }
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function toggleCitation(id, after) {
    var existing = document.getElementById('citation');
    if (existing) { existing.remove(); return; }
    after.parentNode.insertBefore(citationCard(id), after.nextSibling);
  }
  document.getElementById('export-png').addEventListener('click', exportPng);
  document.getElementById('export-svg').addEventListener('click', exportSvg);
  document.getElementById('export-csv').addEventListener('click', exportCsv);
  document.getElementById('print').addEventListener('click', function () { window.print(); });

  // ------------------------------------------------------------------ language
  var langToggle = document.getElementById('lang-toggle');
  function setLanguage(next, opts) {
    opts = opts || {};
    lang = next === 'en' ? 'en' : 'zh';
    document.documentElement.lang = langTag(lang);
    document.querySelectorAll('[data-ui]').forEach(function (e) { e.textContent = t(e.getAttribute('data-ui')); });
    document.querySelectorAll('[data-ui-placeholder]').forEach(function (e) { e.placeholder = t(e.getAttribute('data-ui-placeholder')); });
    document.querySelectorAll('[data-ui-label]').forEach(function (e) { e.setAttribute('aria-label', t(e.getAttribute('data-ui-label'))); });
    if (container.contains(document.activeElement)) hint.textContent = t('hintKeys');
    langToggle.textContent = t('langButton');
    langToggle.setAttribute('lang', langTag(other()));
    var labels = [];
    DATA.concepts.forEach(function (c) {
      var text = lang === 'zh' ? c.wzh : c.wen;
      if (loadedNodes.has(c.id)) labels.push({id: c.id, label: text});
      else nodeRecord.get(c.id).label = text;  // not loaded yet: it arrives in the current language
    });
    nodes.update(labels);
    setEdgeLabels(labelCandidates, labelledEdges.anchor);
    renderLegend();
    renderOutline();
    if (!listView.hidden) renderList();
    rerenderPanel();
    if (sourceBuilt) buildSource();
    if (!suggestions.hidden) showSuggestions();
    if (opts.hash !== false) commitState(true);
    return lang;
  }
  langToggle.addEventListener('click', function () { setLanguage(other()); });

  // ------------------------------------------------------------------ notice
  var notice = document.getElementById('notice'), noticeText = document.getElementById('notice-text');
  function showNotice(text, alert) {
    noticeText.textContent = text;
    notice.classList.toggle('alert', !!alert);
    notice.hidden = false;
  }
  function hideNotice() { notice.hidden = true; }
  document.getElementById('notice-close').addEventListener('click', function () { hideNotice(); pendingPath = null; });

  // ------------------------------------------------------------------ the address: state in the fragment
  // #<id>&lang=en&hide=Problem,Actor&rel=opposes&path=from,to&hops=2 (every part optional; a bare #<id>
  // still works). Each change a reader makes is a history entry, so Back returns to the previous state.
  function enc(s) { return encodeURIComponent(s).replace(/%3A/g, ':'); }
  function stateHash() {
    var parts = [];
    if (current && (current.kind === 'node' || current.kind === 'edge')) parts.push(enc(current.id));
    if (current && current.kind === 'path') parts.push('path=' + enc(current.from || '') + ',' + enc(current.to || ''));
    if (lang !== 'zh') parts.push('lang=' + lang);
    if (hiddenClasses.size) {
      var shown = filterState().classes;
      if (shown.length < hiddenClasses.size) parts.push('show=' + shown.map(enc).join(','));
      else parts.push('hide=' + Array.from(hiddenClasses).sort().map(enc).join(','));
    }
    if (hiddenPredicates.size) parts.push('rel=' + Array.from(hiddenPredicates).sort().map(enc).join(','));
    if (hops !== 1) parts.push('hops=' + hops);
    return parts.length ? '#' + parts.join('&') : '';
  }
  var applying = false, appliedHash = null;
  function commitState(push) {
    if (applying) return;
    var hash = stateHash();
    appliedHash = hash;
    if (hash === window.location.hash || (!hash && !window.location.hash)) return;
    var url = hash || window.location.pathname + window.location.search;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }
  function parseHash(raw) {
    var state = {id: null, lang: 'zh', hide: [], show: null, rel: [], path: null, hops: 1};
    raw.split('&').forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf('=');
      var key = eq < 0 ? null : part.slice(0, eq), value = eq < 0 ? part : part.slice(eq + 1);
      var list = function () { return value.split(',').filter(Boolean).map(function (v) { try { return decodeURIComponent(v); } catch (e) { return v; } }); };
      if (key === null) { try { state.id = decodeURIComponent(value); } catch (e) { state.id = value; } }
      else if (key === 'lang') state.lang = value === 'en' ? 'en' : 'zh';
      else if (key === 'hide') state.hide = list();
      else if (key === 'show') state.show = list();
      else if (key === 'rel') state.rel = list();
      else if (key === 'path') {  // both ends, or one (the other empty) while the form waits
        var ends = value.split(',').map(function (v) { try { return decodeURIComponent(v); } catch (e) { return v; } });
        if (ends.length === 2) state.path = ends;
      }
      else if (key === 'hops') state.hops = value === '2' ? 2 : 1;
    });
    return state;
  }
  function fromHash(initial) {
    var hash = window.location.hash;
    if (!initial && hash === appliedHash) return;
    var state = parseHash(hash.slice(1));
    applying = true;
    try {
      if (state.lang !== lang || initial) { if (state.lang !== lang) setLanguage(state.lang, {hash: false}); }
      var classes = state.show ? state.show : DATA.classes.map(function (k) { return k.name; }).filter(function (n) { return state.hide.indexOf(n) < 0; });
      if (classes.length !== DATA.classes.length - hiddenClasses.size || classes.some(function (n) { return hiddenClasses.has(n); })) setClasses(classes);
      if (state.rel.join(',') !== Array.from(hiddenPredicates).sort().join(',')) setPredicates(state.rel);
      hops = state.hops;
      var unknown = [];
      if (state.path) {
        state.path.forEach(function (id) { if (id && !conceptById.has(id)) unknown.push(id); });
        if (!unknown.length && state.path[0] && state.path[1]) showPath(state.path[0], state.path[1], {hash: false, animate: !initial});
        else if (!unknown.length) openPaths(state.path[0], state.path[1], {hash: false, focusField: false});
      } else if (state.id) {
        if (!selectId(state.id, {hash: false, animate: !initial})) unknown.push(state.id);
      } else if (!panel.hidden) {
        closePanel();
      }
      if (unknown.length) showNotice(t('unknownId') + unknown.join(', '), true);
      else if (notice.classList.contains('alert')) hideNotice();
    } finally {
      applying = false;
    }
    appliedHash = stateHash();
  }
  window.addEventListener('popstate', function () { fromHash(false); });
  window.addEventListener('hashchange', function () { fromHash(false); });

  // copy link: the clipboard where the browser allows it, else the link shown selected to copy by hand
  var copyButton = document.getElementById('copy-link');
  function copyLink() {
    commitState(false);
    var href = window.location.href;
    function fallback() {
      showNotice(t('copyFallback'), false);
      var input = el('input', 'copy-field');
      input.readOnly = true;
      input.value = href;
      input.setAttribute('aria-label', t('copyLink'));
      noticeText.appendChild(input);
      input.focus();
      input.select();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(href).then(function () { showNotice(t('copied') + ' ' + href, false); }, fallback);
    } else fallback();
    return href;
  }
  copyButton.addEventListener('click', copyLink);

  // ------------------------------------------------------------------ the canvas by keyboard
  // #network is one tab stop (role application, named, with its instructions in #canvas-help). The arrow keys
  // move the selection to the nearest concept in the arrow's direction: among the concepts the filters show,
  // those within 45° of the direction, the one with the smallest distance along it plus twice the distance
  // across it (none there: the nearest in that half of the plane). The first arrow (and Home) takes the
  // framework, the plan's centre. Moving selects and fades as a click does, but opens no panel: Enter does
  // (focus to its heading; Esc there comes back here). If the panel is already open it follows the selection.
  // Esc clears the selection; + and − zoom about it; 0 gives the default view; Shift + arrows pan. The
  // selection is kept in the free area, circled in the focus colour while the canvas has the focus, and
  // announced in #canvas-status (label, class, number of relations, in the current language).
  var cursor = null, lastCursor = null;
  var canvasStatus = document.getElementById('canvas-status');
  var hint = document.getElementById('hint');
  if (network.canvas && network.canvas.frame) network.canvas.frame.tabIndex = -1;  // vis-network's own tab stop
  var DIRECTIONS = {ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1]};
  function nearestInDirection(from, d) {
    var p = pointOf(from), best = null, bestScore = Infinity, loose = null, looseScore = Infinity;
    if (!p) return null;
    DATA.concepts.forEach(function (c) {
      if (c.id === from || hiddenClasses.has(c.cls)) return;
      var q = pointOf(c.id);
      if (!q) return;
      var dx = q.x - p.x, dy = q.y - p.y, along = dx * d[0] + dy * d[1], across = Math.abs(dx * d[1] - dy * d[0]);
      if (along <= 0) return;
      var score = along + 2 * across;
      if (across <= along) { if (score < bestScore) { best = c.id; bestScore = score; } }
      else if (score < looseScore) { loose = c.id; looseScore = score; }
    });
    return best || loose;
  }
  function startConcept() {
    var root = DATA.view && DATA.view.root;
    if (root && conceptById.has(root) && !hiddenClasses.has(conceptById.get(root).cls)) return root;
    var shown = DATA.concepts.filter(function (c) { return !hiddenClasses.has(c.cls); });
    return shown.length ? shown[0].id : null;
  }
  function describe(id) {
    var c = conceptById.get(id), k = classByName.get(c.cls), n = (edgesOf.get(id) || []).length;
    var cls = k ? k[lang] : c.cls;
    if (lang === 'zh') return label(c) + '，' + cls + '，' + n + ' ' + t('relationsCount');
    return label(c) + ', ' + cls + ', ' + n + ' ' + (n === 1 ? 'relation' : t('relationsCount'));
  }
  function announce(text) { canvasStatus.textContent = text; }
  function keepInView(id) {  // pan (same zoom) when the concept is outside the free area
    var p = pointOf(id), dom = network.canvasToDOM(p), a = freeArea(), m = 40;
    if (dom.x >= a.left + m && dom.x <= a.right - m && dom.y >= a.top + m && dom.y <= a.bottom - m) return;
    var scale = network.getScale(), view = viewFor([{x: p.x, y: p.y, size: (nodeRecord.get(id) || {}).size}], scale, scale);
    network.moveTo({position: view.position, scale: scale, animation: false});
  }
  function keyTo(id) {
    if (!id) return;
    cursor = lastCursor = id;
    if (!panel.hidden) {  // the open panel follows the selection; the address is updated, not a new history entry
      selectConcept(id, {frame: false, hash: false, path: false});
      commitState(false);
    } else {
      load([id], true);
      current = {kind: 'node', id: id};
      network.selectNodes([id], true);
      var keep = neighbourhood(id, hops);
      setEmphasis(keep);
      setEdgeLabels(Array.from(keep.edges).filter(function (rid) { var r = relationById.get(rid); return r.s === id || r.o === id; }), id);
      markOutline(id);
    }
    keepInView(id);
    announce(describe(id));
    document.documentElement.setAttribute('data-cursor', id);
  }
  function clearKeyboardSelection() {
    if (!panel.hidden) closePanel();
    else {
      current = null;
      network.unselectAll();
      setEdgeLabels([]);
      setEmphasis(null);
      markOutline(null);
    }
    cursor = null;
    document.documentElement.removeAttribute('data-cursor');
    announce(t('cleared'));
    network.redraw();
  }
  function zoomBy(factor) {
    var scale = Math.min(Math.max(network.getScale() * factor, 0.1), 4);
    var at = cursor ? pointOf(cursor) : network.getViewPosition();
    network.moveTo({position: at, scale: scale, animation: false});
  }
  container.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var key = ev.key, d = DIRECTIONS[key];
    if (d && ev.shiftKey) {
      var v = network.getViewPosition(), step = 120 / network.getScale();
      network.moveTo({position: {x: v.x + d[0] * step, y: v.y + d[1] * step}, animation: false});
    } else if (d) {
      var from = cursor || lastCursor;
      keyTo(from && conceptById.has(from) ? nearestInDirection(from, d) || from : startConcept());
    } else if (key === 'Home') keyTo(startConcept());
    else if (key === 'Enter' || key === ' ') {
      var id = cursor || (current && current.kind === 'node' ? current.id : null);
      if (!id) return;
      cursor = null;  // the panel has the keyboard now
      selectConcept(id, {focusPanel: true, frame: false});
    } else if (key === 'Escape') clearKeyboardSelection();
    else if (key === '+' || key === '=') zoomBy(1.25);
    else if (key === '-' || key === '_') zoomBy(0.8);
    else if (key === '0') defaultView(false);
    else return;
    ev.preventDefault();
    ev.stopPropagation();
  });
  // focusin/focusout: a click on the drawing focuses vis-network's frame inside it, and the keys work there too
  container.addEventListener('focusin', function (ev) {
    if (ev.target === container && current && current.kind === 'node') {
      cursor = lastCursor = current.id;
      announce(describe(current.id));
    }
    hint.textContent = t('hintKeys');
    network.redraw();
  });
  container.addEventListener('focusout', function (ev) {
    if (container.contains(ev.relatedTarget)) return;
    hint.textContent = t('hint');
    network.redraw();
  });
  // the focus ring on the keyboard's concept: drawn after everything else, in the focus colour with a white halo
  network.on('afterDrawing', function (ctx) {
    if (!cursor || !container.contains(document.activeElement)) return;
    var p = pointOf(cursor);
    if (!p) return;
    var scale = network.getScale(), r = ((nodeRecord.get(cursor) || {}).size || 10) + 6 / scale;
    ctx.save();
    ctx.beginPath();
    ctx.arc(p.x, p.y, r + 2 / scale, 0, 2 * Math.PI);
    ctx.lineWidth = 7 / scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(p.x, p.y, r + 2 / scale, 0, 2 * Math.PI);
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = FOCUS_RING;
    ctx.stroke();
    ctx.restore();
  });
  var FOCUS_RING = '#1864ab';

  // ------------------------------------------------------------------ filters toggle, reset, keys
  var legendToggle = document.getElementById('legend-toggle');
  function setLegendOpen(open) {
    document.body.classList.toggle('legend-open', open);
    legendToggle.setAttribute('aria-pressed', open ? 'true' : 'false');
  }
  legendToggle.addEventListener('click', function () {
    var open = !document.body.classList.contains('legend-open');
    if (open && narrow.matches) setOutlineOpen(false);
    setLegendOpen(open);
  });
  setLegendOpen(false);
  setOutlineOpen(wide.matches);
  if (initialView) network.moveTo({position: initialView.position, scale: initialView.scale, animation: false});
  else defaultView(false);

  function reset() {
    applying = true;
    try {
      setClasses(DATA.classes.map(function (k) { return k.name; }));
      setPredicates([]);
      hops = 1;
      pendingPath = null;
      hideNotice();
      closeSource();
      closeList();
      closePanel();
    } finally { applying = false; }
    search.value = '';
    closeSuggestions();
    defaultView(true);
    commitState(true);
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
      else if (!listView.hidden) closeList();
      else if (!sourceView.hidden) closeSource();
    }
  });

  renderLegend();
  renderOutline();
  window.network = network;
  window.kg = {
    network: network, nodes: nodes, edges: edges, data: DATA, firstFrameMs: firstFrame,
    select: selectId, selectConcept: selectConcept, selectRelation: selectRelation, setLanguage: setLanguage,
    setClassVisible: setClassVisible, search: findConcepts, searchDetails: rankedSearch, openSource: openSource,
    reset: reset, filter: filter, filters: filterState, fit: fitVisible,
    path: function (from, to) { var r = showPath(from, to); return r === null ? [] : r; },
    paths: findPaths, link: copyLink, exportCsv: exportCsv, exportSvg: exportSvg, exportPng: exportPng,
    citation: citation, faded: function () { return Array.from(fadedNodes).sort(); }, state: stateHash, freeArea: freeArea, openList: openList,
    language: function () { return lang; }, progressive: progressive, loadedMs: null,
    emphasize: function (ids, edgeIds) {  // the SPARQL console's "show in graph"
      ids = ids.filter(function (id) { return conceptById.has(id); });
      load(ids, false);
      setEmphasis({nodes: new Set(ids), edges: new Set(edgeIds || [])});
      if (ids.length) frame(ids, false);
      return ids.length;
    },
    loaded: function () { return loadedNodes.size === GRAPH.nodes.length; }
  };
  fromHash(true);
}());
