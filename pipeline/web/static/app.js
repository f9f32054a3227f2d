// The page: choose a workbook -> /api/validate -> /api/runs -> poll -> links. No framework, no CDN.
"use strict";
const T = JSON.parse(document.getElementById("words").textContent);
const $ = (id) => document.getElementById(id);
let workbook = null;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ""));
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function show(id, visible) { $(id).hidden = !visible; }

function form(extra) {
  const data = new FormData();
  data.append("workbook", workbook, workbook.name);
  for (const [k, v] of Object.entries(extra || {})) data.append(k, v);
  return data;
}

async function post(url, extra) {
  const response = await fetch(url, { method: "POST", body: form(extra), credentials: "same-origin" });
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  return { status: response.status, body };
}

// -- the validation table: one table per sheet, errors first, the same content as `validate --json` --
function renderReport(report) {
  const box = $("problems");
  box.replaceChildren();
  $("verdict").textContent = (report.valid ? T.check_ok : T.check_bad) + " (" +
    fill(T.summary, { errors: report.errors, warnings: report.warnings }) + ")";
  $("verdict").className = report.valid ? "good" : "bad";
  const sheets = [];
  for (const p of report.problems) if (!sheets.includes(p.sheet)) sheets.push(p.sheet);
  for (const sheet of sheets) {
    const rows = report.problems.filter((p) => p.sheet === sheet)
      .sort((a, b) => (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1));
    const errors = rows.filter((p) => p.severity === "error").length;
    box.append(el("h3", `${sheet || T.file}: ${fill(T.summary, { errors, warnings: rows.length - errors })}`));
    const table = el("table", null, "problems");
    const head = table.createTHead().insertRow();
    for (const key of ["level", "where", "code", "value", "fix"]) head.append(el("th", T[key]));
    const body = table.createTBody();
    for (const p of rows) {
      const tr = body.insertRow();
      tr.className = p.severity;
      const where = p.cell ? `${p.sheet}!${p.cell}` : (p.sheet || T.file);
      const message = (T.lang === "en" ? p.message_en : p.message).replace(where + ": ", "");
      for (const text of [T[p.severity], where, p.code, p.value, message]) tr.append(el("td", text));
    }
    box.append(table);
  }
}

