// The SPARQL console: Oxigraph's WebAssembly build in a blob: Worker, created on first use (the wasm, the
// Turtle and the named queries are data blocks after the explorer's scripts, read only then; the wasm is
// gzipped, and the worker inflates it). A query runs under a time limit; Cancel or the limit terminates the
// worker (the only way to stop a wasm query), and the next query starts a new one.
// window.kg.sparql(text) -> Promise of SPARQL 1.1 JSON results (SELECT, ASK); a CONSTRUCT or DESCRIBE
// resolves to {"ntriples": "..."}. No request of any kind is made.
// The editor is CodeMirror 6 (vendor/codemirror, window.KgCodeMirror), also a data block until first use; it
// lives in a shadow root, where CodeMirror puts its styles in a constructed (adopted) style sheet rather than
// a <style> element, so the page's CSP needs no 'unsafe-inline' and no nonce for them.
(function () {
  'use strict';
  var TIME_LIMIT_MS = 30000;
  var worker = null, starting = null, pending = new Map(), seq = 0, meta = null;

  function block(id) { return document.getElementById(id).textContent; }
  function info() {
    if (!meta) meta = JSON.parse(block('kg-console'));
    return meta;
  }

  // The worker's own code, appended to Oxigraph's web.js (a classic script made from the module at build time).
  var WORKER_MAIN = [
    'var kgStore = null;',
    'self.onmessage = async function (event) {',
    '  var m = event.data;',
    '  try {',
    '    if (m.kind === "init") {',
    // the wasm arrives gzipped as base64 and the Turtle as JSON text: both decoded here, off the page's thread
    '      var raw = atob(m.wasm), gz = new Uint8Array(raw.length);',
    '      for (var i = 0; i < raw.length; i++) gz[i] = raw.charCodeAt(i);',
    '      var wasm = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();',
    '      await __wbg_init({module_or_path: wasm});',
    '      kgStore = new Store();',
    '      kgStore.load(JSON.parse(m.data), {format: "text/turtle", base_iri: m.base});',
    '      self.postMessage({id: m.id, ok: true, value: kgStore.size});',
    '      return;',
    '    }',
    '    var graph = m.form === "CONSTRUCT" || m.form === "DESCRIBE";',
    '    var out = kgStore.query(m.text, {base_iri: m.base,',
    '      results_format: graph ? "application/n-triples" : "application/sparql-results+json"});',
    '    self.postMessage({id: m.id, ok: true, value: out, graph: graph});',
    '  } catch (e) {',
    '    self.postMessage({id: m.id, ok: false, error: String(e && e.message || e)});',
    '  }',
    '};'
  ].join('\n');

  function post(message, transfer) {
    return new Promise(function (resolve, reject) {
      message.id = ++seq;
      pending.set(message.id, {resolve: resolve, reject: reject});
      worker.postMessage(message, transfer || []);
    });
  }

  function stop(reason) {
    if (worker) worker.terminate();
    worker = null;
    starting = null;
    var waiting = Array.from(pending.values());
    pending.clear();
    waiting.forEach(function (p) { p.reject(new Error(reason)); });
  }

  function start() {
    if (starting) return starting;
    var t0 = performance.now();
    var source = JSON.parse(block('kg-oxigraph-js')) + '\n' + WORKER_MAIN;
    var url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
    worker = new Worker(url);
    URL.revokeObjectURL(url);
    worker.onmessage = function (event) {
      var m = event.data, p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m); else p.reject(new Error(m.error));
    };
    worker.onerror = function (event) { stop('the query engine failed: ' + (event.message || 'error')); };
    var message = {kind: 'init', wasm: block('kg-oxigraph-wasm').trim(), data: block('kg-turtle'), base: info().base};
    starting = post(message).then(function (m) {
      window.kg.sparqlReadyMs = performance.now() - t0;
      return m.value;
    });
    return starting;
  }

  // The query form (SELECT, ASK, CONSTRUCT, DESCRIBE ...): the first keyword after comments and the prologue.
  function queryForm(text) {
    var t = text.replace(/"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|<[^<>\s]*>|#[^\n]*/g, function (m) { return m[0] === '#' ? ' ' : m; });
    t = t.replace(/^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*/i, '');
    var m = /^[A-Za-z]+/.exec(t);
    return m ? m[0].toUpperCase() : '';
  }

  // The CLI's predeclared prefixes, on one line before the text (so an error's line is ours minus one).
  function withPrefixes(text) {
    var p = info().prefixes;
    return Object.keys(p).map(function (k) { return 'PREFIX ' + k + ': <' + p[k] + '>'; }).join(' ') + '\n' + text;
  }

  function fixPosition(message) {
    var m = /error at (\d+):(\d+):\s*/.exec(message);
    if (!m) return {message: message};
    var line = Number(m[1]) - 1, column = Number(m[2]);
    var rest = message.slice(m.index + m[0].length).replace(/\s+/g, ' ');
    if (rest.indexOf('Prefix not found') >= 0) rest = 'unknown prefix; declare it with a PREFIX line';
    else if (rest.length > 300) rest = rest.slice(0, 300) + ' ...';
    return {message: line + ':' + column + ': SPARQL syntax error: ' + rest, line: line, column: column};
  }

  var UPDATE = ['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'CREATE', 'DROP', 'COPY', 'MOVE', 'ADD', 'WITH'];

  function sparql(text, opts) {
    opts = opts || {};
    var form = queryForm(text);
    if (UPDATE.indexOf(form) >= 0) return Promise.reject(new Error(form + ' is a SPARQL Update; the console is read-only'));
    var limit = opts.timeoutMs || TIME_LIMIT_MS;
    return start().then(function () {
      var timer = setTimeout(function () { stop('the query ran past its time limit (' + limit / 1000 + ' s) and was stopped'); }, limit);
      return post({kind: 'query', text: withPrefixes(text), form: form, base: info().base}).then(function (m) {
        clearTimeout(timer);
        return m.graph ? {ntriples: m.value} : JSON.parse(m.value);
      }, function (e) {
        clearTimeout(timer);
        var fixed = fixPosition(e.message);
        var err = new Error(fixed.message);
        err.line = fixed.line; err.column = fixed.column;
        throw err;
      });
    });
  }

  // A named query with its parameters bound, as `kg1571 query --param` does.
  function literal(value) {
    var t = value.trim();
    if (t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"') t = t.slice(1, -1);
    return '"' + t.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r') + '"';
  }
  function conceptTerm(value) {
    var v = value.trim();
    if (/^<[^<>"{}|^`\\\s]+>$/.test(v)) return v;
    if (/^[A-Za-z][\w-]*:[\w.-]*$/.test(v) && info().prefixes[v.split(':')[0]]) return v;
    if (/^[a-z0-9][a-z0-9-]*$/.test(v)) return 'kc:' + v;
    throw new Error(value + ' is not a concept: give an id, kc:id or <IRI>');
  }
  function render(named, values) {
    var text = named.text;
    named.params.forEach(function (p) {
      var v = values[p.name];
      if (v === undefined || v === '') return;
      var term = p.default[0] === '"' ? literal(v) : conceptTerm(v);
      text = text.replace(new RegExp('VALUES\\s+\\?' + p.name + '\\s*\\{[^}]*\\}'), function () { return 'VALUES ?' + p.name + ' { ' + term + ' }'; });
    });
    return text;
  }

  // ------------------------------------------------------------------------------------- the view
  var view = document.getElementById('console-view');
  var toggle = document.getElementById('console-toggle');
  var host = document.getElementById('console-editor');
  var menu = document.getElementById('console-named');
  var params = document.getElementById('console-params');
  var question = document.getElementById('console-question');
  var status = document.getElementById('console-status');
  var results = document.getElementById('console-results');
  var runButton = document.getElementById('console-run');
  var cancelButton = document.getElementById('console-cancel');
  var last = null, filled = false, editor = null;
  var FIRST_QUERY = 'SELECT ?c ?label WHERE {\n  ?c a k:KeyTask ; k:order ?o ; skos:prefLabel ?label\n  FILTER(lang(?label) = "zh")\n} ORDER BY ?o\n';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function zh() { return !window.kg || window.kg.language() !== 'en'; }

  // CodeMirror's bundle runs on first use: the inline script's text is the data block's, whose hash the CSP
  // lists, so inserting it is allowed while any other inserted script is not.
  function loadCodeMirror() {
    if (!window.KgCodeMirror) {
      var s = document.createElement('script');
      s.textContent = block('kg-codemirror-js');
      document.head.appendChild(s);
      s.remove();
    }
    return window.KgCodeMirror;
  }

  // Completion: prefixes, k: classes and properties and kc: concepts, each with its zh/en label.
  var termOptions = null;
  function options() {
    if (termOptions) return termOptions;
    var p = info().prefixes, byPrefix = {}, prefixList = [];
    Object.keys(p).sort().forEach(function (k) {
      prefixList.push({label: k + ':', detail: p[k], type: 'namespace'});
      byPrefix[k] = [];
    });
    info().vocabulary.forEach(function (t) {
      byPrefix.k.push({label: 'k:' + t.name, detail: t.zh + ' · ' + t.en, type: t.kind === 'class' ? 'class' : 'property'});
    });
    (window.kg ? window.kg.data.concepts : []).forEach(function (c) {
      byPrefix.kc.push({label: 'kc:' + c.id, detail: c.zh + (c.en ? ' · ' + c.en : ''), type: 'constant'});
    });
    termOptions = {prefixes: prefixList, byPrefix: byPrefix};
    return termOptions;
  }
  function complete(context) {
    var word = context.matchBefore(/[A-Za-z][\w-]*:[\w.-]*|[A-Za-z][\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    var before = context.state.sliceDoc(Math.max(0, word.from - 1), word.from);
    if (before === '?' || before === '$' || before === '<' || before === '"' || before === "'" || before === '@') return null;
    var node = window.KgCodeMirror.syntaxTree(context.state).resolveInner(context.pos, -1);
    if (/Comment|String|IriRef/.test(node.name)) return null;
    var o = options(), colon = word.text.indexOf(':');
    if (colon < 0) return {from: word.from, options: o.prefixes, validFor: /^[\w-]*$/};
    var terms = o.byPrefix[word.text.slice(0, colon)];
    return terms && terms.length ? {from: word.from, options: terms, validFor: /^[\w-]*:[\w.-]*$/} : null;
  }

  function makeEditor() {
    if (editor) return editor;
    var cm = loadCodeMirror();
    var root = host.attachShadow({mode: 'open'});
    var theme = cm.EditorView.theme({
      '&': {border: '1px solid var(--line, #ccc)', borderRadius: '4px', background: 'var(--card, #fff)', color: 'var(--ink, #222)'},
      '&.cm-focused': {outline: '2px solid #1f5fa8', outlineOffset: '1px'},
      '.cm-scroller': {fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '13px', lineHeight: '1.45', minHeight: '9.5em', maxHeight: '45vh'},
      '.cm-content': {padding: '6px 0'},
      '.cm-gutters': {background: 'transparent', borderRight: '1px solid var(--line, #ddd)', color: '#888'},
      '.tok-keyword': {color: '#8a2be2', fontWeight: '600'},
      '.tok-variableName': {color: '#0b6e4f'},
      '.tok-string': {color: '#a0522d'},
      '.tok-number, .tok-integer, .tok-float, .tok-bool': {color: '#1c6aa0'},
      '.tok-comment': {color: '#6a737d', fontStyle: 'italic'},
      '.tok-url, .tok-namespace, .tok-typeName': {color: '#1f5fa8'},
      '.cm-tooltip-autocomplete ul li[aria-selected]': {background: '#1f5fa8', color: '#fff'},
      '.cm-completionDetail': {marginLeft: '0.8em', fontStyle: 'normal', opacity: '0.75'},
      '@media (max-width: 600px)': {'.cm-scroller': {fontSize: '16px'}}
    });
    var runKeys = cm.Prec.highest(cm.keymap.of([{key: 'Mod-Enter', run: function () { run(); return true; }}]));
    editor = new cm.EditorView({
      parent: root,
      state: cm.EditorState.create({
        doc: FIRST_QUERY,
        extensions: [
          runKeys, cm.lineNumbers(), cm.highlightActiveLineGutter(), cm.history(), cm.drawSelection(),
          cm.indentOnInput(), cm.bracketMatching(), cm.closeBrackets(), cm.highlightActiveLine(),
          cm.syntaxHighlighting(cm.classHighlighter), cm.sparql(),
          cm.autocompletion({override: [complete], icons: false}),
          // Tab is left to the browser (CodeMirror's indentWithTab is not added): it moves the focus on.
          cm.keymap.of([].concat(cm.closeBracketsKeymap, cm.defaultKeymap, cm.historyKeymap, cm.completionKeymap)),
          cm.EditorView.lineWrapping, theme,
          cm.EditorView.contentAttributes.of({'aria-label': 'SPARQL (Ctrl/Cmd-Enter: ' + (zh() ? '运行' : 'run') + ')', 'aria-multiline': 'true'})
        ]
      })
    });
    return editor;
  }
  function getText() { return editor ? editor.state.doc.toString() : FIRST_QUERY; }
  function setText(text) {
    makeEditor();
    editor.dispatch({changes: {from: 0, to: editor.state.doc.length, insert: text}});
  }

  function fillMenu() {
    if (filled) return;
    filled = true;
    var q = info().queries;
    menu.appendChild(el('option', zh() ? '（自己写查询）' : '(write your own)', '')).value = '';
    q.forEach(function (n) {
      var o = el('option', n.name + ' — ' + (zh() ? n.zh : n.en));
      o.value = n.name;
      menu.appendChild(o);
    });
  }
  function chosen() {
    return info().queries.filter(function (n) { return n.name === menu.value; })[0] || null;
  }
  menu.addEventListener('change', function () {
    var n = chosen();
    params.textContent = '';
    question.textContent = n ? n.zh + ' ' + n.en : '';
    if (!n) return;
    n.params.forEach(function (p) {
      var label = el('label', p.name + ' ');
      var input = el('input');
      input.type = 'text';
      input.dataset.param = p.name;
      input.placeholder = p.default;
      input.title = p.description;
      input.addEventListener('input', function () { setText(render(n, paramValues())); });
      label.appendChild(input);
      params.appendChild(label);
    });
    setText(n.text);
  });
  function paramValues() {
    var out = {};
    params.querySelectorAll('input[data-param]').forEach(function (i) { out[i.dataset.param] = i.value; });
    return out;
  }

  var base = null;
  function label(term) {
    if (term.type !== 'uri') return term.value;
    var id = conceptId(term.value);
    if (id && window.kg) {
      var c = window.kg.data.concepts.filter(function (x) { return x.id === id; })[0];
      if (c) return zh() ? c.zh : (c.en || c.zh);
    }
    var p = info().prefixes, best = '';
    Object.keys(p).forEach(function (k) { if (term.value.indexOf(p[k]) === 0 && p[k].length > (best ? p[best].length : 0)) best = k; });
    return best ? best + ':' + term.value.slice(p[best].length) : term.value;
  }
  function conceptId(iri) {
    if (base === null) base = info().prefixes.kc;
    return iri.indexOf(base) === 0 ? iri.slice(base.length) : null;
  }

  function showTable(answer) {
    results.textContent = '';
    if (answer.ntriples !== undefined) {
      var pre = el('pre', answer.ntriples);
      results.appendChild(pre);
      return (answer.ntriples.match(/\n/g) || []).length + ' triples';
    }
    if (answer.boolean !== undefined) { results.appendChild(el('p', String(answer.boolean))); return 'ASK'; }
    var table = el('table'), head = el('tr');
    answer.head.vars.forEach(function (v) { head.appendChild(el('th', '?' + v)); });
    table.appendChild(el('thead')).appendChild(head);
    var body = table.appendChild(el('tbody'));
    answer.results.bindings.forEach(function (b) {
      var tr = el('tr');
      answer.head.vars.forEach(function (v) {
        var td = el('td'), t = b[v];
        if (t) {
          var id = t.type === 'uri' ? conceptId(t.value) : null;
          if (id !== null) {
            var a = el('button', label(t), 'iri');
            a.type = 'button';
            a.title = t.value;
            a.dataset.id = id;
            a.addEventListener('click', function () { window.kg.select(id); });
            td.appendChild(a);
          } else td.textContent = label(t);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    results.appendChild(table);
    return answer.results.bindings.length + (zh() ? ' 行' : ' rows');
  }

  function run() {
    var text = getText(), t0 = performance.now();
    status.textContent = zh() ? '运行中……' : 'running ...';
    runButton.disabled = true;
    cancelButton.disabled = false;
    return sparql(text).then(function (answer) {
      last = answer;
      status.textContent = showTable(answer) + ' · ' + Math.round(performance.now() - t0) + ' ms';
    }, function (e) {
      last = null;
      results.textContent = '';
      status.textContent = e.message;
    }).then(function () { runButton.disabled = false; cancelButton.disabled = true; });
  }

  // Every concept in the answer, and every relation between two concepts of the same row.
  function showInGraph() {
    if (!last || !last.results) return {nodes: [], edges: []};
    var nodes = new Set(), edges = new Set();
    var known = new Set(window.kg.data.concepts.map(function (c) { return c.id; }));
    last.results.bindings.forEach(function (b) {
      var row = new Set();
      Object.keys(b).forEach(function (v) {
        var id = b[v].type === 'uri' ? conceptId(b[v].value) : null;
        if (id !== null && known.has(id)) { row.add(id); nodes.add(id); }
      });
      window.kg.data.relations.forEach(function (r) { if (row.has(r.s) && row.has(r.o)) edges.add(r.id); });
    });
    var out = {nodes: Array.from(nodes).sort(), edges: Array.from(edges).sort()};
    if (out.nodes.length) window.kg.emphasize(out.nodes, out.edges);
    return out;
  }

  function csvCell(t) {
    if (!t) return '';
    var v = t.type === 'bnode' ? '_:' + t.value : t.value;
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function toCsv(answer) {
    var vars = answer.head.vars, lines = [vars.join(',')];
    answer.results.bindings.forEach(function (b) { lines.push(vars.map(function (v) { return csvCell(b[v]); }).join(',')); });
    return lines.join('\r\n') + '\r\n';
  }
  function save(name, mime, text) {
    var url = URL.createObjectURL(new Blob([text], {type: mime}));
    var a = el('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // The licences of what the page bundles (Oxigraph's wasm and its crates, CodeMirror), from a data block.
  var licences = document.getElementById('console-licences');
  function showLicences() {
    var pre = document.getElementById('console-licences-text');
    if (!pre.textContent) pre.textContent = JSON.parse(block('kg-notices'));
    licences.hidden = false;
    document.getElementById('console-licences-close').focus();
  }
  document.getElementById('console-about').addEventListener('click', showLicences);
  document.getElementById('console-licences-close').addEventListener('click', function () {
    licences.hidden = true;
    document.getElementById('console-about').focus();
  });

  function open() {
    fillMenu();
    view.hidden = false;
    toggle.setAttribute('aria-pressed', 'true');
    start();  // first: the worker inflates and compiles the wasm while this thread builds the editor
    makeEditor().focus();
  }
  function close() {
    view.hidden = true;
    toggle.setAttribute('aria-pressed', 'false');
  }
  toggle.addEventListener('click', function () { if (view.hidden) open(); else close(); });
  document.getElementById('console-close').addEventListener('click', close);
  runButton.addEventListener('click', run);
  cancelButton.addEventListener('click', function () { stop(zh() ? '已取消' : 'cancelled'); });
  document.getElementById('console-show').addEventListener('click', showInGraph);
  document.getElementById('console-csv').addEventListener('click', function () {
    if (last && last.results) save('kg1571-query.csv', 'text/csv;charset=utf-8', toCsv(last));
  });
  document.getElementById('console-json').addEventListener('click', function () {
    if (last && !last.ntriples) save('kg1571-query.srj', 'application/sparql-results+json', JSON.stringify(last));
  });

  function attach() {
    if (!window.kg) return;
    window.kg.sparql = sparql;
    window.kg.sparqlCancel = function () { stop('cancelled'); };
    window.kg.sparqlQueries = function () { return info().queries; };
    window.kg.sparqlRender = function (name, values) {
      return render(info().queries.filter(function (n) { return n.name === name; })[0], values || {});
    };
    window.kg.console = {
      open: open, close: close, run: run, showInGraph: showInGraph, licences: showLicences,
      text: getText, setText: setText,
      csv: function () { return last && last.results ? toCsv(last) : null; }
    };
  }
  attach();
}());
