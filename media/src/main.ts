// The checklist webview: one card per project with progress, trend, the 16 items (icon AND text
// label), evidence and findings that open the file, attestations, and the endpoint inventory.
// Every message in and out is checked against its zod schema; all data goes in as text
// (textContent / setAttribute), never as HTML.
import "./zod-setup";
import { z } from "zod";
import {
  checklistPayloadSchema,
  fromWebviewSchema,
  toWebviewSchema,
  type AttestResult,
  type ChecklistItem,
  type ChecklistPayload,
  type FromWebview,
  type ItemStatus,
  type ProjectChecklistWire,
  type RouteEntryWire,
} from "../../protocol";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

const viewStateSchema = z.object({
  openOnly: z.boolean().default(false),
  expanded: z.array(z.string()).default([]),
  collapsed: z.array(z.string()).default([]),
  endpoints: z.array(z.string()).default([]),
  payload: checklistPayloadSchema.nullable().default(null),
});
type ViewState = z.infer<typeof viewStateSchema>;

function loadState(): ViewState {
  const parsed = viewStateSchema.safeParse(vscode.getState() ?? {});
  return parsed.success ? parsed.data : viewStateSchema.parse({});
}

let state = loadState();
/** Items whose attest form is open → the draft. */
const forms = new Map<string, { status: "done" | "not-applicable"; note: string; error?: string; saving?: boolean }>();
let problem: string | undefined;

function save(): void {
  vscode.setState(state);
}

function send(message: FromWebview): void {
  const checked = fromWebviewSchema.safeParse(message);
  if (!checked.success) {
    console.error("backend-checklist: refusing to send a malformed message", checked.error.issues);
    return;
  }
  vscode.postMessage(checked.data);
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: text only.

type Attrs = Record<string, string | number | boolean | undefined>;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | null | undefined | false>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") e.className = String(v);
    else if (k === "text") e.textContent = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}
const icon = (name: string, extra = "") => el("span", { class: `codicon codicon-${name} ${extra}`.trim(), "aria-hidden": "true" });

const STATUS: Record<ItemStatus, { label: string; icon: string }> = {
  met: { label: "Met", icon: "pass-filled" },
  partial: { label: "Partial", icon: "pie-chart" },
  "not-met": { label: "Not met", icon: "error" },
  unknown: { label: "Unknown", icon: "question" },
  "not-applicable": { label: "Not applicable", icon: "circle-slash" },
  done: { label: "Done", icon: "verified-filled" },
};
const OPEN: ReadonlySet<ItemStatus> = new Set(["partial", "not-met", "unknown"]);

const pct = (p: number) => `${Math.round(p * 100)}%`;
const itemKey = (p: ProjectChecklistWire, i: ChecklistItem) => `${p.root ?? p.path}\u0000${i.id}`;
const projectKey = (p: ProjectChecklistWire) => p.root ?? p.path;
let idCounter = 0;
const uid = (prefix: string) => `${prefix}-${++idCounter}`;

function toggle(list: string[], key: string, on: boolean): string[] {
  const s = new Set(list);
  if (on) s.add(key);
  else s.delete(key);
  return [...s];
}

