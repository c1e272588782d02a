// Shared helpers of the console pages. Everything shown is set with textContent: nothing from an event is parsed as HTML.
"use strict";

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, header) {
  const tr = document.createElement("tr");
  cells.forEach(cell => {
    if (cell instanceof Node) { const td = el(header ? "th" : "td"); td.appendChild(cell); tr.appendChild(td); }
    else if (header) tr.appendChild(el("th", cell));
    else tr.appendChild(el("td", cell === null || cell === undefined || cell === "" ? "-" : cell));
  });
  return tr;
}

function table(node, header, rows, whenEmpty) {
  node.replaceChildren();
  if (rows.length === 0) { node.appendChild(row([whenEmpty || "None."])); return; }
  if (header) node.appendChild(row(header, true));
  rows.forEach(r => node.appendChild(r instanceof Node ? r : row(r)));
}

function seconds(millis) {
  return millis === null || millis === undefined ? "-" : (millis / 1000).toFixed(1) + " s";
}

function bytes(value) {
  if (value === null || value === undefined) return "-";
  if (value < 1000) return value + " B";
  const units = ["kB", "MB", "GB", "TB"];
  let v = value, u = -1;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return v.toFixed(1) + " " + units[u];
}

function stateCell(state) {
  const span = el("span", state, state === "PASSED" || state === "FAILED" ? state : "progress");
  span.dataset.state = state;
  return span;
}

function liveStream(onSummary) {
  const live = document.getElementById("live");
  const source = new EventSource("/api/releases/stream");
  source.onopen = () => { live.textContent = "live"; live.classList.add("on"); };
  source.onerror = () => { live.textContent = "reconnecting…"; live.classList.remove("on"); };
  source.onmessage = message => onSummary(JSON.parse(message.data));
  return source;
}
