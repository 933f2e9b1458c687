// Participant view: one site's own episodes and verdicts, authorised by its site token.
// The token is kept in sessionStorage (this tab only) and sent as a bearer token; polls every 5 s
// (EventSource cannot send an Authorization header).
(function () {
  "use strict";

  var REFRESH_MS = 5000;
  var timer = null;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
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

  function render(doc) {
    var s = doc.stats;
    setText("site-id", doc.siteId);
    setText("site-episodes", s ? s.episodes : 0);
    setText("site-hours", s ? s.acceptedHours.toFixed(2) : "0.00");
    setText("site-acceptance", s && s.episodes ? (100 * s.acceptanceRate).toFixed(1) + " %" : "–");
    setText("site-rejected", s ? s.rejected : 0);
    var reasons = document.createDocumentFragment();
    if (!s || !s.topReasons.length) reasons.appendChild(el("li", "No rejection or flag reasons so far.", "empty"));
    (s ? s.topReasons : []).forEach(function (r) {
      var li = el("li");
      li.dataset.reason = r.reason;
      li.appendChild(el("span", r.reason, "name"));
      li.appendChild(el("span", ""));
      li.appendChild(el("span", r.count, "num"));
      reasons.appendChild(li);
    });
    document.getElementById("site-reasons").replaceChildren(reasons);
    var rows = document.createDocumentFragment();
    doc.episodes.forEach(function (e) {
      var tr = el("tr");
      tr.dataset.episode = e.episodeId;
      tr.appendChild(el("td", new Date(e.curatedAt).toLocaleString(), "text"));
      tr.appendChild(el("td", e.status, "text status-" + e.status));
      tr.appendChild(el("td", (e.reasons || []).join(", ") || "–", "text wrap"));
      tr.appendChild(el("td", e.task || "–", "text wrap"));
      tr.appendChild(el("td", e.durationS === null ? "–" : e.durationS.toFixed(1)));
      tr.appendChild(el("td", e.sampleCount));
      tr.appendChild(el("td", e.episodeId, "text mono"));
      rows.appendChild(tr);
    });
    document.getElementById("site-body").replaceChildren(rows);
  }

  function load() {
    var token = sessionStorage.getItem("tributary.siteToken");
    if (!token) return;
    fetch("api/v1/site", { cache: "no-store", headers: { "Authorization": "Bearer " + token } })
      .then(function (r) {
        return r.json().then(function (doc) {
          if (r.status === 401) {
            sessionStorage.removeItem("tributary.siteToken");
            showSignin();
          }
          if (!r.ok) throw new Error(doc.error || ("HTTP " + r.status));
          return doc;
        });
      })
      .then(function (doc) {
        document.getElementById("signin").hidden = true;
        document.getElementById("mine").hidden = false;
        render(doc);
        showError(null);
        setStatus("live", "updated " + new Date(doc.computedAt).toLocaleTimeString());
      })
      .catch(function (e) { setStatus("down", "not updating"); showError(e.message); })
      .finally(function () {
        clearTimeout(timer);
        if (sessionStorage.getItem("tributary.siteToken")) timer = setTimeout(load, REFRESH_MS);
      });
  }

  function showSignin() {
    document.getElementById("signin").hidden = false;
    document.getElementById("mine").hidden = true;
  }

  document.getElementById("signin-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    sessionStorage.setItem("tributary.siteToken", document.getElementById("token").value.trim());
    document.getElementById("token").value = "";
    load();
  });
  document.getElementById("signout").addEventListener("click", function () {
    sessionStorage.removeItem("tributary.siteToken");
    clearTimeout(timer);
    showSignin();
    setStatus("", "signed out");
  });

  load();
})();
