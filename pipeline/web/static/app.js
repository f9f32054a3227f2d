// The page: choose a workbook -> /api/validate -> /api/runs -> poll -> links. No framework, no CDN.
// Every request has an end: a server that is gone is said in words within seconds, and the buttons
// come back; a run the server no longer knows (it was restarted) is said once, and polling stops.
// The helpers both pages share (T, $, fill, el, request, …) are in page.js, loaded first.
"use strict";
const UPLOAD_TIMEOUT_MS = 120000;
let workbook = null;

function count(forms, n) { return fill(forms[n === 1 ? 0 : 1], { n }); }

function summary(errors, warnings) { return `${count(T.n_errors, errors)}, ${count(T.n_warnings, warnings)}`; }

function form(extra) {
  const data = new FormData();
  data.append("workbook", workbook, workbook.name);
  for (const [k, v] of Object.entries(extra || {})) data.append(k, v);
  return data;
}

async function post(url, extra) {
  const response = await request(url, { method: "POST", body: form(extra) }, UPLOAD_TIMEOUT_MS);
  return { status: response.status, body: await json(response), response };
}

// An upload that failed without an answer: the server is gone, or the browser could not read the
// chosen file (changed, moved or deleted since it was chosen). The server's answer tells which.
async function whyUnsent() {
  try {
    await request("/api/health", {}, STATUS_TIMEOUT_MS);
    return T.file_changed;
  } catch (e) {
    return T.server_gone;
  }
}


// -- the validation table: one table per sheet, errors first, the same content as `validate --json` --
function renderReport(report) {
  const box = $("problems");
  box.replaceChildren();
  say("verdict", `${report.valid ? T.check_ok : T.check_bad} (${summary(report.errors, report.warnings)})`,
      report.valid ? "good" : "bad");
  const sheets = [];
  for (const p of report.problems) if (!sheets.includes(p.sheet)) sheets.push(p.sheet);
  const labels = ["level", "where", "code", "value", "fix"].map((key) => T[key]);
  for (const sheet of sheets) {
    const rows = report.problems.filter((p) => p.sheet === sheet)
      .sort((a, b) => (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1));
    const errors = rows.filter((p) => p.severity === "error").length;
    box.append(el("h3", `${sheet || T.file}: ${summary(errors, rows.length - errors)}`));
    const table = el("table", null, "problems");
    const head = table.createTHead().insertRow();
    for (const label of labels) { const th = el("th", label); th.scope = "col"; head.append(th); }
    const body = table.createTBody();
    for (const p of rows) {
      const tr = body.insertRow();
      tr.className = p.severity;
      const where = p.cell ? `${p.sheet}!${p.cell}` : (p.sheet || T.file);
      const text = message(p).replace(where + ": ", "");
      [T[p.severity], where, p.code, p.value, text].forEach((value, i) => {
        const td = el("td", value);
        td.dataset.label = labels[i]; // -- a phone shows each row as a card, labelled --
        tr.append(td);
      });
    }
    box.append(table);
  }
}

async function choose(file) {
  $("file").value = ""; // -- choosing the same file again (after fixing it) must check it again --
  show("step-generate", false); show("step-download", false); show("progress-box", false); show("step-monitor", false);
  if (!file) return;
  workbook = file;
  currentRun = null;
  $("chosen").textContent = `${T.chosen}: ${file.name}`;
  show("chosen", true);
  show("step-check", true);
  $("problems").replaceChildren();
  $("report-link").hidden = true;
  say("monitor-state", "");
  if (!/\.xlsx$/i.test(file.name)) { say("verdict", T.only_xlsx, "bad"); return; }
  say("verdict", T.checking);
  await check(file);
}

