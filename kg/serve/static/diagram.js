"use strict";
// The diagram of a document page: positions come from the server (kg/serve/diagram.py), physics is
// off; text from the graph reaches the page only as text (labels, and titles built with textContent).
(function () {
  const holder = document.getElementById("diagram");
  const source = document.getElementById("diagram-data");
  if (!holder || !source || typeof vis === "undefined") return;
  const D = JSON.parse(source.textContent);
  function tip(lines) {
    const box = document.createElement("div");
    lines.filter(Boolean).forEach(function (line) { const p = document.createElement("div"); p.textContent = line; box.appendChild(p); });
    box.style.maxWidth = "420px"; box.style.whiteSpace = "normal";
    return box;
  }
  const nodes = new vis.DataSet(D.nodes.map(function (n) {
    const colour = D.types[n.type] || "#9e9e9e", centre = n.role === "centre";
    return { id: n.id, label: n.label + (n.date ? "\n" + n.date : ""), x: n.x, y: n.y, shape: "box",
             margin: centre ? 12 : 8, borderWidth: centre ? 3 : 1, widthConstraint: { maximum: 180 },
             color: { background: centre ? "#fff3bf" : "#ffffff", border: colour,
                      highlight: { background: "#e7f5ff", border: colour }, hover: { background: "#e7f5ff", border: colour } },
             font: { face: "DejaVu Sans, Arial, sans-serif", size: centre ? 17 : 14, color: "#1f2933", multi: false },
             title: tip([n.type_vi + (n.label !== n.title ? " " + n.label : ""), n.title, n.issuer, n.date]) };
  }));
  const edges = new vis.DataSet(D.edges.map(function (e, k) {
    return { id: k, from: e.from, to: e.to, label: e.vi, width: e.width + 0.5, dashes: e.dashes,
             color: { color: e.color, highlight: e.color, hover: e.color }, font: { size: 11, color: "#486581", strokeWidth: 3, align: "middle" },
             arrows: { to: { enabled: true, scaleFactor: 0.6 } }, title: e.quote ? tip(["“" + e.quote + "”"]) : undefined };
  }));
  const network = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    physics: { enabled: false }, layout: { improvedLayout: false },
    interaction: { hover: true, navigationButtons: false, keyboard: false, tooltipDelay: 150 },
    edges: { smooth: { enabled: true, type: "cubicBezier", forceDirection: "vertical", roundness: 0.35 } }
  });
  network.once("afterDrawing", function () { window.kgReady = performance.now(); });
  network.on("doubleClick", function (p) { go(p); });
  network.on("click", function (p) { go(p); });
  function go(p) {
    if (!p.nodes.length) return;
    const n = D.nodes[p.nodes[0]];
    if (n && n.path && n.role !== "centre") window.location.href = n.path;
  }
  network.fit({ animation: false });
  window.kgDiagram = { network: network, nodes: nodes, edges: edges, data: D };
})();