function openLink(p: ProjectChecklistWire, target: { file: string; line: number; column?: number; endLine?: number; endColumn?: number }, label: string, detail: string | undefined, key: string): HTMLElement {
  const b = el("button", { class: "link", type: "button", "data-key": key, title: `Open ${target.file}:${target.line}` }, icon("go-to-file"), el("span", { class: "loc", text: `${target.file}:${target.line}` }));
  if (label) b.append(el("span", { class: "what", text: label }));
  if (detail) b.append(el("span", { class: "detail", text: detail }));
  b.addEventListener("click", () => {
    const message: FromWebview = { type: "open", base: p.base ?? "", file: target.file, line: target.line };
    if (target.column !== undefined) message.column = target.column;
    if (target.endLine !== undefined) message.endLine = target.endLine;
    if (target.endColumn !== undefined) message.endColumn = target.endColumn;
    send(message);
  });
  return b;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function sparkline(history: number[] | undefined): Element | null {
  if (!history || history.length < 2) return null;
  const NS = "http://www.w3.org/2000/svg";
  const w = 64;
  const h = 16;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "spark");
  svg.setAttribute("width", String(w));
  svg.setAttribute("height", String(h));
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("role", "img");
  const first = history[0]!;
  const last = history[history.length - 1]!;
  svg.setAttribute("aria-label", `Trend over ${history.length} changes: ${pct(first)} to ${pct(last)}`);
  const title = document.createElementNS(NS, "title");
  title.textContent = `Trend: ${history.map(pct).join(" → ")}`;
  svg.append(title);
  // Scale to the range the score moved in (at least 10 points), so small changes still show.
  let lo = Math.min(...history);
  let hi = Math.max(...history);
  if (hi - lo < 0.1) {
    const mid = (hi + lo) / 2;
    lo = Math.max(0, mid - 0.05);
    hi = Math.min(1, lo + 0.1);
    lo = hi - 0.1;
  }
  const step = (w - 2) / (history.length - 1);
  const y = (v: number) => h - 1 - ((v - lo) / (hi - lo)) * (h - 2);
  const points = history.map((v, i) => `${(1 + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const line = document.createElementNS(NS, "polyline");
  line.setAttribute("points", points);
  line.setAttribute("class", last >= first ? "up" : "down");
  svg.append(line);
  return svg;
}

function attestForm(p: ProjectChecklistWire, item: ChecklistItem, key: string): HTMLElement {
  const draft = forms.get(key)!;
  const formId = uid("form");
  const form = el("form", { class: "attest-form", "aria-label": `Attest “${item.title}”` });
  const group = el("fieldset", {}, el("legend", { text: "Attest as" }));
  for (const [value, label] of [["done", "Done — handled where the code cannot show it"], ["not-applicable", "Not applicable to this project"]] as const) {
    const id = uid(formId);
    const radio = el("input", { type: "radio", name: formId, id, value, checked: draft.status === value, "data-key": `${key}\u0000radio-${value}` });
    radio.addEventListener("change", () => {
      draft.status = value;
    });
    group.append(el("div", { class: "radio" }, radio, el("label", { for: id, text: label })));
  }
  const noteId = uid("note");
  const note = el("textarea", { id: noteId, rows: 2, "aria-required": "true", maxlength: 2000, placeholder: "e.g. rate limiting at the API gateway", "data-key": `${key}\u0000note` });
  note.value = draft.note;
  note.addEventListener("input", () => {
    draft.note = note.value;
  });
  const error = draft.error ? el("p", { class: "form-error", role: "alert", text: draft.error }) : null;
  // aria-disabled rather than disabled while saving: a disabled button would drop the keyboard focus.
  const saveBtn = el("button", { type: "submit", class: "primary", "aria-disabled": draft.saving ? "true" : undefined, "data-key": `${key}\u0000save` }, draft.saving ? "Saving…" : "Save attestation");
  const cancel = el("button", { type: "button", class: "secondary", "data-key": `${key}\u0000cancel` }, "Cancel");
  cancel.addEventListener("click", () => {
    forms.delete(key);
    render(`i:${key}`);
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      forms.delete(key);
      render(`i:${key}`);
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (draft.saving) return;
    if (!draft.note.trim()) {
      draft.error = "A note is required: say why (e.g. where it is handled).";
      render(`${key}\u0000note`);
      return;
    }
    if (!p.root) return;
    draft.saving = true;
    draft.error = undefined;
    send({ type: "attest", root: p.root, item: item.id, status: draft.status, note: draft.note.trim() });
    render(`${key}\u0000save`);
  });
  form.append(group, el("label", { for: noteId, class: "note-label", text: "Note (required)" }), note);
  if (error) form.append(error);
  form.append(el("div", { class: "buttons" }, saveBtn, cancel));
  return form;
}

function itemDetails(p: ProjectChecklistWire, item: ChecklistItem, key: string, id: string): HTMLElement {
  const d = el("div", { class: "details", id });
  if (item.attestation) {
    const a = item.attestation;
    const box = el(
      "div",
      { class: `attestation${item.contradicted ? " contradicted" : ""}` },
      el("p", {}, icon(a.status === "done" ? "verified" : "circle-slash"), ` Attested ${a.status === "done" ? "done" : "not applicable"}`, a.by ? ` by ${a.by}` : "", a.at ? ` on ${a.at}` : "", a.note ? ": " : "", a.note ? el("q", { text: a.note }) : null),
      el("p", { class: "computed", text: `What the code shows: ${STATUS[item.computedStatus].label.toLowerCase()}.${item.reason ? " " + item.reason : ""}` }),
    );
    if (item.contradicted) box.append(el("p", { class: "warn", role: "note" }, icon("warning"), ` Contradicted: the code now has ${item.findings.length} finding${item.findings.length === 1 ? "" : "s"} for this item.`));
    if (p.root) {
      const un = el("button", { type: "button", class: "secondary", "data-key": `${key}\u0000unattest` }, icon("discard"), " Remove attestation");
      un.addEventListener("click", () => send({ type: "unattest", root: p.root!, item: item.id }));
      box.append(un);
    }
    d.append(box);
  }
  if (item.reason && item.status !== "met" && !item.attestation) d.append(el("p", { class: "reason", text: item.reason }));
  if (!item.attestation && p.root) {
    if (forms.has(key)) d.append(attestForm(p, item, key));
    else {
      const b = el("button", { type: "button", class: "secondary attest", "data-key": `${key}\u0000attest` }, icon("verified"), " Attest…");
      b.addEventListener("click", () => {
        forms.set(key, { status: "done", note: "" });
        render(`${key}\u0000note`);
      });
      d.append(b);
    }
  }
  const section = (title: string, n: number, build: () => HTMLElement[]) => {
    d.append(el("h4", { text: `${title} (${n})` }));
    if (!n) return;
    const ul = el("ul", { class: "refs" });
    for (const child of build()) ul.append(el("li", {}, child));
    d.append(ul);
  };
  section("Evidence", item.evidence.length, () => item.evidence.map((e, i) => openLink(p, e, e.text, undefined, `${key}\u0000e${i}`)));
  section("Findings", item.findings.length, () => item.findings.map((f, i) => openLink(p, f, f.rule, f.message, `${key}\u0000f${i}`)));
  return d;
}

function itemRow(p: ProjectChecklistWire, item: ChecklistItem): HTMLElement {
  const key = itemKey(p, item);
  const expanded = state.expanded.includes(key);
  const detailsId = uid("details");
  const s = STATUS[item.status];
  const row = el(
    "button",
    { type: "button", class: "item-row", "aria-expanded": String(expanded), "aria-controls": expanded ? detailsId : undefined, "data-key": `i:${key}`, "data-nav": "item" },
    icon(expanded ? "chevron-down" : "chevron-right", "twisty"),
    icon(s.icon, `status-icon status-${item.status}`),
    el("span", { class: `status-label status-${item.status}`, text: s.label }),
    el("span", { class: "title", text: item.title }),
  );
  const badges = el("span", { class: "badges" });
  if (item.findings.length) badges.append(el("span", { class: "badge", text: `${item.findings.length} finding${item.findings.length === 1 ? "" : "s"}` }));
  if (item.attestation && item.computedStatus !== item.status) badges.append(el("span", { class: "badge muted", text: `code: ${STATUS[item.computedStatus].label.toLowerCase()}` }));
  if (item.contradicted) badges.append(el("span", { class: "badge warn" }, icon("warning"), " contradicted"));
  row.append(badges);
  row.addEventListener("click", () => {
    state.expanded = toggle(state.expanded, key, !expanded);
    save();
    render(`i:${key}`);
  });
  const li = el("li", { class: `item status-${item.status}` }, row);
  if (expanded) li.append(itemDetails(p, item, key, detailsId));
  return li;
}

function endpoints(p: ProjectChecklistWire): HTMLElement {
  const key = projectKey(p);
  const open = state.endpoints.includes(key);
  const routes = p.routes ?? [];
  const id = uid("routes");
  const btn = el(
    "button",
    { type: "button", class: "section-toggle", "aria-expanded": String(open), "aria-controls": id, "data-key": `r:${key}`, "data-nav": "section" },
    icon(open ? "chevron-down" : "chevron-right", "twisty"),
    el("span", { text: `Endpoints (${routes.length})` }),
  );
  btn.addEventListener("click", () => {
    state.endpoints = toggle(state.endpoints, key, !open);
    save();
    render(`r:${key}`);
  });
  const wrap = el("div", { class: "endpoints" }, btn);
  if (!open) return wrap;
  if (!routes.length) {
    wrap.append(el("p", { id, class: "muted", text: "No endpoints found yet. The route inventory lists each route's method, path and whether it is authenticated, validated and paginated." }));
    return wrap;
  }
  const flag = (v: boolean | null, what: string, yes: string, no: string) =>
    v === null ? null : el("span", { class: `flag ${v ? "yes" : "no"}` }, icon(v ? "check" : "close"), ` ${v ? yes : no}`, el("span", { class: "visually-hidden", text: ` (${what})` }));
  // A list, not a table: the sidebar is narrow. Each route links to its handler.
  const list = el("ul", { id, class: "routes", "aria-label": `Endpoints of ${p.name}` });
  routes.forEach((r: RouteEntryWire, i) => {
    const link = el("button", { type: "button", class: "link route", "data-key": `r:${key}\u0000${i}`, title: `Open ${r.file}:${r.line}` }, icon("go-to-file"), el("span", { class: "method", text: r.method }), el("span", { class: "route-path", text: r.path }));
    link.addEventListener("click", () => send({ type: "open", base: p.base ?? "", file: r.file, line: r.line }));
    const flags = el("div", { class: "flags" }, flag(r.auth, "authentication", "auth", "no auth"), flag(r.validated, "input validation", "validated", "not validated"), flag(r.paginationBounded, "pagination", "bounded", "unbounded"));
    flags.append(el("span", { class: "handler", text: `${r.handler ? r.handler + " · " : ""}${r.file}:${r.line}` }));
    list.append(el("li", {}, link, flags));
  });
  wrap.append(list);
  return wrap;
}

function projectCard(p: ProjectChecklistWire, index: number): HTMLElement {
  const key = projectKey(p);
  const collapsed = state.collapsed.includes(key);
  const titleId = `project-${index}-title`;
  const listId = `project-${index}-items`;
  const toggleBtn = el(
    "button",
    { type: "button", class: "project-toggle", "aria-expanded": String(!collapsed), "aria-controls": listId, "data-key": `p:${key}`, "data-nav": "project" },
    icon(collapsed ? "chevron-right" : "chevron-down", "twisty"),
    el("span", { class: "name", id: titleId, text: p.name }),
  );
  toggleBtn.addEventListener("click", () => {
    state.collapsed = toggle(state.collapsed, key, !collapsed);
    save();
    render(`p:${key}`);
  });
  const value = Math.round(p.progress * 100);
  const bar = el("div", { class: "bar" });
  bar.style.width = `${value}%`; // CSSOM, allowed by the CSP (no inline style attribute)
  const counts = new Map<ItemStatus, number>();
  for (const i of p.items) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  const summary = (["met", "done", "partial", "not-met", "unknown", "not-applicable"] as ItemStatus[])
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${STATUS[s].label.toLowerCase()}`)
    .join(" · ");
  const header = el(
    "header",
    { class: "project-header" },
    el("h2", {}, toggleBtn),
    el("div", { class: "path", title: p.root ?? p.path, text: [p.path === "." ? "" : p.path, [...p.frameworks, ...p.languages].join(", ")].filter(Boolean).join(" — ") }),
    el(
      "div",
      { class: "progress-row" },
      el("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": value, "aria-label": `${p.name} checklist progress` }, bar),
      el("span", { class: "pct", text: `${value}%` }),
      sparkline(p.history),
    ),
    el("div", { class: "summary", text: summary }),
  );
  const card = el("section", { class: "project", "aria-labelledby": titleId, "data-root": key }, header);
  if (p.configProblem) {
    const cp = p.configProblem;
    card.append(
      el(
        "div",
        { class: "config-problem", role: "alert" },
        icon("error"),
        el("span", { text: ` ${cp.file}:${cp.line}:${cp.column}: ${cp.message} — the file is not rewritten until it is fixed; the last valid configuration stays in force.` }),
        openLink(p, cp, "", undefined, `c:${key}`),
      ),
    );
  }
  if (!collapsed) {
    const shown = state.openOnly ? p.items.filter((i) => OPEN.has(i.status)) : p.items;
    const list = el("ul", { class: "items", id: listId, "aria-label": `Checklist of ${p.name}` });
    for (const item of shown) list.append(itemRow(p, item));
    card.append(list);
    if (state.openOnly && !shown.length) card.append(el("p", { class: "muted", text: "No open items: everything is met, done or not applicable." }));
    card.append(endpoints(p));
  }
  return card;
}

