// The releases list: a page from /api/releases, then each summary pushed by /api/releases/stream updates or adds its row.
"use strict";

const PAGE = 50;
const params = new URLSearchParams(location.search);
const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
const body = document.querySelector("#releases tbody");
let total = 0, ready = false;

function showStatus() {
  document.getElementById("status").textContent = total + (total === 1 ? " release" : " releases")
    + (ready ? "" : " (still reading the topics)");
}

function releaseRow(summary) {
  const link = el("a", summary.releaseId);
  link.href = "/release.html?id=" + encodeURIComponent(summary.releaseId);
  const tr = row([link, summary.release, summary.version, summary.commit, summary.requestedAt, stateCell(summary.state),
    seconds(summary.durationMillis), summary.failedService, summary.diagnosis]);
  tr.dataset.releaseId = summary.releaseId;
  tr.dataset.requestedAt = summary.requestedAt;
  return tr;
}

function upsert(summary) {
  const fresh = releaseRow(summary);
  const existing = Array.from(body.rows).find(tr => tr.dataset.releaseId === summary.releaseId);
  if (existing) {
    body.replaceChild(fresh, existing);
  } else if (offset === 0) {
    total++;
    showStatus();
    const after = Array.from(body.rows).find(tr => tr.dataset.requestedAt < summary.requestedAt);
    body.insertBefore(fresh, after || null);
  } else {
    return; // an older page: new releases go on the first
  }
  fresh.classList.add("changed");
}

async function load() {
  const answer = await fetch("/api/releases?offset=" + offset + "&limit=" + PAGE);
  const page = await answer.json();
  body.replaceChildren();
  page.releases.forEach(summary => body.appendChild(releaseRow(summary)));
  total = page.total;
  ready = page.ready;
  showStatus();
  const newer = document.getElementById("newer"), older = document.getElementById("older");
  newer.hidden = offset === 0;
  newer.href = "/?offset=" + Math.max(0, offset - PAGE);
  older.hidden = offset + PAGE >= page.total;
  older.href = "/?offset=" + (offset + PAGE);
}

liveStream(upsert);
load();
