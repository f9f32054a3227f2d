// The district's page: choose the organisations' files -> /api/district -> poll /api/runs/{id}
// (the queue and status of the organisation's page) -> the problems table and the downloads.
// The helpers both pages share (T, $, fill, el, request, …) are in page.js, loaded first.
"use strict";
const UPLOAD_TIMEOUT_MS = 600000; // -- up to 200 MB --
let chosen = [];

function choose(files) {
  const list = Array.from(files || []); // -- copied first: the input's FileList empties below --
  $("files").value = ""; // -- choosing the same files again (after fixing one) takes them again --
  show("step-result", false); show("step-problems", false); show("progress-box", false);
  currentRun = null;
  chosen = list.filter((f) => /\.(xlsx|xlsm|zip)$/i.test(f.name));
  if (!list.length) return;
  if (!chosen.length) { say("chosen", T.district_only, "bad"); show("step-run", false); return; }
  const names = chosen.map((f) => f.name).join(", ");
  say("chosen", `${fill(T.district_chosen, { n: chosen.length })}: ${names}`);
  $("go").disabled = false;
  show("step-run", true);
}

async function start(event) {
  event.preventDefault();
  if (!chosen.length) return;
  $("go").disabled = true;
  show("step-result", false); show("step-problems", false);
  $("progress").value = 0; $("percent").textContent = "0 %";
  runState(T.running);
  $("run-state").focus();
  const data = new FormData();
  for (const file of chosen) data.append("workbook", file, file.name);
  data.append("year", $("year").value.trim());
  data.append("round", $("round").value);
  data.append("pdf", $("pdf").checked ? "1" : "0");
  let response;
  try {
    response = await request("/api/district", { method: "POST", body: data }, UPLOAD_TIMEOUT_MS);
  } catch (e) {
    $("go").disabled = false;
    runState(T.server_gone, "bad");
    return;
  }
  const body = await json(response);
  if (response.status !== 202) { $("go").disabled = false; runState(refusedText(response.status, body), "bad"); return; }
  currentRun = body.id;
  follow(body.id, Date.now(), RUN);
}

const RUN = {
  button: "go",
  words(run) {
    const stage = T.district_stages[run.stage] || "";
    const counts = run.total && run.state === "running" ? " · " + fill(T.district_files, run) : "";
    return { queued: fill(T.queued, run), running: `${T.running}: ${stage}${counts}`, done: T.done,
             failed: `${T.failed}: ${english() ? run.error_en : run.error}` }[run.state];
  },
  ended(run) {
    if (run.state === "done") finished(run);
    renderProblems(run.problems || []);
  },
};

function renderProblems(problems) {
  show("step-problems", true);
  show("no-problems", problems.length === 0);
  $("problem-table").hidden = problems.length === 0;
  const labels = [T.level, T.district_file, T.district_where, T.code, T.district_message];
  const body = $("problem-table").tBodies[0];
  body.replaceChildren();
  for (const p of problems) {
    const tr = body.insertRow();
    tr.className = p.severity;
    const text = english() ? p.message_en : (p.fix ? `${p.message} — ${p.fix}` : p.message);
    [T.severity[p.severity] || p.severity, p.file, p.location, p.code, text].forEach((value, i) => {
      const td = el("td", value);
      td.dataset.label = labels[i];
      tr.append(td);
    });
  }
}

function finished(run) {
  const d = run.district || {};
  say("summary", fill(T.district_summary, { organisations: d.organisations || 0, files: d.files || 0,
                                            problems: (run.problems || []).length }), "good");
  const list = $("downloads");
  list.replaceChildren();
  const names = { district: T.district_xlsx, memo_docx: T.memo_docx, memo_pdf: T.memo_pdf };
  for (const [key, label] of Object.entries(names)) {
    if (!run.links[key]) continue;
    const a = el("a", label); a.href = run.links[key]; a.id = `link-${key}`;
    const li = el("li"); li.append(a); list.append(li);
  }
  const zip = el("a", T.district_zip); zip.href = run.zip.url; zip.id = "link-zip";
  const li = el("li"); li.append(zip); list.append(li);
  for (const note of run.notes) list.append(el("li", note[english() ? "en" : "th"], "note"));
  if (run.expires) {
    const time = new Date(run.expires * 1000).toLocaleTimeString(english() ? "en-GB" : "th-TH",
      { hour: "2-digit", minute: "2-digit" });
    say("expires", fill(T.expires, { time }), "note");
  }
  const missing = $("missing");
  missing.replaceChildren();
  if (d.missing && d.missing.length) {
    missing.append(el("h3", `${T.district_missing} (${d.missing.length})`));
    const ul = el("ul");
    for (const m of d.missing) ul.append(el("li", `${m.organisation}: ${m.text || m.code}`));
    missing.append(ul);
  }
  show("step-result", true);
  ($("link-district") || $("link-zip")).focus();
}

dropBox("files", choose);
$("district-form").addEventListener("submit", start);
