/* Type-ahead picker of organisations, following the WAI-ARIA combobox pattern (list autocomplete):
   typing asks the server for matching visible organisations; Down/Up move through the options,
   Enter picks one, Escape closes the list (or clears the text). A pick adds a row to the list
   of picked organisations, from the <template> the page provides. */
(function () {
  "use strict";
  // The page's language (Django's JavaScript catalogue, /jsi18n/, loaded beside this script and
  // looked up when a message is shown); English until it is there.
  function gettext(s) { return window.gettext ? window.gettext(s) : s; }
  function interpolate(fmt, obj) {
    if (window.interpolate) { return window.interpolate(fmt, obj, true); }
    return fmt.replace(/%\((\w+)\)s/g, function (_m, key) { return String(obj[key]); });
  }

  var DEBOUNCE_MS = 150;

  function Picker(root) {
    this.root = root;
    this.input = root.querySelector("[role=combobox]");
    this.listbox = document.getElementById(this.input.getAttribute("aria-controls"));
    this.list = document.getElementById(root.getAttribute("data-list"));
    this.template = document.getElementById(root.getAttribute("data-template"));
    this.status = document.getElementById(root.getAttribute("data-status"));
    this.url = root.getAttribute("data-search-url");
    this.name = root.getAttribute("data-picker-name");
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.requestId = 0;
    this.bind();
  }

  Picker.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.search(); }, DEBOUNCE_MS);
    });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep focus in the input
    });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        self.pick(self.options[Number(option.getAttribute("data-index"))]);
      }
    });
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove]");
      if (button) {
        self.remove(button.closest("li"));
      }
    });
  };

  Picker.prototype.picked = function () {
    var slugs = {};
    this.list.querySelectorAll("li[data-slug]").forEach(function (li) { slugs[li.getAttribute("data-slug")] = true; });
    return slugs;
  };

  Picker.prototype.search = function () {
    var self = this;
    var q = this.input.value.trim();
    if (!q) {
      this.close();
      return;
    }
    var id = ++this.requestId;
    fetch(this.url + "?q=" + encodeURIComponent(q), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        if (id !== self.requestId) {
          return; // a newer search is on its way
        }
        var picked = self.picked();
        self.render(data.results.filter(function (r) { return !picked[r.slug]; }));
      })
      .catch(function () { self.render([]); });
  };

  Picker.prototype.render = function (results) {
    var self = this;
    this.options = results;
    this.active = -1;
    this.listbox.textContent = "";
    this.input.removeAttribute("aria-activedescendant");
    if (!results.length) {
      var empty = document.createElement("li");
      empty.setAttribute("role", "option");
      empty.setAttribute("aria-disabled", "true");
      empty.setAttribute("aria-selected", "false");
      empty.id = this.listbox.id + "-none";
      empty.className = "muted";
      empty.textContent = this.root.getAttribute("data-empty") || gettext("No matching organisation");
      this.listbox.appendChild(empty);
    }
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-index", String(i));
      li.id = self.listbox.id + "-opt-" + i;
      var name = document.createElement("span");
      name.textContent = r.name + (r.acronym ? " (" + r.acronym + ")" : "");
      var sector = document.createElement("span");
      sector.className = "muted";
      sector.textContent = " · " + r.sector;
      li.appendChild(name);
      li.appendChild(sector);
      self.listbox.appendChild(li);
    });
    this.open();
    this.announce(this.text("results", "%(n)s results", { n: results.length }));
  };

  Picker.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Picker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Picker.prototype.setActive = function (index) {
    var items = this.listbox.querySelectorAll("[role=option][data-index]");
    if (!items.length) {
      return;
    }
    if (index < 0) { index = items.length - 1; }
    if (index >= items.length) { index = 0; }
    items.forEach(function (li) { li.setAttribute("aria-selected", "false"); });
    var item = items[index];
    item.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", item.id);
    item.scrollIntoView({ block: "nearest" });
    this.active = index;
  };

  Picker.prototype.onKey = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!this.isOpen()) {
          this.search();
        } else {
          this.setActive(this.active + 1);
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (this.isOpen()) {
          this.setActive(this.active - 1);
        }
        break;
      case "Enter":
        // Never submit the form from the search box: Enter picks.
        event.preventDefault();
        if (this.isOpen()) {
          var index = this.active >= 0 ? this.active : (this.options.length === 1 ? 0 : -1);
          if (index >= 0) {
            this.pick(this.options[index]);
          }
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Picker.prototype.pick = function (org) {
    if (!org || this.picked()[org.slug]) {
      this.close();
      return;
    }
    var row = this.template.content.firstElementChild.cloneNode(true);
    row.setAttribute("data-slug", org.slug);
    var set = function (selector, fn) { row.querySelectorAll(selector).forEach(fn); };
    set("[data-field=name]", function (el) { el.textContent = org.name; });
    set("[data-field=name-hidden]", function (el) { el.textContent = " (" + org.name + ")"; });
    set("[data-field=sector]", function (el) { el.textContent = org.sector; });
    set("[data-field=slug]", function (el) { el.value = org.slug; });
    set("[data-field=host]", function (el) { el.value = org.slug; el.checked = false; });
    set("[data-field=attendees]", function (el) { el.name = "attendees-" + org.slug; el.value = ""; });
    set("[data-remove]", function (el) {
      el.setAttribute("aria-label", (el.getAttribute("data-label-prefix") || gettext("Remove")) + " " + org.name);
    });
    this.list.appendChild(row);
    this.input.value = "";
    this.close();
    var count = this.list.querySelectorAll("li[data-slug]").length;
    this.announce(this.text("added", gettext("Added %(name)s. %(n)s picked."), { name: org.name, n: count }));
    this.input.focus();
  };

  Picker.prototype.remove = function (row) {
    var name = row.querySelector("[data-field=name]");
    row.parentNode.removeChild(row);
    this.announce(this.text("removed", gettext("Removed %(name)s."), { name: name ? name.textContent : "" }));
    this.input.focus();
  };

  // Translated messages come from data-* attributes rendered by the template.
  Picker.prototype.text = function (key, fallback, values) {
    var template = this.root.getAttribute("data-" + key) || fallback;
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] === undefined ? match : String(values[name]);
    });
  };

  Picker.prototype.announce = function (text) {
    if (this.status) {
      this.status.textContent = text;
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".combobox[data-search-url]").forEach(function (root) {
      root.picker = new Picker(root);
    });
  });
})();