async function choose(file) {
  show("step-generate", false); show("step-download", false); show("progress-box", false); show("step-monitor", false);
  if (!file) return;
  workbook = file;
  $("chosen").textContent = `${T.chosen}: ${file.name}`;
  show("chosen", true);
  show("step-check", true);
  $("problems").replaceChildren();
  $("report-link").hidden = true;
  if (!/\.xlsx$/i.test(file.name)) { $("verdict").textContent = T.only_xlsx; $("verdict").className = "bad"; return; }
  $("verdict").textContent = T.checking; $("verdict").className = "";
  const { status, body } = await post("/api/validate");
  if (!body || !body.problems) { $("verdict").textContent = `${T.upload_failed} (${status})`; $("verdict").className = "bad"; return; }
  renderReport(body);
  $("report-link").hidden = status !== 200;
  if (body.valid) {
    const select = $("year");
    select.length = 1;
    for (const y of (body.stats && body.stats.plan_years) || []) select.add(new Option(y, y));
    show("step-generate", true);
    const years = $("monitor-year");
    years.length = 0;
    for (const y of (body.stats && body.stats.plan_years) || []) years.add(new Option(y, y));
    $("monitor-state").textContent = "";
    show("step-monitor", true);
  }
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a"); a.href = url; a.download = name; document.body.append(a); a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}

// -- a round's monitoring rows added to the uploaded workbook, which comes back as a download --
async function addRound(event) {
  event.preventDefault();
  const state = $("monitor-state");
  $("monitor-add").disabled = true;
  state.textContent = T.checking; state.className = "";
  try {
    const response = await fetch("/api/monitor", { method: "POST", credentials: "same-origin",
      body: form({ year: $("monitor-year").value, round: $("monitor-round").value }) });
    if (!response.ok) {
      let body = null;
      try { body = await response.json(); } catch (e) { body = null; }
      const problem = body && body.problems && body.problems[0];
      state.textContent = problem ? problem[T.lang === "en" ? "message_en" : "message"] : `${T.upload_failed} (${response.status})`;
      state.className = "bad";
      return;
    }
    const added = Number(response.headers.get("X-Rows-Added") || 0);
    const changed = response.headers.get("X-Workbook-Changed") === "1";
    saveBlob(await response.blob(), workbook.name);
    state.textContent = changed ? fill(T.monitor_done, { added, name: workbook.name }) : T.monitor_none;
    state.className = "good";
  } catch (e) {
    state.textContent = T.upload_failed; state.className = "bad";
  } finally {
    $("monitor-add").disabled = false;
  }
}

async function downloadReport(event) {
  event.preventDefault();
  const response = await fetch("/api/validate/report.xlsx", { method: "POST", body: form(), credentials: "same-origin" });
  if (!response.ok) return;
  saveBlob(await response.blob(), "validation.xlsx");
}

async function generate(event) {
  event.preventDefault();
  $("generate").disabled = true;
  show("step-download", false);
  const { status, body } = await post("/api/runs", { year: $("year").value, pdf: $("pdf").checked ? "1" : "0" });
  if (status !== 202) {
    $("generate").disabled = false;
    if (status === 429 && body && body.problems) {  // the queue is full: try again soon
      show("progress-box", true);
      $("run-state").textContent = body.problems[0][T.lang === "en" ? "message_en" : "message"];
      $("run-state").className = "bad";
      return;
    }
    if (body && body.problems) renderReport(body);
    show("step-generate", false);
    return;
  }
  show("progress-box", true);
  poll(body.id);
}

async function poll(id) {
  const response = await fetch(`/api/runs/${id}`, { credentials: "same-origin" });
  const run = await response.json();
  const percent = run.state === "done" ? 100 : (run.total ? Math.floor((100 * run.done) / run.total) : 0);
  $("progress").value = percent;
  $("percent").textContent = `${percent} %`;
  const counts = run.total ? " · " + fill(T.documents, run) : "";
  const states = { queued: fill(T.queued, run), running: `${T.running}: ${run.stage}${counts}`,
                   done: `${T.done}${counts}`, failed: `${T.failed}: ${run.error}` };
  $("run-state").textContent = states[run.state];
  $("run-state").className = run.state === "failed" ? "bad" : (run.state === "done" ? "good" : "");
  if (run.state === "done") return finished(run);
  if (run.state === "failed") { $("generate").disabled = false; return; }
  setTimeout(() => poll(id), 400);
}

function finished(run) {
  $("generate").disabled = false;
  $("zip-link").href = run.zip.url;
  $("zip-link").textContent = `${T.zip}: ${run.zip.name}`;
  const list = $("highlights");
  list.replaceChildren();
  const names = { announcement: T.announcement_pdf, planbook: T.planbook_pdf, summary: T.summary_xlsx, validation: T.validation_xlsx };
  for (const [key, label] of Object.entries(names)) {
    if (!run.links[key]) continue;
    const a = el("a", label); a.href = run.links[key];
    const li = el("li"); li.append(a); list.append(li);
  }
  for (const note of run.notes) list.append(el("li", note, "note"));
  const body = $("outcome").tBodies[0];
  body.replaceChildren();
  for (const row of run.outcome) {
    const tr = body.insertRow();
    for (const text of [row.name, row.word || "", row.pdf || "", row.excel || "", row.pages || ""]) tr.append(el("td", text));
  }
  show("step-download", true);
}

$("file").addEventListener("change", (e) => choose(e.target.files[0]));
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); choose(e.dataTransfer.files[0]); });
$("report-link").addEventListener("click", downloadReport);
$("generate-form").addEventListener("submit", generate);
$("monitor-form").addEventListener("submit", addRound);