// -- the file is checked on the server; the steps after it open only for a valid workbook --
async function check(file) {
  let answer;
  try {
    answer = await post("/api/validate");
  } catch (e) {
    if (workbook === file) { say("verdict", await whyUnsent(), "bad"); afterCheck(false); }
    return;
  }
  if (workbook !== file) return; // -- another file was chosen meanwhile --
  const { status, body } = answer;
  if (!body || !body.problems) { say("verdict", refusedText(status, body), "bad"); afterCheck(false); return; }
  renderReport(body);
  $("report-link").hidden = status !== 200;
  afterCheck(body.valid, (body.stats && body.stats.plan_years) || []);
}

function afterCheck(valid, years) {
  if (!valid) { show("step-generate", false); show("step-monitor", false); return; }
  const select = $("year");
  const chosenYear = select.value;
  select.length = 1;
  for (const y of years) select.add(new Option(y, y));
  select.value = years.map(String).includes(chosenYear) ? chosenYear : "";
  $("generate").disabled = false;
  show("step-generate", true);
  const monitorYears = $("monitor-year");
  const monitorYear = monitorYears.value;
  monitorYears.length = 0;
  for (const y of years) monitorYears.add(new Option(y, y));
  if (years.map(String).includes(monitorYear)) monitorYears.value = monitorYear;
  $("monitor-add").disabled = false;
  show("step-monitor", true);
}

