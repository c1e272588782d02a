// One release's record from /api/releases/{id}, fetched again whenever the stream says the release changed.
"use strict";

const releaseId = new URLSearchParams(location.search).get("id") || "";
document.getElementById("release-id").textContent = releaseId;
document.title = "Slipway console: " + releaseId;

function last(list) { return list.length ? list[list.length - 1] : null; }

function stageCell(outcome, at) {
  if (!outcome) return "-";
  const span = el("span", outcome + (at ? " at " + at.substring(11, 19) : ""), outcome);
  return span;
}

function render(record) {
  const outcome = record.outcome;
  const state = document.getElementById("state");
  state.replaceChildren(outcome.state === "IN_PROGRESS"
    ? stateCell("in progress, at " + outcome.lastStage) : stateCell(outcome.state));
  const request = record.request;
  table(document.getElementById("request-table"), null, request ? [
    ["release", request.release], ["version", request.version], ["services", request.services.join(", ")],
    ["commit", request.commit ? request.commit + (request.dirty ? " (dirty)" : "") : "none recorded"],
    ["requested at", request.requestedAt]] : [], "The build request is not among the events.");

  table(document.getElementById("stages"), ["service", "build", "distribute", "rollout", "image", "size"],
    record.services.map(s => {
      const b = last(s.builds), d = last(s.distributions), r = last(s.rollouts);
      return row([s.name, stageCell(b && b.outcome, b && b.at), stageCell(d && d.outcome, d && d.at),
        stageCell(r && r.outcome, r && r.at), b && b.image, b && b.sizeBytes !== null ? bytes(b.sizeBytes) : null]);
    }), "No service has reported yet.");

  const nodes = [];
  record.services.forEach(s => s.distributions.forEach(d => {
    d.nodes.forEach(n => nodes.push(row([s.name, n.node, stageCell(n.result), bytes(n.bytes), seconds(n.durationMillis), n.error])));
    if (d.registry) nodes.push(row([s.name, "registry " + d.registry.registry, stageCell(d.registry.result),
      bytes(d.registry.bytes), seconds(d.registry.durationMillis), d.registry.error]));
  }));
  table(document.getElementById("distribution"), ["service", "node", "result", "bytes", "duration", "error"], nodes,
    "No image-distributed event yet.");

  const workloads = [];
  record.services.forEach(s => s.rollouts.forEach(r => {
    r.workloads.forEach(w => {
      const tr = row([s.name, w.node, w.target, w.previousImage || "not recorded", w.newImage, stageCell(w.outcome || r.outcome), seconds(r.durationMillis), ""]);
      const diagnosis = el("td", w.diagnosis || r.diagnosis || "-", "cell-pre");
      tr.replaceChild(diagnosis, tr.lastChild);
      workloads.push(tr);
    });
    if (r.workloads.length === 0) workloads.push(row([s.name, "-", "-", "-", r.newImage, stageCell(r.outcome), seconds(r.durationMillis), r.diagnosis]));
  }));
  table(document.getElementById("rollout"), ["service", "node", "workload", "previous image", "new image", "outcome", "duration", "diagnosis"],
    workloads, "No rollout-done event yet.");

  table(document.getElementById("failures"), ["stage", "service", "node", "check", "outcome", "diagnosis"],
    record.failures.map(f => row([f.stage, f.service, f.node, f.check, f.outcome, f.diagnosis])), "None.");

  document.getElementById("verdict").replaceChildren(outcome.state === "IN_PROGRESS"
    ? el("span", "No verdict yet.") : stateCell(outcome.state));
  const checks = document.getElementById("checks");
  table(checks, ["check", "kind", "expected", "observed", "result"],
    record.checks.map(c => row([c.name, c.kind, c.expected, c.observed, el("span", c.passed ? "pass" : "FAIL", c.passed ? "pass" : "FAIL")])),
    outcome.state === "IN_PROGRESS" ? "Not run yet." : "The verdict ran no check.");
  checks.dataset.verdict = outcome.state;
  document.getElementById("diagnosis").textContent = outcome.diagnosis || "";
  document.getElementById("diagnosis").hidden = !outcome.diagnosis;

  const timings = record.timings.map(t => [t.stage, seconds(t.millis)]);
  if (record.totalMillis !== null) timings.push(["total", seconds(record.totalMillis)]);
  table(document.getElementById("timings"), ["stage", "duration"], timings, "No stage has reported yet.");
}

async function load() {
  const answer = await fetch("/api/releases/" + encodeURIComponent(releaseId));
  const body = await answer.json();
  if (!answer.ok) {
    document.getElementById("state").replaceChildren(el("span", body.error, "FAILED"));
    return;
  }
  render(body);
}

liveStream(summary => { if (summary.releaseId === releaseId) load(); });
load();
