// The tasks page's script: served as /app.js (the CSP allows no inline script).
"use strict";
// Timestamps come from the server only: they are shown, never editable, never sent.
const api = "/api/v1/tasks";
const list = document.getElementById("tasks");
const message = document.getElementById("message");
const more = document.getElementById("more");
let next = null;

function say(text) { message.textContent = text; }

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
function ago(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

function showStamp(el, text) {
  const date = new Date(text);
  el.dateTime = text;                       // the exact UTC value, machine-readable
  el.title = text + " (UTC)";               // and on hover
  el.textContent = date.toLocaleString() + " (" + ago(date) + ")";
}

async function errorText(response) {
  try {
    const body = await response.json();
    return body.error ? body.error.message : response.statusText;
  } catch (_) {
    return response.statusText;
  }
}

function render(task) {
  const item = document.getElementById("task-template").content.firstElementChild.cloneNode(true);
  item.dataset.taskId = task.id;
  fill(item, task);
  item.querySelector(".start-edit").addEventListener("click", () => startEdit(item));
  item.querySelector(".delete").addEventListener("click", () => remove(item));
  return item;
}

function fill(item, task) {
  item.task = task;
  item.querySelector(".title").textContent = task.title;
  const priority = item.querySelector(".priority");
  priority.textContent = task.priority;
  priority.className = "priority " + task.priority;
  item.querySelector(".description").textContent = task.description;
  showStamp(item.querySelector(".created"), task.created_at);
  showStamp(item.querySelector(".updated"), task.updated_at);
}

function startEdit(item) {
  if (item.querySelector("form.edit")) return;
  const task = item.task;
  const id = task.id;
  const form = document.createElement("form");
  form.className = "edit";
  form.setAttribute("aria-label", "Edit task " + id);
  form.innerHTML =
    '<label for="edit-title-' + id + '">Title</label><input id="edit-title-' + id + '" name="title" required maxlength="200">' +
    '<label for="edit-description-' + id + '">Description</label><textarea id="edit-description-' + id + '" name="description" rows="2"></textarea>' +
    '<label for="edit-priority-' + id + '">Priority</label><select id="edit-priority-' + id + '" name="priority">' +
    '<option value="low">low</option><option value="medium">medium</option><option value="high">high</option></select>' +
    '<p class="conflict full-row" role="alert"></p>' +
    '<div class="actions"><button type="submit">Save</button><button type="button" class="cancel">Cancel</button><button type="button" class="reload" hidden>Reload task</button></div>';
  form.elements.title.value = task.title;
  form.elements.description.value = task.description;
  form.elements.priority.value = task.priority;
  // The version this edit starts from: its ETag is the updated_at the server gave.
  form.dataset.etag = '"' + task.updated_at + '"';
  form.addEventListener("submit", (event) => { event.preventDefault(); save(item, form); });
  form.querySelector(".cancel").addEventListener("click", () => { form.remove(); item.querySelector(".start-edit").focus(); });
  form.querySelector(".reload").addEventListener("click", () => reloadInto(item, form));
  item.appendChild(form);
  form.elements.title.focus();
}

async function save(item, form) {
  const conflict = form.querySelector(".conflict");
  conflict.textContent = "";
  const body = {
    title: form.elements.title.value,
    description: form.elements.description.value,
    priority: form.elements.priority.value,
  };
  const response = await fetch(api + "/" + item.task.id, {
    method: "PUT",
    headers: { "content-type": "application/json", "if-match": form.dataset.etag },
    body: JSON.stringify(body),
  });
  if (response.status === 412) {
    conflict.textContent = "Someone else changed this task while you were editing it. " +
      "Nothing was saved. Reload the task to see their version, then apply your change again; " +
      "your text is kept in the form.";
    form.querySelector(".reload").hidden = false;
    return;
  }
  if (!response.ok) { conflict.textContent = await errorText(response); return; }
  fill(item, await response.json());
  form.remove();
  item.querySelector(".start-edit").focus();
}

// After a conflict: show the other client's version, keep the user's text in the form, and
// make the next save conditional on the version now shown.
async function reloadInto(item, form) {
  const response = await fetch(api + "/" + item.task.id);
  if (!response.ok) { form.querySelector(".conflict").textContent = await errorText(response); return; }
  fill(item, await response.json());
  form.dataset.etag = response.headers.get("etag");
  form.querySelector(".conflict").textContent = "Reloaded: the task above is the current version. Save again to apply your change on top of it.";
  form.querySelector(".reload").hidden = true;
}

async function remove(item) {
  const response = await fetch(api + "/" + item.task.id, { method: "DELETE" });
  if (response.status === 204 || response.status === 404) {
    item.remove();
    say("");
  } else {
    say(await errorText(response));
  }
}

async function loadPage(after) {
  const url = after === null ? api + "?limit=50" : api + "?limit=50&after=" + after;
  const response = await fetch(url);
  if (!response.ok) { say(await errorText(response)); return; }
  const page = await response.json();
  for (const task of page.tasks) list.appendChild(render(task));
  next = page.next;
  more.hidden = next === null;
}

document.getElementById("create").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = {
    title: form.elements.title.value,
    description: form.elements.description.value,
    priority: form.elements.priority.value,
  };
  const response = await fetch(api, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) { say(await errorText(response)); return; }
  say("");
  list.prepend(render(await response.json()));
  form.reset();
  form.elements.title.focus();
});

more.addEventListener("click", () => loadPage(next));

async function health() {
  const el = document.getElementById("health");
  try {
    const response = await fetch("/health");
    const body = await response.json();
    el.textContent = "service: " + body.status + (body.reason ? " (" + body.reason + ")" : "");
    el.className = body.status;
  } catch (_) {
    el.textContent = "service: unreachable";
    el.className = "unhealthy";
  }
}

// Relative times age: refresh them every half minute.
setInterval(() => {
  for (const el of document.querySelectorAll("time")) showStamp(el, el.dateTime);
}, 30000);
setInterval(health, 15000);
health();
loadPage(null);
