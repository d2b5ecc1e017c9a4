// banmian reader: small enhancements; every page works without this script.
(function () {
  "use strict";
  var NARROW = 760; // px, as in style.css

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Filters start folded on a phone: the results come first.
    var box = document.querySelector(".facet-box");
    if (box && window.innerWidth <= NARROW) box.removeAttribute("open");

    // Legend: show or hide the highlights of one fact type.
    document.querySelectorAll(".legend input[data-type]").forEach(function (cb) {
      cb.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + cb.dataset.type, !cb.checked);
      });
    });

    // Fact panel: each click on an item shows its next occurrence in the text.
    document.querySelectorAll(".fitem").forEach(function (item) {
      var occ = (item.dataset.occ || "").split(",").filter(Boolean);
      var next = 0;
      var btn = item.querySelector(".jump");
      if (!btn || !occ.length) return;
      btn.addEventListener("click", function () {
        for (var tries = 0; tries < occ.length; tries++) {
          var idx = occ[next % occ.length];
          next++;
          var mark = document.querySelector('mark.f[data-f="' + idx + '"]');
          if (mark) {
            flash(mark);
            return;
          }
        }
      });
    });

    // A click on a highlight shows its entry in the panel.
    document.querySelectorAll(".story mark.f").forEach(function (mark) {
      mark.addEventListener("click", function (ev) {
        ev.stopPropagation();
        var idx = mark.dataset.f;
        var items = document.querySelectorAll(".fitem");
        for (var i = 0; i < items.length; i++) {
          var occ = (items[i].dataset.occ || "").split(",");
          if (occ.indexOf(idx) >= 0) {
            var group = items[i].closest("details");
            if (group) group.open = true;
            items[i].scrollIntoView({ block: "nearest", behavior: "smooth" });
            flash(items[i].querySelector(".jump") || items[i]);
            return;
          }
        }
      });
    });
  });

  function flash(el) {
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1600);
  }
})();
