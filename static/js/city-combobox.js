/*
 * The activity filter's city box as a WAI-ARIA 1.2 combobox (list autocomplete).
 *
 * Without this script the box is a text input the form submits as it is: the server
 * accepts a city's name (Japanese or English) or its slug. With it, typing asks
 * data-combobox-url?q=… for up to 10 names and shows them in a listbox under the box:
 * Down/Up move through them (aria-activedescendant; the focus stays in the box), Enter
 * takes the highlighted name and submits the form, Escape closes the list (and a second
 * Escape clears the box), a click takes a name. A status line says how many names came.
 * No inline script or style (Content Security Policy): loaded from a static file.
 */
(function () {
  "use strict";

  function setUp(input) {
    var url = input.getAttribute("data-combobox-url");
    var listId = input.id + "-listbox";
    var wrapper = input.parentElement;
    wrapper.classList.add("combobox");

    var listbox = document.createElement("ul");
    listbox.id = listId;
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.getAttribute("data-combobox-label") || "");
    listbox.className = "combobox-listbox";
    listbox.hidden = true;
    input.insertAdjacentElement("afterend", listbox);

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    listbox.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function choose(option) {
      input.value = option.getAttribute("data-value");
      close();
    }

    function show(cities) {
      listbox.textContent = "";
      options = cities.map(function (city, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-value", city.value);
        option.textContent = city.label;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box
        });
        option.addEventListener("click", function () {
          choose(option);
          input.focus();
        });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = (input.getAttribute("data-combobox-status") || "").replace("%(count)s", options.length);
      } else {
        close();
        status.textContent = input.value.trim() ? input.getAttribute("data-combobox-none") || "" : "";
      }
    }

    function ask() {
      var text = input.value.trim();
      var number = ++asked;
      if (!text) {
        show([]);
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { cities: [] }; })
        .then(function (data) {
          if (number === asked) { show(data.cities || []); } // an older answer is dropped
        })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length > 0;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (!open) { ask(); return; }
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        event.preventDefault();
        if (open) { highlight(active > 0 ? active - 1 : options.length - 1); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(options[active]);
          if (input.form) {
            if (input.form.requestSubmit) { input.form.requestSubmit(); } else { input.form.submit(); }
          }
        } else {
          close();
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  document.querySelectorAll("input[data-combobox-url]").forEach(setUp);
})();
