/* align report: filters and keyboard navigation. Plain DOM, no framework, no network.
   Visibility rule: a flagged bead is shown when at least one of its flags has a checked kind AND a
   checked severity; an unflagged bead is shown only while nothing is narrowed (all kinds and
   severities checked) and "Flagged only" is off, so "only number" shows exactly the number beads. */
(function () {
  "use strict";
  var beads = Array.prototype.slice.call(document.querySelectorAll("#beads .bead"));
  var info = beads.map(function (el) {
    var pairs = (el.getAttribute("data-flags") || "").split(" ").filter(Boolean).map(function (p) {
      return p.split(":");
    });
    return { el: el, idx: Number(el.getAttribute("data-bead")), pairs: pairs };
  });
  var flagged = info.filter(function (b) { return b.pairs.length > 0; });
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll('#kind-filter input[name="kind"]'));
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll('#severity-filter input[name="severity"]'));
  var flaggedOnly = document.getElementById("flagged-only");
  var status = document.getElementById("status");
  var toolbar = document.getElementById("toolbar");
  var shownCount = beads.length;

  function checked(boxes) {
    var s = new Set();
    boxes.forEach(function (b) { if (b.checked) { s.add(b.value); } });
    return s;
  }

  function say(msg) { status.textContent = msg; }

  function apply() {
    var K = checked(kindBoxes), S = checked(sevBoxes);
    var narrowed = K.size < kindBoxes.length || S.size < sevBoxes.length;
    var onlyFlagged = flaggedOnly.checked || narrowed;
    var shown = 0;
    for (var i = 0; i < info.length; i++) {
      var b = info[i], vis;
      if (b.pairs.length) {
        vis = b.pairs.some(function (p) { return K.has(p[0]) && S.has(p[1]); });
      } else {
        vis = !onlyFlagged;
      }
      if (b.el.hidden === vis) { b.el.hidden = !vis; }
      if (vis) { shown++; }
    }
    shownCount = shown;
    say("Showing " + shown + " of " + beads.length + " beads");
  }

  function only(boxes, value) {
    boxes.forEach(function (b) { b.checked = b.value === value; });
    apply();
  }

  kindBoxes.concat(sevBoxes, [flaggedOnly]).forEach(function (b) { b.addEventListener("change", apply); });
  document.querySelectorAll("[data-only-kind]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      sevBoxes.forEach(function (b) { b.checked = true; });
      only(kindBoxes, btn.getAttribute("data-only-kind"));
    });
  });
  document.querySelectorAll("[data-only-severity]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      kindBoxes.forEach(function (b) { b.checked = true; });
      only(sevBoxes, btn.getAttribute("data-only-severity"));
    });
  });
  document.getElementById("reset").addEventListener("click", function () {
    kindBoxes.concat(sevBoxes).forEach(function (b) { b.checked = true; });
    flaggedOnly.checked = false;
    apply();
  });

  /* Where the reader is: the focused bead, else the first bead below the sticky toolbar. */
  function currentIndex(forward) {
    var a = document.activeElement;
    var el = a && a.closest ? a.closest("#beads .bead") : null;
    if (el) { return Number(el.getAttribute("data-bead")); }
    var top = toolbar.getBoundingClientRect().bottom;
    for (var i = 0; i < info.length; i++) {
      if (info[i].el.hidden) { continue; }
      var r = info[i].el.getBoundingClientRect();
      if (r.bottom > top) {
        /* moving forward from "here" may land on this very bead; backward must go above it */
        return forward ? info[i].idx - 1 : info[i].idx;
      }
    }
    return forward ? -1 : Infinity;
  }

  function go(step) {
    if (!flagged.length) { say("No flagged beads"); return; }
    var cur = currentIndex(step > 0), target = null, i;
    if (step > 0) {
      for (i = 0; i < flagged.length; i++) {
        if (flagged[i].idx > cur && !flagged[i].el.hidden) { target = flagged[i]; break; }
      }
    } else {
      for (i = flagged.length - 1; i >= 0; i--) {
        if (flagged[i].idx < cur && !flagged[i].el.hidden) { target = flagged[i]; break; }
      }
    }
    if (!target) {
      say((step > 0 ? "No further flagged bead" : "No earlier flagged bead") +
          " (showing " + shownCount + " of " + beads.length + ")");
      return;
    }
    target.el.focus({ preventScroll: true });
    target.el.scrollIntoView({ block: "center" });
    var pos = flagged.filter(function (b) { return !b.el.hidden; }).indexOf(target) + 1;
    say("Bead " + target.idx + " — flagged " + pos + " of " +
        flagged.filter(function (b) { return !b.el.hidden; }).length + " shown");
  }

  document.getElementById("next-flag").addEventListener("click", function () { go(1); });
  document.getElementById("prev-flag").addEventListener("click", function () { go(-1); });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
        (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type)))) { return; }
    var k = e.key;
    if (k === "n" || k === "j") { e.preventDefault(); go(1); }
    else if (k === "p" || k === "k") { e.preventDefault(); go(-1); }
  });

  apply();
})();
