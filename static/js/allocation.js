// Live checks on the allocation form: the running total per line and each share's problem,
// as the admin types. The server repeats every check (marketplace/fulfilment/share_checks.py);
// messages come translated from the form's data-msg-* attributes.
(function () {
  "use strict";
  var form = document.getElementById("allocation-form");
  if (!form) return;

  function say(name, values) {
    return (form.dataset[name] || "").replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key];
    });
  }

  function checkRow(row) {
    var input = row.querySelector(".share-input");
    var feedback = row.querySelector(".share-problem");
    var raw = input.value.trim();
    var share = raw === "" ? 0 : Number(raw);
    var capacity = Number(row.dataset.capacity);
    var minLot = Number(row.dataset.minLot);
    var problem = "";
    if (!Number.isInteger(share) || share < 0) {
      problem = say("msgNegative", {});
    } else if (share > capacity) {
      problem = say("msgOver", { capacity: capacity });
    } else if (share > 0 && share < minLot) {
      problem = say("msgLot", { min_lot: minLot });
    }
    input.classList.toggle("is-invalid", problem !== "");
    feedback.textContent = problem;
    return Number.isInteger(share) && share > 0 ? share : 0;
  }

  function checkLine(line) {
    var total = 0;
    line.querySelectorAll(".allocation-row").forEach(function (row) {
      total += checkRow(row);
    });
    var quantity = Number(line.dataset.quantity);
    var out = line.querySelector(".allocation-total");
    if (!out) return;
    var values = { total: total, quantity: quantity, difference: Math.abs(total - quantity) };
    var name = total < quantity ? "msgShort" : total > quantity ? "msgExtra" : "msgOk";
    out.textContent = say(name, values);
    out.classList.toggle("text-danger", total !== quantity);
    out.classList.toggle("fw-semibold", total !== quantity);
    out.classList.toggle("text-success", total === quantity);
    out.classList.remove("text-muted");
  }

  form.querySelectorAll(".allocation-line").forEach(function (line) {
    line.addEventListener("input", function () {
      checkLine(line);
    });
    checkLine(line);
  });
})();
