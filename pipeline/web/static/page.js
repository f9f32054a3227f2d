// What both pages (the organisation's and the district's) share: their words, small DOM helpers,
// requests that always end, the refusal in words, and the drop box. Loaded before app.js or district.js.
"use strict";
const T = JSON.parse(document.getElementById("words").textContent);
const $ = (id) => document.getElementById(id);
const POLL_MS = 400;
const RETRY_MS = 2000; // while the server cannot be reached
const GIVE_UP_MS = 10 * 60 * 1000; // polling a run that cannot be reached stops after this
const STATUS_TIMEOUT_MS = 4000;

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

function say(id, text, className) { $(id).textContent = text; $(id).className = className || ""; }

function english() { return T.lang === "en"; }

function message(problem) { return problem[english() ? "message_en" : "message"]; }

// -- requests: a network failure throws Unreachable; the caller says what it means --
class Unreachable extends Error {}

async function request(url, options, timeout) {
  try {
    return await fetch(url, { credentials: "same-origin", signal: AbortSignal.timeout(timeout), ...options });
  } catch (e) {
    throw new Unreachable(String(e));
  }
}

async function json(response) {
  try { return await response.json(); } catch (e) { return null; }
}

function refusedText(status, body) {
  if (status === 401) return T.login_again;
  const problem = body && body.problems && body.problems[0];
  if (problem) return message(problem);
  if (body && body.message) return message(body);
  return `${T.upload_failed} (${status})`;
}

// -- the drop box: its button and the box open the file chooser; dropped or chosen files go to `take` --
function dropBox(inputId, take) {
  const input = $(inputId);
  const drop = $("drop");
  input.addEventListener("change", (e) => take(e.target.files));
  $("choose").addEventListener("click", () => input.click());
  drop.addEventListener("click", (e) => { if (e.target === drop || e.target.tagName === "SPAN") input.click(); });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); take(e.dataTransfer.files); });
}

// -- a run: its status line, and following it until it is done or failed --
let currentRun = null; // the id of the run this page follows; other polls stop

function runState(text, className) {
  show("progress-box", true);
  say("run-state", text, className);
}

// Ask for the run's status every POLL_MS. A server that cannot be reached is said, and asked again
// for GIVE_UP_MS; a run the server does not know (it was restarted, or the run expired) is said
// once and polling stops. `page.button` is disabled while the run goes; `page.words(run)` is the
// status line of a run that goes or ended; `page.ended(run)` is called once when it ended.
async function follow(id, lastSeen, page) {
  if (id !== currentRun) return;
  let response;
  try {
    response = await request(`/api/runs/${id}`, {}, STATUS_TIMEOUT_MS);
  } catch (e) {
    if (id !== currentRun) return;
    $(page.button).disabled = false; // -- the server is gone: the clerk may start again once it is back --
    runState(T.server_gone, "bad");
    if (Date.now() - lastSeen < GIVE_UP_MS) setTimeout(() => follow(id, lastSeen, page), RETRY_MS);
    return;
  }
  if (id !== currentRun) return;
  const run = await json(response);
  if (response.status === 404 || !response.ok || !run) {
    $(page.button).disabled = false;
    runState(response.status === 404 ? T.run_lost : refusedText(response.status, run), "bad");
    currentRun = null;
    return;
  }
  $(page.button).disabled = run.state === "queued" || run.state === "running";
  const percent = run.state === "done" ? 100 : (run.total ? Math.floor((100 * run.done) / run.total) : 0);
  $("progress").value = percent;
  $("percent").textContent = `${percent} %`;
  runState(page.words(run), run.state === "failed" ? "bad" : (run.state === "done" ? "good" : ""));
  if (run.state === "done" || run.state === "failed") {
    currentRun = null;
    page.ended(run);
    return;
  }
  setTimeout(() => follow(id, Date.now(), page), POLL_MS);
}
