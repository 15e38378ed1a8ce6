// commentgraph explorer: threads, comments, each reference with its evidence, and review in place.
// One file for both places it runs: the JupyterLab widget (anywidget calls render({model, el})) and the
// self-contained explorer.html (a small local model stands in for the widget's). Comment text only ever
// reaches the page through text nodes and attribute values, never as HTML.

const THREADS_PER_PAGE = 100;
const COMMENTS_PER_PAGE = 200;
const MAX_INDENT = 12;

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(typeof kid === "string" || typeof kid === "number" ? document.createTextNode(String(kid)) : kid);
  }
  return el;
}

function fill(el, ...kids) {
  // replaceChildren() would write a null as the text "null"
  el.replaceChildren(...kids.flat().filter((k) => k !== null && k !== undefined && k !== false));
  return el;
}

function duration(s) {
  if (!s) return "0 min";
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return [d ? `${d} d` : "", hr ? `${hr} h` : "", !d && m ? `${m} min` : ""].filter(Boolean).join(" ") || "<1 min";
}

function snippet(text, n) {
  const t = (text || "").replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}

// ---------------------------------------------------------------- one article, indexed for the views

function prepare(a) {
  const c = a.c, n = c.id.length, T = a.th.id.length;
  const kids = Array.from({ length: n }, () => []);
  const tops = Array.from({ length: T }, () => []);
  for (let i = 0; i < n; i++) {
    if (c.p[i] >= 0) kids[c.p[i]].push(i);
    else if (c.th[i] >= 0) tops[c.th[i]].push(i);
  }
  const refsOf = Array.from({ length: n }, () => []);
  const answeredBy = Array.from({ length: n }, () => []);
  for (let k = 0; k < a.r.c.length; k++) {
    const i = a.r.c[k];
    if (i < 0) continue;
    refsOf[i].push(k);
    if (a.r.t[k] >= 0 && a.r.edge[k] && !answeredBy[a.r.t[k]].includes(i)) answeredBy[a.r.t[k]].push(i);
  }
  for (let i = 0; i < n; i++) {
    const p = c.pe[i];
    if (p >= 0 && !answeredBy[p].includes(i)) answeredBy[p].push(i);
  }
  const problemsOf = new Map();
  for (let k = 0; k < a.pr.c.length; k++) {
    const i = a.pr.c[k];
    if (!problemsOf.has(i)) problemsOf.set(i, []);
    problemsOf.get(i).push(k);
  }
  const index = new Map(c.id.map((id, i) => [id, i]));
  const threadIndex = new Map(a.th.id.map((id, t) => [id, t]));
  const byNumber = new Map();
  c.n.forEach((num, i) => { if (num !== null && !byNumber.has(num)) byNumber.set(num, i); });
  let lower = null;
  return {
    a, c, n, T, kids, tops, refsOf, answeredBy, problemsOf, index, threadIndex, byNumber, orders: new Map(),
    lower() {
      if (!lower) lower = { a: c.a.map((s) => (s || "").toLowerCase()), x: c.x.map((s) => (s || "").toLowerCase()) };
      return lower;
    },
  };
}

function threadOrder(P, t, newest) {
  const key = `${t}:${newest}`;
  if (P.orders.has(key)) return P.orders.get(key);
  const ms = P.c.ms;
  const cmp = (x, y) => {
    const a = ms[x] === null ? Infinity : ms[x], b = ms[y] === null ? Infinity : ms[y];
    return (newest ? b - a : a - b) || x - y;
  };
  const out = [];
  const stack = [...P.tops[t]].sort(cmp).reverse();
  while (stack.length) {
    const i = stack.pop();
    out.push(i);
    const k = [...P.kids[i]].sort(cmp);
    for (let j = k.length - 1; j >= 0; j--) stack.push(k[j]);
  }
  P.orders.set(key, out);
  return out;
}

function matching(P, query) {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const L = P.lower();
  const hit = new Uint8Array(P.n);
  const num = /^#\d+$/.test(q) ? Number(q.slice(1)) : null;
  for (let i = 0; i < P.n; i++) {
    if ((num !== null && P.c.n[i] === num) || L.a[i].includes(q) || L.x[i].includes(q)) hit[i] = 1;
  }
  return hit;
}

// ---------------------------------------------------------------- the explorer

