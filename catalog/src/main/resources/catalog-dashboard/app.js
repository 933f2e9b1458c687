// Tributary dashboard: one Server-Sent Events stream (api/v1/events) carries table snapshots and
// live verdicts. No libraries, no CDN; everything is drawn with the DOM and inline SVG.
(function () {
  "use strict";

  var CHART_MINUTES = 30;
  var SILENT_MS = 10 * 60 * 1000;
  var FEED_SIZE = 30;

  var report = null;          // the last snapshot (DashboardReport)
  var liveVerdicts = [];      // verdicts from the topic, newest first
  var selectedSite = null;

  var nf = new Intl.NumberFormat("en");
  function fmtInt(n) { return nf.format(n); }
  function fmtHours(h) { return h.toFixed(h < 10 ? 2 : 1); }
  function fmtPct(x) { return (100 * x).toFixed(1) + " %"; }
  function fmtTime(iso) { return iso ? new Date(iso).toLocaleTimeString() : "–"; }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function setText(id, value) { document.getElementById(id).textContent = value; }

  function showError(message) {
    var banner = document.getElementById("error-banner");
    banner.hidden = !message;
    if (message) banner.textContent = message;
  }
  function setStatus(state, text) {
    document.getElementById("status-dot").className = "dot " + state;
    setText("status-text", text);
  }

  // ---- totals -------------------------------------------------------------------------------
  function renderTotals(t) {
    setText("total-sites", fmtInt(t.sites));
    setText("total-episodes", fmtInt(t.episodes));
    setText("total-hours", fmtHours(t.hours));
    var accepted = t.accepted + t.flagged;
    setText("total-accepted", fmtInt(accepted) + (t.episodes ? " (" + fmtPct(accepted / t.episodes) + ")" : ""));
    setText("total-rejected", fmtInt(t.rejected));
    setText("total-duplicates", fmtInt(t.duplicates));
    setText("total-frames", fmtInt(t.frames));
  }

  // ---- chart: stacked bars per minute, inline SVG ---------------------------------------------
  var STACK = [["accepted", "ACCEPTED"], ["flagged", "ACCEPTED_WITH_FLAGS"], ["rejected", "REJECTED"], ["duplicates", "DUPLICATE"]];

  function renderChart(timeline) {
    var byMinute = {};
    timeline.forEach(function (m) { byMinute[Date.parse(m.minute)] = m; });
    var newest = timeline.length ? Date.parse(timeline[timeline.length - 1].minute) : 0;
    var end = Math.max(Math.floor(Date.now() / 60000) * 60000, newest);
    var W = 600, H = 160, pad = 24, bw = (W - pad) / CHART_MINUTES;
    var max = 1;
    for (var i = 0; i < CHART_MINUTES; i++) {
      var m = byMinute[end - (CHART_MINUTES - 1 - i) * 60000];
      if (m) max = Math.max(max, m.accepted + m.flagged + m.rejected + m.duplicates);
    }
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "episodes per minute" });
    root.appendChild(svg("line", { x1: pad, y1: H - 14, x2: W, y2: H - 14, class: "axis" }));
    var label = svg("text", { x: 0, y: 12, class: "tick" });
    label.textContent = String(max);
    root.appendChild(label);
    for (var j = 0; j < CHART_MINUTES; j++) {
      var t = end - (CHART_MINUTES - 1 - j) * 60000;
      var point = byMinute[t];
      var y = H - 14;
      if (point) {
        STACK.forEach(function (s) {
          var n = point[s[0]];
          if (!n) return;
          var h = (H - 30) * n / max;
          y -= h;
          var bar = svg("rect", { x: pad + j * bw + 1, y: y, width: Math.max(1, bw - 2), height: h, class: "bar-" + s[1] });
          var tip = svg("title");
          tip.textContent = new Date(t).toLocaleTimeString() + ": " + n + " " + s[0];
          bar.appendChild(tip);
          root.appendChild(bar);
        });
      }
      if (j % 10 === 0 || j === CHART_MINUTES - 1) {
        var last = j === CHART_MINUTES - 1;
        var tick = svg("text", { x: last ? W : pad + j * bw, y: H - 2, class: "tick",
          "text-anchor": last ? "end" : "start" });
        tick.textContent = new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        root.appendChild(tick);
      }
    }
    document.getElementById("chart").replaceChildren(root);
  }

  // ---- leaderboard and site wall ----------------------------------------------------------------
  function renderLeaderboard(sites) {
    var ranked = sites.filter(function (s) { return s.acceptedHours > 0; })
      .sort(function (a, b) { return b.acceptedHours - a.acceptedHours || a.siteId.localeCompare(b.siteId); })
      .slice(0, 10);
    var list = document.createDocumentFragment();
    if (!ranked.length) list.appendChild(el("li", "No accepted episodes yet.", "empty"));
    var best = ranked.length ? ranked[0].acceptedHours : 1;
    ranked.forEach(function (s) {
      var li = el("li");
      li.dataset.site = s.siteId;
      li.appendChild(el("span", s.siteId, "name"));
      var bar = el("span", null, "bar");
      bar.style.width = Math.max(2, Math.round(140 * s.acceptedHours / best)) + "px";
      li.appendChild(bar);
      li.appendChild(el("span", fmtHours(s.acceptedHours) + " h", "num"));
      li.addEventListener("click", function () { openSite(s.siteId); });
      list.appendChild(li);
    });
    document.getElementById("leaderboard").replaceChildren(list);
  }

  function isSilent(s) {
    return !s.lastCuratedAt || Date.now() - Date.parse(s.lastCuratedAt) > SILENT_MS;
  }

  function renderWall(sites) {
    var max = sites.reduce(function (m, s) { return Math.max(m, s.episodes); }, 1);
    var wall = document.createDocumentFragment();
    sites.slice().sort(function (a, b) { return a.siteId.localeCompare(b.siteId); }).forEach(function (s) {
      var tile = el("button", s.siteId, "tile");
      tile.type = "button";
      tile.dataset.site = s.siteId;
      var size = 2.2 + 2.8 * Math.sqrt(s.episodes / max);
      tile.style.width = tile.style.height = size + "rem";
      var hue = Math.round(120 * s.acceptanceRate); // red (0) to green (120)
      tile.style.background = isSilent(s) ? "#c9ced6" : "hsl(" + hue + ", 55%, 48%)";
      tile.title = s.siteId + ": " + s.episodes + " episodes, " + fmtPct(s.acceptanceRate) + " accepted" +
        (isSilent(s) ? ", silent for 10+ min" : "");
      tile.addEventListener("click", function () { openSite(s.siteId); });
      wall.appendChild(tile);
    });
    document.getElementById("site-wall").replaceChildren(wall);
  }

  // ---- per-site table ---------------------------------------------------------------------------
  function reasonsText(reasons) {
    return reasons.length ? reasons.slice(0, 3).map(function (r) {
      var name = r.reason.length > 32 ? r.reason.slice(0, 31) + "…" : r.reason;
      return name + " (" + r.count + ")";
    }).join(", ") : "–";
  }

  function renderSites(sites) {
    var rows = document.createDocumentFragment();
    if (!sites.length) {
      var empty = el("tr", null, "empty");
      var td = el("td", "No curated episodes yet. They appear here seconds after the pipeline commits them.");
      td.colSpan = 10;
      empty.appendChild(td);
      rows.appendChild(empty);
    }
    sites.forEach(function (s) {
      var tr = el("tr");
      tr.dataset.site = s.siteId;
      if (s.siteId === selectedSite) tr.className = "selected";
      tr.appendChild(el("td", s.siteId, "text"));
      tr.appendChild(el("td", fmtInt(s.episodes), "episodes"));
      tr.appendChild(el("td", fmtHours(s.hours)));
      tr.appendChild(el("td", fmtHours(s.acceptedHours)));
      tr.appendChild(el("td", s.episodes ? fmtPct(s.acceptanceRate) : "–"));
      tr.appendChild(el("td", fmtInt(s.rejected)));
      tr.appendChild(el("td", fmtInt(s.duplicates)));
      tr.appendChild(el("td", reasonsText(s.topReasons), "text wrap"));
      tr.appendChild(el("td", s.diversity === null || s.diversity === undefined ? "n/a" : s.diversity.toFixed(2), "diversity"));
      tr.appendChild(el("td", fmtTime(s.lastCuratedAt), "text" + (isSilent(s) ? " silent" : "")));
      tr.addEventListener("click", function () { openSite(s.siteId); });
      rows.appendChild(tr);
    });
    document.getElementById("sites-body").replaceChildren(rows);
  }

  // ---- live feed: table rows merged with verdicts not yet in a snapshot -----------------------------
  // A frame from the middle of the episode's first video; hidden when there is none (quarantined or
  // not yet curated episodes, no video, the service does not know where videos are).
  var THUMB_W = 64, THUMB_H = 48;
  // Thumbnails that failed to load, not asked again. A verdict-only item is keyed apart from a table
  // row, so an episode is asked once more when its row arrives.
  var noThumbnail = {};
  function thumbnail(episodeId, inTable) {
    var key = (inTable ? "t:" : "v:") + episodeId;
    var img = document.createElement("img");
    img.className = "thumb";
    img.width = THUMB_W;
    img.height = THUMB_H;
    img.alt = "";
    img.loading = "lazy";
    if (noThumbnail[key]) {
      img.hidden = true;
      return img;
    }
    img.addEventListener("error", function () { img.hidden = true; noThumbnail[key] = true; });
    img.src = "api/v1/episodes/" + encodeURIComponent(episodeId) + "/thumbnail.jpg";
    return img;
  }

  function renderFeed() {
    var seen = {};
    var items = [];
    liveVerdicts.forEach(function (v) {
      if (seen[v.episodeId]) return;
      seen[v.episodeId] = true;
      items.push({ episodeId: v.episodeId, siteId: v.siteId, status: v.status, reasons: v.reasons,
        at: v.decidedAt, task: null, fresh: true });
    });
    (report ? report.recent : []).forEach(function (e) {
      if (seen[e.episodeId]) {
        items.forEach(function (i) {
          if (i.episodeId === e.episodeId) { i.task = e.task; i.inTable = true; }
        });
        return;
      }
      seen[e.episodeId] = true;
      items.push({ episodeId: e.episodeId, siteId: e.siteId, status: e.status, reasons: e.reasons,
        at: e.curatedAt, task: e.task, fresh: false, inTable: true });
    });
    items.sort(function (a, b) { return Date.parse(b.at) - Date.parse(a.at); });
    var list = document.createDocumentFragment();
    if (!items.length) list.appendChild(el("li", "Waiting for the first verdict…", "empty"));
    items.slice(0, FEED_SIZE).forEach(function (i) {
      var li = el("li");
      li.dataset.episode = i.episodeId;
      li.dataset.site = i.siteId;
      li.appendChild(thumbnail(i.episodeId, i.inTable));
      li.appendChild(el("span", i.status.replace(/_/g, " ").toLowerCase(), "pill status-" + i.status));
      li.appendChild(el("span", i.siteId, "site"));
      li.appendChild(el("span", fmtTime(i.at), "time"));
      var detail = (i.reasons || []).join(", ") || i.task || "";
      li.appendChild(el("div", detail + " · " + i.episodeId.slice(0, 8), "detail"));
      li.addEventListener("click", function () { openSite(i.siteId); });
      list.appendChild(li);
    });
    document.getElementById("feed").replaceChildren(list);
  }

  // ---- drill-down ---------------------------------------------------------------------------------
  function openSite(site) {
    selectedSite = site;
    document.querySelectorAll("#sites-body tr").forEach(function (tr) {
      tr.className = tr.dataset.site === site ? "selected" : "";
    });
    setText("drilldown-site", site);
    var panel = document.getElementById("drilldown");
    panel.hidden = false;
    renderDrilldownSummary();
    loadDrilldownEpisodes(site);
    panel.scrollIntoView({ block: "nearest" });
  }

  function renderDrilldownSummary() {
    if (!selectedSite || !report) return;
    var s = report.sites.filter(function (x) { return x.siteId === selectedSite; })[0];
    var list = document.createDocumentFragment();
    if (!s || !s.topReasons.length) {
      list.appendChild(el("li", "No rejection or flag reasons so far.", "empty"));
    } else {
      var most = s.topReasons[0].count;
      s.topReasons.forEach(function (r) {
        var li = el("li");
        li.dataset.reason = r.reason;
        li.appendChild(el("span", r.reason, "name"));
        var bar = el("span", null, "bar bad");
        bar.style.width = Math.max(2, Math.round(160 * r.count / most)) + "px";
        li.appendChild(bar);
        li.appendChild(el("span", fmtInt(r.count), "num"));
        list.appendChild(li);
      });
    }
    document.getElementById("drilldown-reasons").replaceChildren(list);
    setText("drilldown-summary", s
      ? fmtInt(s.episodes) + " episodes, " + fmtHours(s.hours) + " h (" + fmtHours(s.acceptedHours) + " h accepted), " +
        fmtPct(s.acceptanceRate) + " accepted, " + fmtInt(s.rejected) + " rejected, " + fmtInt(s.duplicates) +
        " duplicates; last episode " + fmtTime(s.lastCuratedAt)
      : "No curated episodes yet.");
  }

  function loadDrilldownEpisodes(site) {
    fetch("api/v1/episodes?limit=25&site=" + encodeURIComponent(site), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        if (site === selectedSite && doc.episodes) renderDrilldownEpisodes(doc.episodes);
      })
      .catch(function () { /* the next snapshot retries */ });
  }

  function renderDrilldownEpisodes(episodes) {
    var rows = document.createDocumentFragment();
    episodes.forEach(function (e) {
      var tr = el("tr");
      tr.dataset.episode = e.episodeId;
      tr.appendChild(el("td", new Date(e.curatedAt).toLocaleString(), "text"));
      tr.appendChild(el("td", e.status, "text status-" + e.status));
      var reasons = (e.reasons || []).join(", ");
      if (e.duplicateOf) reasons = (reasons ? reasons + ", " : "") + "duplicate of " + e.duplicateOf.slice(0, 8);
      tr.appendChild(el("td", reasons || "–", "text wrap"));
      tr.appendChild(el("td", e.task || "–", "text wrap"));
      tr.appendChild(el("td", e.durationS === null ? "–" : e.durationS.toFixed(1)));
      tr.appendChild(el("td", fmtInt(e.sampleCount)));
      tr.appendChild(el("td", e.episodeId, "text mono"));
      rows.appendChild(tr);
    });
    document.getElementById("drilldown-body").replaceChildren(rows);
  }

  document.getElementById("drilldown-close").addEventListener("click", function () {
    selectedSite = null;
    document.getElementById("drilldown").hidden = true;
    document.querySelectorAll("#sites-body tr.selected").forEach(function (tr) { tr.className = ""; });
  });

  // ---- the stream -----------------------------------------------------------------------------------
  function onSnapshot(doc) {
    report = doc;
    var inTable = {};
    doc.recent.forEach(function (e) { inTable[e.episodeId] = true; });
    // Verdicts already visible as table rows no longer need their live copy.
    liveVerdicts = liveVerdicts.filter(function (v) { return !inTable[v.episodeId]; }).slice(0, FEED_SIZE);
    renderTotals(doc.totals);
    renderChart(doc.timeline);
    renderLeaderboard(doc.sites);
    renderWall(doc.sites);
    renderSites(doc.sites);
    renderFeed();
    if (selectedSite) {
      renderDrilldownSummary();
      loadDrilldownEpisodes(selectedSite);
    }
    document.body.dataset.snapshot = String(doc.snapshotId);
    setStatus("live", "live · table snapshot of " + fmtTime(doc.computedAt));
  }

  function onVerdict(v) {
    liveVerdicts.unshift(v);
    liveVerdicts = liveVerdicts.slice(0, FEED_SIZE);
    renderFeed();
  }

  // ---- access: open, public, a signed-in session, or the sign-in form ---------------------------
  // EventSource cannot send an Authorization header; a dashboard that is not public takes the token
  // once (POST api/v1/session) and the catalog answers with an HttpOnly session cookie for the
  // dashboard's read-only routes. The token itself is not kept by the page.
  var source = null;

  function showSignIn(reason, error) {
    if (source) { source.close(); source = null; }
    report = null;
    document.getElementById("dashboard").hidden = true;
    document.getElementById("whoami").hidden = true;
    document.getElementById("signin").hidden = false;
    if (reason) setText("signin-reason", reason);
    var err = document.getElementById("signin-error");
    err.hidden = !error;
    err.textContent = error || "";
    showError(null);
    setStatus("down", "signed out");
    document.getElementById("signin-token").focus();
  }

  function showDashboard(access) {
    document.getElementById("signin").hidden = true;
    document.getElementById("dashboard").hidden = false;
    var signedIn = access.dashboard === "session";
    document.getElementById("whoami").hidden = !signedIn;
    if (signedIn) setText("whoami-name", access.name + " (" + access.role + ")");
  }

  function checkAccess() {
    fetch("api/v1/session", { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (access) {
        if (access.dashboard === "sign-in") {
          showSignIn(access.ended ? "Your dashboard session ended (" + access.ended + "): sign in again." : null);
          return;
        }
        showDashboard(access);
        connect();
      })
      .catch(function () {
        setStatus("down", "catalog unreachable");
        showError("Cannot reach the catalog service; retrying every 5 s.");
        setTimeout(checkAccess, 5000);
      });
  }

  document.getElementById("signin-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var input = document.getElementById("signin-token");
    var button = document.querySelector("#signin-form button");
    button.disabled = true;
    fetch("api/v1/session", {
      method: "POST", cache: "no-store", credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: input.value.trim() })
    })
      .then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
      })
      .then(function (res) {
        button.disabled = false;
        if (!res.ok) {
          showSignIn(null, (res.status === 403 ? "Refused: " : "Sign-in failed: ") +
            (res.body.message || res.body.error || ("HTTP " + res.status)));
          return;
        }
        input.value = "";
        showDashboard(res.body);
        connect();
      })
      .catch(function () {
        button.disabled = false;
        showSignIn(null, "Cannot reach the catalog service; try again.");
      });
  });

  document.getElementById("signout").addEventListener("click", function () {
    if (source) { source.close(); source = null; }
    fetch("api/v1/session", { method: "DELETE", cache: "no-store", credentials: "same-origin" })
      .catch(function () { /* the cookie ends with its lifetime anyway */ })
      .then(function () {
        document.getElementById("whoami").hidden = true;
        checkAccess();
      });
  });

  function connect() {
    if (source) source.close();
    var current = source = new EventSource("api/v1/events");
    current.addEventListener("open", function () { showError(null); });
    current.addEventListener("snapshot", function (e) { onSnapshot(JSON.parse(e.data)); });
    current.addEventListener("verdict", function (e) { onVerdict(JSON.parse(e.data)); });
    current.addEventListener("error", function () {
      if (current !== source) return;
      setStatus("down", "reconnecting…");
      if (current.readyState === EventSource.CLOSED) {
        // Refused (401 after a sign-out, a revoked token or an expired session; or a 5xx): ask why.
        source = null;
        setTimeout(checkAccess, 1000);
        return;
      }
      showError("Lost the live connection to the catalog service; reconnecting every 2 s (numbers shown may be stale).");
    });
  }

  // Redraw the time axis and the "silent" marks as the clock moves, even without new data.
  setInterval(function () {
    if (!report) return;
    renderChart(report.timeline);
    renderWall(report.sites);
  }, 30000);

  checkAccess();
})();