// -- back on the page (after saving the workbook in Excel): check the chosen file again, so a file
//    that passed and was then broken no longer shows "passed"; never during or after a run --
async function recheck() {
  if (!workbook || currentRun || $("step-check").hidden || !$("step-download").hidden) return;
  if (!$("progress-box").hidden || !/\.xlsx$/i.test(workbook.name)) return;
  await check(workbook);
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a"); a.href = url; a.download = name; document.body.append(a); a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}

// -- a round's monitoring rows added to the uploaded workbook, which comes back as a download --
async function addRound(event) {
  event.preventDefault();
  $("monitor-add").disabled = true;
  say("monitor-state", T.monitor_working);
  try {
    const response = await request("/api/monitor", { method: "POST",
      body: form({ year: $("monitor-year").value, round: $("monitor-round").value }) }, UPLOAD_TIMEOUT_MS);
    if (!response.ok) { say("monitor-state", refusedText(response.status, await json(response)), "bad"); return; }
    const added = Number(response.headers.get("X-Rows-Added") || 0);
    const changed = response.headers.get("X-Workbook-Changed") === "1";
    saveBlob(await response.blob(), workbook.name);
    say("monitor-state", changed ? fill(T.monitor_done, { added, name: workbook.name }) : T.monitor_none, "good");
  } catch (e) {
    say("monitor-state", e instanceof Unreachable ? await whyUnsent() : T.upload_failed, "bad");
  } finally {
    $("monitor-add").disabled = false;
  }
}

// -- a new organisation's master (pipeline init --org --years): made on the server, downloaded --
async function newMaster(event) {
  event.preventDefault();
  $("new-make").disabled = true;
  try {
    const data = new FormData($("new-form"));
    const response = await request("/api/new-master.xlsx", { method: "POST", body: data }, UPLOAD_TIMEOUT_MS);
    if (!response.ok) { say("new-state", refusedText(response.status, await json(response)), "bad"); return; }
    const name = `แผน ${data.get("org")} ${data.get("years")}.xlsx`.replace(/[\\/:*?"<>|]/g, " ");
    saveBlob(await response.blob(), name);
    say("new-state", fill(T.new_done, { name }), "good");
  } catch (e) {
    say("new-state", await whyUnsent(), "bad");
  } finally {
    $("new-make").disabled = false;
  }
}

async function downloadReport(event) {
  event.preventDefault();
  try {
    const response = await request("/api/validate/report.xlsx", { method: "POST", body: form() }, UPLOAD_TIMEOUT_MS);
    if (!response.ok) { say("verdict", refusedText(response.status, await json(response)), "bad"); return; }
    saveBlob(await response.blob(), "validation.xlsx");
  } catch (e) {
    say("verdict", await whyUnsent(), "bad");
  }
}

async function generate(event) {
  event.preventDefault();
  $("generate").disabled = true;
  show("step-download", false);
  $("progress").value = 0; $("percent").textContent = "0 %";
  runState(T.running);
  $("run-state").focus(); // -- keyboard and screen-reader users land on what happens next --
  let answer;
  try {
    answer = await post("/api/runs", { year: $("year").value, pdf: $("pdf").checked ? "1" : "0" });
  } catch (e) {
    $("generate").disabled = false;
    runState(await whyUnsent(), "bad");
    return;
  }
  const { status, body } = answer;
  if (status !== 202) {
    $("generate").disabled = false;
    if (status === 422 && body && body.problems && body.stats && Object.keys(body.stats).length) {
      renderReport(body); // -- the file changed since it was checked and now has errors --
      show("progress-box", false); afterCheck(false);
      $("verdict").setAttribute("tabindex", "-1"); $("verdict").focus();
      return;
    }
    runState(refusedText(status, body), "bad");
    return;
  }
  currentRun = body.id;
  follow(body.id, Date.now(), RUN);
}

const RUN = {
  button: "generate",
  words(run) {
    const counts = run.total ? " · " + fill(T.documents, run) : "";
    const stage = T.stages[run.stage] || "";
    return { queued: fill(T.queued, run), running: `${T.running}: ${stage}${counts}`,
             done: `${T.done}${counts}`, failed: `${T.failed}: ${english() ? run.error_en : run.error}` }[run.state];
  },
  ended(run) { if (run.state === "done") finished(run); },
};

function showExpiry(expires) {
  if (!expires) { say("expires", ""); return; }
  const time = new Date(expires * 1000).toLocaleTimeString(english() ? "en-GB" : "th-TH",
    { hour: "2-digit", minute: "2-digit" });
  say("expires", fill(T.expires, { time }), "note");
}

function finished(run) {
  $("zip-link").href = run.zip.url;
  // -- the name's last word (the years: 2566-2570.zip) is never broken at its hyphen --
  const cut = run.zip.name.lastIndexOf(" ") + 1;
  $("zip-link").replaceChildren(`${T.zip}: ${run.zip.name.slice(0, cut)}`, el("span", run.zip.name.slice(cut), "nowrap"));
  $("zip-link").dataset.run = run.id;
  showExpiry(run.expires);
  const list = $("highlights");
  list.replaceChildren();
  const names = { announcement: T.announcement_pdf, planbook: T.planbook_pdf, summary: T.summary_xlsx, validation: T.validation_xlsx };
  for (const [key, label] of Object.entries(names)) {
    if (!run.links[key]) continue;
    const a = el("a", label); a.href = run.links[key];
    const li = el("li"); li.append(a); list.append(li);
  }
  for (const note of run.notes) list.append(el("li", note[english() ? "en" : "th"], "note"));
  const body = $("outcome").tBodies[0];
  body.replaceChildren();
  for (const row of run.outcome) {
    const tr = body.insertRow();
    for (const text of [row.name, row.word || "", row.pdf || "", row.excel || "", row.pages || ""]) tr.append(el("td", text));
  }
  show("step-download", true);
  $("zip-link").focus();
}

// -- the first download of the zip shortens how long the files stay: show the new time --
async function zipClicked() {
  const id = $("zip-link").dataset.run;
  for (const wait of [1500, 4000]) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const response = await request(`/api/runs/${id}`, {}, STATUS_TIMEOUT_MS);
      if (response.ok) showExpiry((await json(response)).expires);
    } catch (e) { /* the expiry shown stays */ }
  }
}

dropBox("file", (files) => choose(files[0]));
$("report-link").addEventListener("click", downloadReport);
$("generate-form").addEventListener("submit", generate);
$("monitor-form").addEventListener("submit", addRound);
$("new-form").addEventListener("submit", newMaster);
$("zip-link").addEventListener("click", zipClicked);
window.addEventListener("focus", recheck);