function emptyState(): HTMLElement {
  const open = el("button", { type: "button", class: "primary", "data-key": "open-folder", "data-nav": "empty" }, icon("folder-opened"), " Open Folder…");
  open.addEventListener("click", () => send({ type: "openFolder" }));
  return el(
    "div",
    { class: "empty" },
    el("h2", { text: "No backend project found" }),
    el("p", { text: "Open a folder that contains a backend project. A project is a folder with a manifest: package.json, pyproject.toml, requirements.txt, setup.py, manage.py, go.mod, Cargo.toml, pom.xml or build.gradle." }),
    el("p", { text: "Each project of a monorepo and each folder of a multi-root workspace gets its own card with the 16 checklist items." }),
    open,
  );
}

function render(focusKey?: string): void {
  const app = document.getElementById("app");
  if (!app) return;
  const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
  const want = focusKey ?? active;
  idCounter = 0;
  const nodes: Node[] = [];
  const payload = state.payload;
  const status = el("div", { class: "status", role: "status", "aria-live": "polite" });
  if (problem) nodes.push(el("div", { class: "config-problem", role: "alert" }, icon("error"), ` ${problem}`));
  if (!payload) status.append(icon("sync", "codicon-modifier-spin"), " Loading the checklist…");
  else if (payload.scanning) status.append(icon("sync", "codicon-modifier-spin"), ` Scanning the workspace: ${payload.scanning.done} of ${payload.scanning.total} files. Results so far:`);
  if (state.openOnly && payload?.projects.length) {
    const all = el("button", { type: "button", class: "link inline", "data-key": "show-all" }, "Show all items");
    all.addEventListener("click", () => {
      state.openOnly = false;
      save();
      send({ type: "setFilter", openOnly: false });
      render("show-all");
    });
    status.append(icon("filter-filled"), " Showing open items only. ", all);
  }
  nodes.push(status);
  if (payload && !payload.projects.length && !payload.scanning) nodes.push(emptyState());
  if (payload) {
    const main = el("main", { class: "projects", "aria-label": "Backend checklist by project" });
    payload.projects.forEach((p, i) => main.append(projectCard(p, i)));
    nodes.push(main);
  }
  app.replaceChildren(...nodes);
  app.setAttribute("aria-busy", String(!payload));
  if (want) {
    const target = Array.from(app.querySelectorAll<HTMLElement>("[data-key]")).find((e) => e.dataset.key === want);
    target?.focus();
  }
}