function render({ model, el }) {
  const state = { P: null, listPage: 0, viewPage: 0, hit: null, hitQuery: null, editing: null, flash: "" };
  const get = (k) => model.get(k);
  const set = (values) => {
    for (const [k, v] of Object.entries(values)) model.set(k, v);
    model.save_changes();
  };

  const root = h("div", { class: `cg-explorer cg-${get("mode") || "widget"}` });
  const articleSel = h("select", { class: "cg-article", "aria-label": "article" });
  const search = h("input", { class: "cg-search", type: "search", placeholder: "author, words or #12",
    "aria-label": "filter threads by author or text" });
  const sortSel = h("select", { class: "cg-sort", "aria-label": "sort threads by" },
    ["size", "depth", "start", "duration"].map((s) => h("option", { value: s }, `by ${s}`)));
  const orderBtn = h("button", { class: "cg-order", type: "button" });
  const status = h("span", { class: "cg-status", role: "status" });
  const download = h("button", { class: "cg-download", type: "button" }, "download reviews (CSV)");
  const listHead = h("div", { class: "cg-list-head" });
  const list = h("ol", { class: "cg-threads" });
  const viewHead = h("div", { class: "cg-view-head" });
  const view = h("div", { class: "cg-comments" });
  root.append(
    h("div", { class: "cg-bar" }, articleSel, search, sortSel, orderBtn, h("span", { class: "cg-spacer" }), status,
      get("mode") === "page" ? download : null),
    h("div", { class: "cg-main" },
      h("section", { class: "cg-list", "aria-label": "threads" }, listHead, list),
      h("section", { class: "cg-view", "aria-label": "thread" }, viewHead, view)),
  );
  el.append(root);

  // ------------------------------------------------------------ bar

  function renderArticles() {
    fill(articleSel, ...(get("articles") || []).map((a) => h("option", { value: a.id },
      `${snippet(a.title || a.id, 70)} (${a.comments} comments)`)));
    articleSel.value = get("article");
    articleSel.hidden = (get("articles") || []).length < 2;
  }
  articleSel.addEventListener("change", () => set({ article: articleSel.value, thread: "", selected: "" }));
  let typing = null;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => set({ query: search.value }), 120);
  });
  sortSel.addEventListener("change", () => set({ sort: sortSel.value }));
  orderBtn.addEventListener("click", () => set({ order: get("order") === "newest" ? "oldest" : "newest" }));
  download.addEventListener("click", () => {
    const blob = new Blob([reviewCsv()], { type: "text/csv;charset=utf-8" });
    const link = h("a", { download: "reviews.csv" });
    link.href = URL.createObjectURL(blob);
    document.body.append(link);
    link.click();
    link.remove();
  });

  function renderStatus() {
    const n = Object.keys(get("reviews") || {}).length;
    status.textContent = state.flash || get("status") || (n ? `${n} reviewed` : "");
  }

  // ------------------------------------------------------------ thread list

  function threadIds() {
    const P = state.P;
    if (!P) return [];
    const q = get("query") || "";
    if (state.hitQuery !== q) {
      state.hit = matching(P, q);
      state.hitQuery = q;
    }
    const th = P.a.th, sort = get("sort") || "size";
    let ids = Array.from({ length: P.T }, (_, t) => t);
    if (state.hit) {
      const has = new Uint8Array(P.T);
      for (let i = 0; i < P.n; i++) if (state.hit[i]) has[P.c.th[i]] = 1;
      ids = ids.filter((t) => has[t]);
    }
    const key = { size: th.size, depth: th.depth, duration: th.dur }[sort];
    if (key) ids.sort((x, y) => key[y] - key[x] || th.size[y] - th.size[x] || x - y);
    else ids.sort((x, y) => (th.ms[x] ?? Infinity) - (th.ms[y] ?? Infinity) || x - y);
    return ids;
  }

  function threadLabel(t) {
    const P = state.P, th = P.a.th, r = th.root[t];
    if (r < 0) return [h("span", { class: "cg-missing-name" }, th.mname[t] || "?"), " (not in the data)"];
    return [h("b", {}, P.c.n[r] !== null ? `#${P.c.n[r]} ` : ""), h("span", { class: "cg-author" }, P.c.a[r] || "?")];
  }

  function renderList() {
    const P = state.P;
    if (!P) return fill(list);
    const ids = threadIds();
    const current = P.threadIndex.get(get("thread"));
    const pages = Math.max(1, Math.ceil(ids.length / THREADS_PER_PAGE));
    state.listPage = Math.min(state.listPage, pages - 1);
    const at = ids.indexOf(current);
    if (state.followThread && at >= 0) state.listPage = Math.floor(at / THREADS_PER_PAGE);
    state.followThread = false;
    const from = state.listPage * THREADS_PER_PAGE, shown = ids.slice(from, from + THREADS_PER_PAGE);
    const th = P.a.th;
    const hits = (t) => {
      if (!state.hit) return null;
      let k = 0;
      for (const i of threadOrder(P, t, false)) k += state.hit[i];
      return k;
    };
    fill(list, ...shown.map((t) => {
      const r = th.root[t], k = hits(t);
      return h("li", { class: "cg-thread" + (t === current ? " cg-current" : ""), "data-thread": th.id[t],
        "data-size": th.size[t], "aria-current": t === current ? "true" : null },
      h("button", { type: "button", onclick: () => { state.flash = ""; set({ thread: th.id[t], selected: "" }); } },
        h("div", { class: "cg-thread-title" }, threadLabel(t)),
        h("div", { class: "cg-thread-meta" },
          `${th.size[t]} comment${th.size[t] === 1 ? "" : "s"} · depth ${th.depth[t]} · ${th.na[t]} author${th.na[t] === 1 ? "" : "s"} · `
          + `${th.start[t] || "?"} · ${duration(th.dur[t])}` + (k !== null ? ` · ${k} match${k === 1 ? "" : "es"}` : "")),
        r >= 0 ? h("div", { class: "cg-thread-snippet" }, snippet(P.c.x[r], 110)) : null));
    }));
    fill(listHead,
      h("span", { class: "cg-count" }, `${ids.length.toLocaleString("en")} of ${P.T.toLocaleString("en")} threads`
        + (get("query") ? ` with “${get("query")}”` : "")),
      pager(state.listPage, pages, (p) => { state.listPage = p; renderList(); }, "thread page"));
  }

  function pager(page, pages, go, label) {
    if (pages <= 1) return null;
    return h("span", { class: "cg-pager", "aria-label": label },
      h("button", { type: "button", disabled: page === 0, onclick: () => go(page - 1), "aria-label": "previous" }, "‹"),
      ` ${page + 1} / ${pages} `,
      h("button", { type: "button", disabled: page >= pages - 1, onclick: () => go(page + 1), "aria-label": "next" }, "›"));
  }

  // ------------------------------------------------------------ thread view

  function jumpTo(i, from) {
    const P = state.P;
    if (i < 0 || i >= P.n) return;
    state.followThread = true;
    state.flash = from !== undefined && P.c.th[i] !== P.c.th[from] ? `#${P.c.n[i] ?? "?"} is in another thread: showing it` : "";
    set({ thread: P.a.th.id[P.c.th[i]], selected: P.c.id[i] });
  }

  function commentLink(i, from) {
    const P = state.P;
    return h("span", { class: "cg-link", role: "button", tabindex: "0", "data-target": P.c.id[i],
      onclick: () => jumpTo(i, from), onkeydown: (e) => { if (e.key === "Enter") jumpTo(i, from); } },
    `${P.c.n[i] !== null ? `#${P.c.n[i]} ` : ""}${P.c.a[i] || "?"}`);
  }

  function reviewKey(k) {
    const P = state.P;
    return `${P.c.id[P.a.r.c[k]]}\t${P.a.r.s0[k]}`;
  }

  function currentTarget(k) {
    const r = state.P.a.r;
    return !r.edge[k] ? "none" : (r.tid[k] || r.ta[k] || "none");
  }

  function setReview(key, value) {
    const reviews = { ...(get("reviews") || {}) };
    if (value === null) delete reviews[key];
    else reviews[key] = { ...value, at: new Date().toISOString().slice(0, 19) };
    state.editing = null;
    set({ reviews });
  }

  function targetEditor(placeholder, save) {
    const input = h("input", { class: "cg-target-input", type: "text", placeholder, "aria-label": "correct target" });
    const ok = () => { if (input.value.trim()) save(input.value.trim()); };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") ok();
      if (e.key === "Escape") { state.editing = null; renderView(); }
    });
    setTimeout(() => input.focus(), 0);
    return h("span", { class: "cg-editor" }, input, h("button", { type: "button", onclick: ok }, "save"));
  }

  function reviewControls(k) {
    const key = reviewKey(k), rv = (get("reviews") || {})[key];
    if (state.editing === key) {
      return targetEditor("#12, a comment id, a name or none", (target) => setReview(key, { verdict: "other", target }));
    }
    if (rv) {
      const what = rv.verdict === "right" ? "✓ right" : rv.verdict === "wrong" ? "✗ wrong: no edge" : `→ ${rv.target}`;
      return h("span", { class: `cg-review cg-reviewed cg-${rv.verdict}` }, `reviewed: ${what} `,
        h("button", { type: "button", class: "cg-undo", onclick: () => setReview(key, null) }, "undo"));
    }
    return h("span", { class: "cg-review" },
      h("button", { type: "button", class: "cg-right", title: "the resolver got this reference right",
        onclick: () => setReview(key, { verdict: "right", target: currentTarget(k) }) }, "✓ right"),
      h("button", { type: "button", class: "cg-wrong", title: "not a reference to any comment: no edge",
        onclick: () => setReview(key, { verdict: "wrong", target: "none" }) }, "✗ wrong"),
      h("button", { type: "button", class: "cg-other", title: "it answers another comment",
        onclick: () => { state.editing = key; renderView(); } }, "other target…"));
  }

  function evidence(k, i) {
    const P = state.P, r = P.a.r, t = r.t[k];
    const target = t >= 0 ? commentLink(t, i)
      : h("span", { class: "cg-dangling" }, `${r.ta[k] || "?"} (not in the data)`);
    return h("li", { class: `cg-evidence res-${(r.res[k] || "").replace("+", "-")}`, "data-ref": k },
      h("code", {}, r.raw[k] || ""), " → ", r.edge[k] ? target : h("span", { class: "cg-noedge" }, "no edge"),
      h("span", { class: "cg-badge" }, r.res[k] || "?"),
      h("span", { class: "cg-rule" }, `rule ${r.rule[k] || "?"}`),
      h("span", { class: "cg-conf" }, `confidence ${r.conf[k] === null ? "?" : r.conf[k].toFixed(2)}`),
      r.reason[k] ? h("div", { class: "cg-reason" }, r.reason[k]) : null,
      r.cons[k] && r.cons[k].includes(";") ? h("div", { class: "cg-considered" },
        `considered: ${r.cons[k].split(`${P.a.id}/`).join("")}`) : null,
      reviewControls(k));
  }

  function body(i) {
    // the text as text nodes, each reference span a clickable element holding its characters
    const P = state.P, text = P.c.x[i] || "", r = P.a.r;
    const out = [];
    let at = 0;
    const spans = [...P.refsOf[i]].sort((x, y) => r.s[x] - r.s[y]);
    for (const k of spans) {
      if (r.s[k] < at) continue;
      out.push(text.slice(at, r.s[k]));
      const res = (r.res[k] || "").replace("+", "-");
      const tip = [r.res[k], `rule ${r.rule[k]}`, `confidence ${r.conf[k]}`, r.reason[k]].filter(Boolean).join(" · ");
      const go = () => {
        if (r.t[k] >= 0) return jumpTo(r.t[k], i);
        state.flash = `${r.raw[k]}: ${r.reason[k] || "target not in the data"}`;
        if (P.c.pm[i]) set({ selected: `missing:${P.c.pm[i]}` });   // the placeholder root of this thread
        else renderStatus();
      };
      out.push(h("span", { class: `cg-ref res-${res}` + (r.edge[k] ? "" : " cg-noedge"), role: "button", tabindex: "0",
        title: tip, "data-ref": k, "data-resolution": r.res[k], onclick: go,
        onkeydown: (e) => { if (e.key === "Enter") go(); } }, text.slice(r.s[k], r.e[k])));
      at = r.e[k];
    }
    out.push(text.slice(at));
    return out;
  }

  function missedControls(i) {
    const key = `${state.P.c.id[i]}\tmissed`;
    if (state.editing === key) {
      return targetEditor("#12, a comment id or a name",
        (target) => setReview(`${key}:${target}`, { verdict: "missed", target }));
    }
    return h("button", { type: "button", class: "cg-missed", title: "a reply the resolver did not find",
      onclick: () => { state.editing = key; renderView(); } }, "+ missed reference");
  }

  function commentEl(i, selected, hit) {
    const P = state.P, c = P.c;
    const depth = c.d[i];
    const problems = P.problemsOf.get(i) || [];
    const missedHere = Object.entries(get("reviews") || {}).filter(([k]) => k.startsWith(`${c.id[i]}\tmissed:`));
    const parent = c.p[i];
    return h("article", {
      class: "cg-comment" + (i === selected ? " cg-selected" : "") + (hit ? " cg-match" : "")
        + (problems.length ? " cg-flagged" : ""),
      "data-id": c.id[i], "data-number": c.n[i], "data-depth": depth, "aria-current": i === selected ? "true" : null,
      style: `margin-left: ${Math.min(depth, MAX_INDENT) * 1.25}em` },
    h("header", {},
      h("span", { class: "cg-number" }, c.n[i] !== null ? `#${c.n[i]}` : ""),
      h("span", { class: "cg-author" }, c.a[i] || "?"),
      h("time", {}, c.t[i] || "time unknown"),
      depth > MAX_INDENT ? h("span", { class: "cg-deep" }, `depth ${depth}`) : null,
      parent >= 0 ? h("span", { class: "cg-parent" }, "answers ", commentLink(parent, i), c.pv[i] === "parent" ? " (explicit parent)" : "")
        : c.pm[i] ? h("span", { class: "cg-parent cg-dangling" }, `answers ${c.pm[i]} (not in the data)`) : null,
      problems.length ? h("span", { class: "cg-flag", title: problems.map((k) => P.a.pr.msg[k]).join("\n") }, `⚠ ${problems.length} problem${problems.length > 1 ? "s" : ""}`) : null),
    c.q[i] ? h("blockquote", { class: "cg-quote" }, c.q[i]) : null,
    h("div", { class: "cg-text" }, body(i)),
    problems.length ? h("ul", { class: "cg-problems" }, problems.map((k) => h("li", {}, `${P.a.pr.sev[k] || ""} ${P.a.pr.kind[k]}: ${P.a.pr.msg[k]}`))) : null,
    P.refsOf[i].length ? h("ul", { class: "cg-refs" }, P.refsOf[i].map((k) => evidence(k, i))) : null,
    h("footer", {},
      P.answeredBy[i].length ? h("span", { class: "cg-answers" }, "answered by ", P.answeredBy[i].flatMap((j, n) => [n ? ", " : "", commentLink(j, i)])) : null,
      missedHere.map(([k, v]) => h("span", { class: "cg-review cg-reviewed cg-missed-ref" }, `missed reference → ${v.target} `,
        h("button", { type: "button", class: "cg-undo", onclick: () => setReview(k, null) }, "undo"))),
      missedControls(i)));
  }

  function renderView() {
    const P = state.P;
    if (!P) return fill(view, h("p", {}, "no article"));
    const t = P.threadIndex.get(get("thread"));
    if (t === undefined) {
      fill(viewHead, articleHead());
      return fill(view, h("p", { class: "cg-hint" }, `Pick a thread on the left (${P.T.toLocaleString("en")} threads, ${P.n.toLocaleString("en")} comments). `
        + "Click a highlighted reference to jump to the comment it answers."));
    }
    const newest = get("order") === "newest";
    const order = threadOrder(P, t, newest);
    const sel = P.index.has(get("selected")) ? P.index.get(get("selected")) : -1;
    const pages = Math.max(1, Math.ceil(order.length / COMMENTS_PER_PAGE));
    if (state.followSelected && sel >= 0) {
      const at = order.indexOf(sel);
      if (at >= 0) state.viewPage = Math.floor(at / COMMENTS_PER_PAGE);
    }
    state.viewPage = Math.min(state.viewPage, pages - 1);
    const from = state.viewPage * COMMENTS_PER_PAGE;
    const th = P.a.th;
    fill(viewHead, articleHead(),
      h("div", { class: "cg-thread-head" },
        h("span", {}, "thread of ", threadLabel(t), ` · ${th.size[t]} comment${th.size[t] === 1 ? "" : "s"} · depth ${th.depth[t]} · ${duration(th.dur[t])}`),
        pager(state.viewPage, pages, (p) => { state.viewPage = p; renderView(); view.scrollTop = 0; }, "comment page")));
    const rows = [];
    if (th.root[t] < 0 && state.viewPage === 0) {
      const here = get("selected") === `missing:${th.mname[t]}`;
      rows.push(h("article", { class: "cg-comment cg-missing" + (here ? " cg-selected" : ""), "data-missing": th.mname[t],
        "aria-current": here ? "true" : null },
        h("header", {}, h("span", { class: "cg-author" }, th.mname[t] || "?")),
        h("div", { class: "cg-text" }, "This comment is not in the data: a reference names it, but it is not on the page.")));
    }
    for (const i of order.slice(from, from + COMMENTS_PER_PAGE)) rows.push(commentEl(i, sel, state.hit && state.hit[i]));
    fill(view, ...rows);
    if (state.followSelected) {
      const node = view.querySelector(".cg-selected");
      if (node) node.scrollIntoView({ block: "center" });
    }
    state.followSelected = false;
  }

  function articleHead() {
    const a = state.P.a;
    const declared = a.declared !== null && a.declared !== a.parsed ? ` of ${a.declared} declared` : "";
    const notes = a.notes.map((p) => h("li", { class: `cg-note cg-${p.severity || "notice"}` }, `${p.kind}: ${p.message}`));
    if (a.more_notes) notes.push(h("li", {}, `… ${a.more_notes} more`));
    return h("div", { class: "cg-article-head" },
      h("div", { class: "cg-title" }, a.title || a.id),
      h("div", { class: "cg-article-meta" }, `${a.parsed} comments${declared} · ${a.th.id.length} threads · ${a.r.c.length} references`
        + (a.source ? ` · ${a.source}` : "")),
      notes.length ? h("details", { class: "cg-notes" }, h("summary", {}, `${a.notes.length + a.more_notes} problem${a.notes.length + a.more_notes > 1 ? "s" : ""} in this source`), h("ul", {}, notes)) : null);
  }

  // ------------------------------------------------------------ review rows for the CSV download

  function reviewCsv() {
    const cols = ["comment_id", "start", "end", "article_id", "source_author", "raw", "resolution", "rule", "confidence",
      "target_comment_id", "target_author", "reason", "verdict", "correct_target", "target", "reviewed_at"];
    const rows = [cols];
    const data = get("all_data") || {};
    for (const [key, v] of Object.entries(get("reviews") || {})) {
      const [cid, rest] = key.split("\t");
      let row = null;
      for (const a of Object.values(data)) {
        const P = a === state.P?.a ? state.P : { a, c: a.c };
        const i = a.c.id.indexOf(cid);
        if (i < 0) continue;
        const r = a.r;
        let k = -1;
        for (let j = 0; j < r.c.length; j++) if (r.c[j] === i && String(r.s0[j]) === rest) k = j;
        const base = [cid, k >= 0 ? r.s0[k] : "", k >= 0 ? r.e0[k] : "", a.id, P.c.a[i] || ""];
        const ref = k >= 0 ? [r.raw[k], r.res[k], r.rule[k], r.conf[k], r.tid[k], r.ta[k], r.reason[k]] : ["", "", "", "", "", "", ""];
        const correct = v.verdict === "right" ? "" : v.verdict === "wrong" ? "none" : v.target;
        row = [...base, ...ref, v.verdict, correct, v.target, v.at || ""];
      }
      if (row) rows.push(row);
    }
    const cell = (x) => `"${String(x === null || x === undefined ? "" : x).replace(/"/g, '""')}"`;
    return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  // ------------------------------------------------------------ wiring

  function loadArticle() {
    const a = get("article_data");
    state.P = a && a.c ? prepare(a) : null;
    state.hit = null;
    state.hitQuery = null;
    state.listPage = 0;
    state.viewPage = 0;
    state.followThread = true;
    state.followSelected = true;
    renderArticles();
    renderList();
    renderView();
  }
  function onThread() {
    state.viewPage = 0;
    state.followSelected = true;
    renderList();
    renderView();
    renderStatus();
  }
  function onSelected() {
    state.followSelected = true;
    renderView();
    renderStatus();
  }
  function sync() {
    search.value = get("query") || "";
    sortSel.value = get("sort") || "size";
    orderBtn.textContent = get("order") === "newest" ? "newest first" : "oldest first";
    orderBtn.setAttribute("aria-label", `comment order: ${orderBtn.textContent}`);
  }
  const handlers = {
    "change:articles": renderArticles,
    "change:article_data": loadArticle,
    "change:thread": onThread,
    "change:selected": onSelected,
    "change:query": () => { sync(); state.listPage = 0; renderList(); renderView(); },
    "change:sort": () => { sync(); state.listPage = 0; state.followThread = true; renderList(); },
    "change:order": () => { sync(); state.followSelected = true; renderView(); },
    "change:reviews": () => { renderView(); renderStatus(); },
    "change:status": renderStatus,
  };
  for (const [ev, f] of Object.entries(handlers)) model.on(ev, f);
  sync();
  loadArticle();
  renderStatus();
  return () => { for (const [ev, f] of Object.entries(handlers)) model.off(ev, f); };
}

export default { render };
