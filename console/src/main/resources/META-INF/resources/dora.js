// The four DORA measures from /api/dora?window=…, overall and per release name; each cell opens the releases it was computed from.
"use strict";

const select = document.getElementById("window");
const chosen = new URLSearchParams(location.search).get("window");
if (chosen) select.value = chosen;
select.addEventListener("change", () => { location.search = "?window=" + encodeURIComponent(select.value); });

function releasesCell(summary, ids) {
  const details = el("details");
  details.appendChild(el("summary", summary));
  const list = el("ul");
  ids.forEach(id => {
    const item = el("li"), link = el("a", id);
    link.href = "/release.html?id=" + encodeURIComponent(id);
    item.appendChild(link);
    list.appendChild(item);
  });
  if (ids.length === 0) list.appendChild(el("li", "no release"));
  details.appendChild(list);
  return details;
}

function restoreCell(measure) {
  const summary = (measure.medianMillis === null ? "-" : seconds(measure.medianMillis) + " median")
    + " (" + measure.restores.length + " restored, " + measure.notRestored.length + " not yet)";
  const ids = measure.restores.map(r => r.failed + " → " + r.restoredBy);
  const details = releasesCell(summary, []);
  const list = details.querySelector("ul");
  list.replaceChildren();
  measure.restores.forEach(r => {
    const item = el("li");
    [r.failed, r.restoredBy].forEach((id, i) => {
      const link = el("a", id);
      link.href = "/release.html?id=" + encodeURIComponent(id);
      item.appendChild(link);
      if (i === 0) item.appendChild(document.createTextNode(" → "));
    });
    item.appendChild(document.createTextNode(" in " + seconds(r.millis)));
    list.appendChild(item);
  });
  measure.notRestored.forEach(id => {
    const item = el("li"), link = el("a", id);
    link.href = "/release.html?id=" + encodeURIComponent(id);
    item.appendChild(link);
    item.appendChild(document.createTextNode(" not restored yet"));
    list.appendChild(item);
  });
  if (ids.length === 0 && measure.notRestored.length === 0) list.appendChild(el("li", "no failure"));
  return details;
}

function measuresRow(scope, m) {
  const d = m.deploymentFrequency, l = m.leadTime, c = m.changeFailureRate, t = m.timeToRestore;
  return row([scope,
    releasesCell(d.count + " (" + d.perDay.toFixed(2) + " per day)", d.releases),
    releasesCell(l.medianMillis === null ? "-" : seconds(l.medianMillis) + " median, " + seconds(l.meanMillis) + " mean", l.releases),
    releasesCell(c.rate === null ? "-" : (100 * c.rate).toFixed(1) + " % (" + c.failed + " of " + c.finished + ")", c.releases),
    restoreCell(t)]);
}

async function load() {
  const answer = await fetch("/api/dora?window=" + encodeURIComponent(select.value));
  const report = await answer.json();
  if (!answer.ok) { document.getElementById("period").textContent = report.error; return; }
  document.getElementById("period").textContent = "Releases judged from " + report.from + " to " + report.to + ".";
  const rows = [measuresRow("all releases", report.overall)];
  Object.keys(report.byRelease).forEach(name => rows.push(measuresRow(name, report.byRelease[name])));
  table(document.getElementById("dora"), ["", "deployment frequency (PASSED)", "lead time for changes",
    "change failure rate", "time to restore"], rows);
  document.getElementById("basis").textContent = "Lead time: " + report.overall.leadTime.basis + ".";
}

load();