// ---------------------------------------------------------------------------------------------
// Keyboard: arrows move between rows (projects, items, sections); Right/Left expand/collapse.

document.addEventListener("keydown", (e) => {
  const t = e.target;
  if (!(t instanceof HTMLElement) || !t.dataset.nav) return;
  const rows = Array.from(document.querySelectorAll<HTMLElement>("[data-nav]"));
  const i = rows.indexOf(t);
  const go = (j: number) => {
    const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
    if (r) {
      e.preventDefault();
      r.focus();
    }
  };
  const expanded = t.getAttribute("aria-expanded");
  switch (e.key) {
    case "ArrowDown":
      go(i + 1);
      break;
    case "ArrowUp":
      go(i - 1);
      break;
    case "Home":
      go(0);
      break;
    case "End":
      go(rows.length - 1);
      break;
    case "ArrowRight":
      if (expanded === "false") {
        e.preventDefault();
        t.click();
      }
      break;
    case "ArrowLeft":
      if (expanded === "true") {
        e.preventDefault();
        t.click();
      }
      break;
  }
});

// ---------------------------------------------------------------------------------------------
// Messages from the extension

function onAttestResult(root: string, item: string, result: AttestResult): void {
  const key = `${root}\u0000${item}`;
  const draft = forms.get(key);
  if (result.ok) {
    forms.delete(key);
    render(`i:${key}`);
    return;
  }
  const where = result.line ? ` (${result.file ?? "backend-checklist.json"}:${result.line}${result.column ? ":" + result.column : ""})` : "";
  if (draft) {
    draft.saving = false;
    draft.error = result.error + where;
    render(`${key}\u0000note`);
  } else {
    problem = result.error + where;
    render();
  }
}

window.addEventListener("message", (event: MessageEvent) => {
  const parsed = toWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    console.error("backend-checklist: ignored a malformed message", parsed.error.issues[0]);
    return;
  }
  const m = parsed.data;
  switch (m.type) {
    case "update":
      state.payload = m.payload as ChecklistPayload;
      problem = undefined;
      save();
      render();
      break;
    case "filter":
      state.openOnly = m.openOnly;
      save();
      render();
      break;
    case "attestResult":
      onAttestResult(m.root, m.item, m.result);
      break;
    case "error":
      problem = m.message;
      render();
      break;
  }
});

render();
send({ type: "ready" });
