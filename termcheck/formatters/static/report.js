// The review page's script. termcheck/formatters/html.py inlines it into each page, whose
// Content-Security-Policy carries its hash (computed then); no closing tag may appear in it.
// It reads the findings from the JSON element #termcheck-data and never fetches anything.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("termcheck-data").textContent);
  var findings = data.findings;
  var RANK = { error: 3, warning: 2, info: 1 };
  var verdicts = Object.create(null);
  var replacements = Object.create(null);
  var selected = [];
  var unsaved = false;
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-fid]"));
  var severityOn = {}, ruleOn = {};

  function ids(mark) { return mark.getAttribute("data-f").split(" ").map(Number); }

  function readFilters() {
    severityOn = {}; ruleOn = {};
    document.querySelectorAll("input.filter").forEach(function (box) {
      (box.getAttribute("data-kind") === "severity" ? severityOn : ruleOn)[box.value] = box.checked;
    });
  }

  function visible(id) {
    var f = findings[id];
    return severityOn[f.severity] !== false && ruleOn[f.rule] !== false;
  }

  function all(list, verdict) { return list.every(function (id) { return verdicts[id] === verdict; }); }

  function paint(mark) {
    var shown = ids(mark).filter(visible);
    var classes = ["hl"];
    if (mark.classList.contains("caret")) classes.push("caret");
    if (!shown.length) {
      classes.push("off");
      if (mark.hasAttribute("tabindex")) mark.removeAttribute("tabindex");
    } else {
      var worst = shown.reduce(function (a, b) {
        return RANK[findings[b].severity] > RANK[findings[a].severity] ? b : a;
      });
      classes.push("sev-" + findings[worst].severity);
      if (shown.length > 1) classes.push("multi");
      if (all(shown, "rejected")) classes.push("rejected");
      else if (shown.every(function (id) { return verdicts[id] === "accepted" || verdicts[id] === "edited"; })) classes.push("accepted");
      if (shown.some(function (id) { return selected.indexOf(id) >= 0; })) classes.push("current");
      if (!mark.hasAttribute("tabindex")) mark.setAttribute("tabindex", "0");
    }
    var next = classes.join(" ");
    if (mark.className !== next) mark.className = next;  // untouched marks need no restyling
  }

  var marksOf = {};
  marks.forEach(function (mark) {
    ids(mark).forEach(function (id) { (marksOf[id] = marksOf[id] || []).push(mark); });
  });
  var rowOf = {};
  rows.forEach(function (row) { rowOf[row.getAttribute("data-fid")] = row; });

  function paintFinding(id) {
    (marksOf[id] || []).forEach(paint);
    var row = rowOf[id];
    if (row) row.setAttribute("data-verdict", verdicts[id] || "");
    document.querySelectorAll('button.verdict[data-fid="' + id + '"]').forEach(function (button) {
      button.setAttribute("aria-pressed", verdicts[id] === button.getAttribute("data-verdict") ? "true" : "false");
    });
    document.getElementById("decided-count").textContent = Object.keys(verdicts).length + " decided";
  }

  // Everything: on load and when a filter changes. A decision or a selection repaints only its findings,
  // so a report with thousands of findings stays responsive.
  function refresh() {
    readFilters();
    marks.forEach(paint);
    var shown = 0;
    rows.forEach(function (row) {
      var hide = !visible(Number(row.getAttribute("data-fid")));
      if (row.hidden !== hide) row.hidden = hide;
      if (!hide) shown += 1;
    });
    document.getElementById("shown-count").textContent = shown + " of " + findings.length + " findings shown";
    document.getElementById("decided-count").textContent = Object.keys(verdicts).length + " decided";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelled(label, value, className) {
    var p = element("p", className);
    p.appendChild(element("span", "label", label + " "));
    p.appendChild(document.createTextNode(value));
    return p;
  }

  function verdictButton(id, verdict, label) {
    var button = element("button", "verdict " + (verdict === "accepted" ? "accept" : "reject"), label);
    button.type = "button";
    button.setAttribute("data-fid", String(id));
    button.setAttribute("data-verdict", verdict);
    button.setAttribute("aria-pressed", "false");
    return button;
  }

  function card(id) {
    var f = findings[id];
    var box = element("div", "card sev-" + f.severity);
    var head = element("p");
    head.appendChild(element("span", "badge sev-" + f.severity, f.severity));
    head.appendChild(element("strong", null, " " + f.rule + " " + f.name));
    box.appendChild(head);
    box.appendChild(element("p", "where", f.where));
    box.appendChild(labelled("Found:", f.text));
    box.appendChild(element("p", null, f.message));
    if (f.suggestion !== null) {
      box.appendChild(labelled("Suggestion:", f.suggestion.trim() ? f.suggestion : JSON.stringify(f.suggestion)));
    }
    var buttons = element("p");
    var accept = verdictButton(id, "accepted", "Accept");
    if (f.suggestion === null) {
      accept.disabled = true;
      accept.title = "No replacement to accept: edit the wording or reject the finding";
    }
    buttons.appendChild(accept);
    buttons.appendChild(verdictButton(id, "rejected", "Reject"));
    box.appendChild(buttons);
    // Her own wording for the flagged text: exported as an "edited" decision that --fix and review apply.
    var edit = element("p", "edit");
    var field = element("input", "edit-text");
    field.type = "text";
    field.setAttribute("aria-label", "Replace the flagged text with");
    field.setAttribute("data-fid", String(id));
    field.value = replacements[id] !== undefined ? replacements[id] : (f.suggestion !== null ? f.suggestion : f.text);
    var save = element("button", "verdict edit", "Save edit");
    save.type = "button";
    save.setAttribute("data-fid", String(id));
    save.setAttribute("data-verdict", "edited");
    save.setAttribute("aria-pressed", verdicts[id] === "edited" ? "true" : "false");
    edit.appendChild(field);
    edit.appendChild(save);
    box.appendChild(edit);
    return box;
  }

  function showDetails(list) {
    var previous = selected;
    selected = list;
    var body = document.getElementById("details-body");
    body.textContent = "";
    list.forEach(function (id) { body.appendChild(card(id)); });
    previous.concat(list).forEach(paintFinding);
  }

  function jump(id) {
    var mark = marks.filter(function (m) { return ids(m).indexOf(id) >= 0; })[0];
    if (!mark) { showDetails([id]); return; }
    var folded = mark.closest("details");
    if (folded) folded.open = true;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    showDetails([id]);
  }

  function decide(id, verdict) {
    if (verdict === "edited") {
      var field = document.querySelector('input.edit-text[data-fid="' + id + '"]');
      replacements[id] = field ? field.value : findings[id].text;
      verdicts[id] = verdict;
    } else if (verdicts[id] === verdict) delete verdicts[id];
    else verdicts[id] = verdict;
    unsaved = true;
    paintFinding(id);
  }

  function exportDecisions() {
    var out = { version: 1, decisions: [] };
    var decided = {};
    findings.forEach(function (f, id) {
      if (!verdicts[id]) return;
      var record = Object.assign({}, f.record);
      record.decision = verdicts[id];
      if (verdicts[id] === "edited") record.replacement = replacements[id];
      out.decisions.push(record);
      decided[record.path + "|" + record.fingerprint] = true;
    });
    // Earlier decisions from the file this run read are kept, unless this page decided anew.
    (data.earlierDecisions || []).forEach(function (d) {
      if (!decided[d.path + "|" + d.fingerprint]) out.decisions.push(d);
    });
    var blob = new Blob([JSON.stringify(out, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = element("a");
    link.href = url;
    link.download = data.decisionsFile;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    unsaved = false;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest("button.verdict");
    if (button) { decide(Number(button.getAttribute("data-fid")), button.getAttribute("data-verdict")); return; }
    var go = target.closest("button.goto");
    if (go) { jump(Number(go.getAttribute("data-fid"))); return; }
    if (target.closest("#export")) { exportDecisions(); return; }
    var mark = target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) showDetails(ids(mark).filter(visible));
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showDetails(ids(mark).filter(visible));
    }
  });
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) showDetails(ids(mark).filter(visible));
  });
  document.addEventListener("change", function (event) {
    if (event.target.classList.contains("filter")) refresh();
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
  refresh();
})();
