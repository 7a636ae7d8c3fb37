// reliefroute report: stop details on click, one courier at a time. No network access.
(function () {
  "use strict";
  var select = document.getElementById("courier-filter");
  var info = document.getElementById("info");
  var map = document.getElementById("map");

  function showCourier(id) {
    var marked = document.querySelectorAll("#map [data-courier], #timeline [data-courier]");
    for (var i = 0; i < marked.length; i++) {
      var el = marked[i];
      var other = id !== "" && el.getAttribute("data-courier") !== id;
      el.classList.toggle("filtered", other);
    }
    var keys = document.querySelectorAll(".courier-key");
    for (var k = 0; k < keys.length; k++) {
      keys[k].classList.toggle("active", keys[k].getAttribute("data-courier") === id);
    }
    if (select && select.value !== id) {
      select.value = id;
    }
  }

  if (select) {
    select.addEventListener("change", function () {
      showCourier(select.value);
    });
  }
  var buttons = document.querySelectorAll(".courier-key");
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener("click", function (event) {
      var id = event.currentTarget.getAttribute("data-courier");
      showCourier(select && select.value === id ? "" : id);
    });
  }

  var selected = null;
  function details(event) {
    var target = event.target.closest ? event.target.closest(".stop, .kitchen, .unassigned") : null;
    if (!target || !info) {
      return;
    }
    var title = target.querySelector("title");
    if (selected) {
      selected.classList.remove("selected");
    }
    selected = target;
    target.classList.add("selected");
    info.textContent = title ? title.textContent : "";
  }
  if (map) {
    map.addEventListener("click", details);
    map.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        details(event);
      }
    });
  }
})();
