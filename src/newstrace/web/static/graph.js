// newstrace outlet graph: fetches /api/outlets/graph and draws a force-directed SVG.
// Data only ever becomes text through textContent and numeric attributes.
(function () {
  "use strict";
  var svg = document.getElementById("outlet-graph");
  if (!svg) { return; }
  var status = document.getElementById("graph-status");
  var NS = "http://www.w3.org/2000/svg";
  var W = 900, H = 600;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(e); }
    return e;
  }

  // Bidirectional embedding, override and isolate controls reorder what follows them
  // (newstrace._display): shown labels drop them; links keep the real name.
  function neutral(s) { return String(s).replace(/[\u202A-\u202E\u2066-\u2069]/g, ""); }

  function draw(data) {
    var nodes = data.nodes.map(function (n, i) {
      var a = 2 * Math.PI * i / Math.max(1, data.nodes.length);
      return { id: n.id, label: neutral(n.label), name: n.label, type: n.type, weight: n.weight,
               x: W / 2 + 200 * Math.cos(a), y: H / 2 + 200 * Math.sin(a), vx: 0, vy: 0 };
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target] && e.source !== e.target; });
    var wmax = Math.max.apply(null, [1].concat(edges.map(function (e) { return e.weight; })));
    var defs = el("defs", {}, svg);
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
    el("path", { d: "M 0 0 L 10 5 L 0 10 z", "class": "arrowhead" }, marker);
    var gEdges = el("g", {}, svg), gNodes = el("g", {}, svg);
    edges.forEach(function (e) {
      e.line = el("line", { "class": "edge", "stroke-width": (1 + 4 * e.weight / wmax).toFixed(1), "marker-end": "url(#arrow)" }, gEdges);
      var t = el("title", {}, e.line);
      t.textContent = byId[e.source].label + " \u2192 " + byId[e.target].label + ": " + e.weight;
    });
    nodes.forEach(function (n) {
      var g = el("g", { "class": "n" }, gNodes);
      n.r = Math.min(16, 4 + Math.sqrt(n.weight));
      n.circle = el("circle", { "class": "node " + (n.type === "outlet" ? "outlet" : "cited"), r: n.r.toFixed(1) }, g);
      var t = el("title", {}, n.circle);
      t.textContent = n.label + " (" + n.weight + ")";
      n.text = el("text", { "class": "nlabel", dx: n.r + 3, dy: 4 }, g);
      n.text.textContent = n.label.length > 30 ? n.label.slice(0, 29) + "\u2026" : n.label;
      n.g = g;
      g.addEventListener("pointerdown", function (ev) { drag = n; moved = false; ev.preventDefault(); });
      g.addEventListener("click", function () {
        if (!moved) { window.location.href = "/outlet/" + encodeURIComponent(n.name); }
      });
    });

    var drag = null, moved = false;
    function toSvg(ev) {
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse());
    }
    svg.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var p = toSvg(ev);
      drag.x = p.x; drag.y = p.y; drag.vx = drag.vy = 0; moved = true;
      temp = Math.max(temp, 8); kick();
    });
    window.addEventListener("pointerup", function () { drag = null; });

    // Fruchterman-Reingold with gravity (keeps disconnected parts on screen) and cooling.
    var temp = 60, running = false;
    var k = Math.min(70, Math.sqrt(W * H / Math.max(1, nodes.length)) * 0.45);
    // gravity chosen so that n mutually repelling nodes settle within ~R of the centre
    var R = 230, grav = Math.max(0.02, nodes.length * k * k / (R * R));
    function step() {
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        var a = nodes[i];
        for (var j = i + 1; j < nodes.length; j++) {
          var b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var d = Math.sqrt(dx * dx + dy * dy) || 0.01, f = k * k / d;
          a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
        }
      }
      edges.forEach(function (e) {
        var a = byId[e.source], b = byId[e.target], dx = b.x - a.x, dy = b.y - a.y;
        var d = Math.sqrt(dx * dx + dy * dy) || 0.01, f = d * d / k;
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      });
      nodes.forEach(function (n) {
        n.dx += (W / 2 - n.x) * grav; n.dy += (H / 2 - n.y) * grav;
        if (n === drag) { return; }
        var d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 0.01, m = Math.min(d, temp);
        n.x += n.dx / d * m; n.y += n.dy / d * m;
        n.x = Math.max(20, Math.min(W - 120, n.x)); n.y = Math.max(20, Math.min(H - 20, n.y));
      });
      temp = Math.max(drag ? 8 : 0, temp * 0.96);
    }
    function render() {
      nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
      edges.forEach(function (e) {
        var a = byId[e.source], b = byId[e.target], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        e.line.setAttribute("x1", a.x.toFixed(1)); e.line.setAttribute("y1", a.y.toFixed(1));
        e.line.setAttribute("x2", (b.x - dx / d * (b.r + 2)).toFixed(1)); e.line.setAttribute("y2", (b.y - dy / d * (b.r + 2)).toFixed(1));
      });
    }
    function tick() {
      step(); render();
      if (temp > 0.3 || drag) { window.requestAnimationFrame(tick); } else { running = false; }
    }
    function kick() { if (!running) { running = true; window.requestAnimationFrame(tick); } }
    for (var it = 0; it < 120; it++) { step(); }
    render(); kick();
    status.textContent = nodes.length ? nodes.length + " nodes, " + edges.length + " links." : "No citations to draw.";
    svg.setAttribute("data-ready", "1");
  }

  fetch(svg.getAttribute("data-src"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(draw)
    .catch(function (err) { status.textContent = "Could not load the graph: " + err.message; });
}());
