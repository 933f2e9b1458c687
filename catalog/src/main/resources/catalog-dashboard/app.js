// Tributary dashboard: polls the catalog service every 2 s; no libraries, no CDN.
(function () {
  "use strict";

  var REFRESH_MS = 2000;
  var selectedSite = null;

  var nf = new Intl.NumberFormat("en");
  function fmtInt(n) { return nf.format(n); }
  function fmtHours(h) { return h.toFixed(h < 10 ? 2 : 1); }
  function fmtPct(x) { return (100 * x).toFixed(1) + " %"; }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function setText(id, value) { document.getElementById(id).textContent = value; }

  function showError(message) {
    var banner = document.getElementById("error-banner");
    if (message) {
      banner.textContent = message;
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  }

  function setStatus(live, text) {
    document.getElementById("status-dot").className = "dot " + (live ? "live" : "down");
    setText("status-text", text);
  }

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

  function renderSites(sites, totals) {
    var body = document.getElementById("sites-body");
    var rows = document.createDocumentFragment();
    if (sites.length === 0) {
      var empty = el("tr", null, "empty");
      var td = el("td", "No curated episodes yet. They appear here seconds after the pipeline commits them.");
      td.colSpan = 10;
      empty.appendChild(td);
      rows.appendChild(empty);
    }
    var max = sites.reduce(function (m, s) { return Math.max(m, s.episodes); }, 1);
    sites.forEach(function (s) {
      var tr = el("tr");
      tr.dataset.site = s.siteId;
      if (s.siteId === selectedSite) tr.className = "selected";
      tr.appendChild(el("td", s.siteId, "text"));
      tr.appendChild(el("td", fmtInt(s.episodes)));
      tr.appendChild(el("td", fmtHours(s.hours)));
      tr.appendChild(el("td", fmtInt(s.accepted)));
      tr.appendChild(el("td", fmtInt(s.flagged)));
      tr.appendChild(el("td", fmtInt(s.rejected)));
      tr.appendChild(el("td", fmtInt(s.duplicates)));
      tr.appendChild(el("td", s.episodes ? fmtPct((s.accepted + s.flagged) / s.episodes) : "–"));
      tr.appendChild(el("td", fmtInt(s.frames)));
      var share = el("td", null, "text");
      var bar = el("span", null, "bar");
      bar.style.width = Math.max(2, Math.round(160 * s.episodes / max)) + "px";
      share.appendChild(bar);
      share.appendChild(el("span", " " + (totals.episodes ? fmtPct(s.episodes / totals.episodes) : "")));
      tr.appendChild(share);
      tr.addEventListener("click", function () { openSite(s.siteId); });
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
  }

  function refresh() {
    fetch("api/v1/sites", { cache: "no-store" })
      .then(function (r) {
        return r.json().then(function (doc) {
          if (!r.ok) throw new Error(doc.error || ("HTTP " + r.status));
          return doc;
        });
      })
      .then(function (doc) {
        renderTotals(doc.totals);
        renderSites(doc.sites, doc.totals);
        showError(null);
        setStatus(true, "updated " + new Date(doc.computedAt).toLocaleTimeString());
        if (selectedSite) loadDrilldown(selectedSite);
      })
      .catch(function (e) {
        setStatus(false, "not updating");
        showError("Cannot load statistics: " + e.message + " (retrying every 2 s; numbers shown may be stale)");
      })
      .finally(function () { setTimeout(refresh, REFRESH_MS); });
  }

  function openSite(site) {
    selectedSite = site;
    document.querySelectorAll("#sites-body tr").forEach(function (tr) {
      tr.className = tr.dataset.site === site ? "selected" : "";
    });
    setText("drilldown-site", site);
    document.getElementById("drilldown").hidden = false;
    loadDrilldown(site);
  }

  function loadDrilldown(site) {
    fetch("api/v1/episodes?limit=25&site=" + encodeURIComponent(site), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        if (site !== selectedSite || !doc.episodes) return;
        renderDrilldown(doc.episodes);
      })
      .catch(function () { /* the next refresh retries */ });
  }

  function renderDrilldown(episodes) {
    var reasonCounts = {};
    var rows = document.createDocumentFragment();
    episodes.forEach(function (e) {
      (e.reasons || []).forEach(function (r) { reasonCounts[r] = (reasonCounts[r] || 0) + 1; });
      var tr = el("tr");
      tr.appendChild(el("td", new Date(e.curatedAt).toLocaleString(), "text"));
      tr.appendChild(el("td", e.status, "text status-" + e.status));
      var reasons = (e.reasons || []).join(", ");
      if (e.duplicateOf) reasons = (reasons ? reasons + ", " : "") + "duplicate of " + e.duplicateOf;
      tr.appendChild(el("td", reasons || "–", "text wrap"));
      tr.appendChild(el("td", e.task || "–", "text wrap"));
      tr.appendChild(el("td", e.durationS === null ? "–" : e.durationS.toFixed(1)));
      tr.appendChild(el("td", fmtInt(e.sampleCount)));
      tr.appendChild(el("td", e.episodeId, "text"));
      rows.appendChild(tr);
    });
    document.getElementById("drilldown-body").replaceChildren(rows);
    var top = Object.keys(reasonCounts)
      .sort(function (a, b) { return reasonCounts[b] - reasonCounts[a]; })
      .slice(0, 5)
      .map(function (r) { return r + " (" + reasonCounts[r] + ")"; });
    setText("drilldown-reasons", top.length
      ? "Top reasons among these episodes: " + top.join(", ")
      : "No rejection or flag reasons among these episodes.");
  }

  document.getElementById("drilldown-close").addEventListener("click", function () {
    selectedSite = null;
    document.getElementById("drilldown").hidden = true;
    document.querySelectorAll("#sites-body tr.selected").forEach(function (tr) { tr.className = ""; });
  });

  refresh();
})();
