// Results as you type in the header search box. Progressive enhancement: without this script the
// box is a GET form to the /search results page. Every piece of text is set with textContent, so
// nothing a record holds can become markup (the page's Content-Security-Policy allows only
// same-origin script files, no inline script).
(() => {
  "use strict";

  const form = document.querySelector("form[data-search-box]");
  if (!form) {
    return;
  }
  const input = form.querySelector("input[type=search]");
  const popup = form.querySelector(".search-popup");
  const groups = [["lead", "Leads"], ["client", "Clients"], ["session", "Sessions"]];
  const debounceMs = 150;
  let timer = 0;
  let inFlight = null;
  let options = [];
  let active = -1;

  const close = () => {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const open = () => {
    popup.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const select = (index) => {
    options.forEach((o, i) => o.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const segments = (parent, parts) => {
    for (const part of parts) {
      if (part.match) {
        const mark = document.createElement("mark");
        mark.textContent = part.text;
        parent.append(mark);
      } else {
        parent.append(document.createTextNode(part.text));
      }
    }
  };

  const resultsPage = (q) => "/search?q=" + encodeURIComponent(q);

  const go = (option) => {
    window.location.assign(option.dataset.url || resultsPage(input.value));
  };

  const render = (answer) => {
    popup.replaceChildren();
    options = [];
    active = -1;
    if (answer.fuzzy && answer.suggestion) {
      const line = document.createElement("p");
      line.className = "search-suggestion";
      line.append("Did you mean ");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button-quiet";
      button.textContent = answer.suggestion;
      button.addEventListener("click", () => {
        input.value = answer.suggestion;
        input.focus();
        search();
      });
      line.append(button, "?");
      popup.append(line);
    }
    for (const [type, label] of groups) {
      const hits = answer.results.filter((h) => h.type === type);
      if (hits.length === 0) {
        continue;
      }
      const heading = document.createElement("p");
      heading.className = "search-group-label";
      heading.id = "search-group-" + type;
      heading.textContent = label;
      const group = document.createElement("div");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", heading.id);
      group.append(heading);
      for (const hit of hits) {
        const option = document.createElement("div");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.id = "search-option-" + options.length;
        option.dataset.type = hit.type;
        if (hit.url) {
          option.dataset.url = hit.url;
        }
        const title = document.createElement("div");
        title.className = "search-option-title";
        segments(title, hit.title);
        const snippet = document.createElement("p");
        snippet.className = "search-option-snippet";
        segments(snippet, hit.snippet);
        option.append(title, snippet);
        option.addEventListener("mousedown", (e) => {
          e.preventDefault();
          go(option);
        });
        options.push(option);
        group.append(option);
      }
      popup.append(group);
    }
    if (options.length === 0) {
      const empty = document.createElement("p");
      empty.className = "search-empty";
      empty.textContent = "Nothing found.";
      popup.append(empty);
    }
    const all = document.createElement("a");
    all.className = "search-all";
    all.href = resultsPage(input.value);
    all.textContent = "All results";
    popup.append(all);
    open();
  };

  const search = async () => {
    const q = input.value.trim();
    if (inFlight) {
      inFlight.abort();
    }
    if (q.length === 0) {
      close();
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    try {
      const response = await fetch("/api/v1/search?limit=8&q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) {
        close();
        return;
      }
      const answer = await response.json();
      if (inFlight === controller) {
        render(answer);
      }
    } catch (e) {
      if (e.name !== "AbortError") {
        close();
      }
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, debounceMs);
  });

  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (popup.hidden || options.length === 0) {
        return;
      }
      e.preventDefault();
      // Wraps around at both ends.
      const next = e.key === "ArrowDown" ? active + 1 : active - 1;
      select(next >= options.length ? 0 : next < 0 ? options.length - 1 : next);
    } else if (e.key === "Enter" && active >= 0 && !popup.hidden) {
      e.preventDefault();
      go(options[active]);
    } else if (e.key === "Escape" && !popup.hidden) {
      e.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", () => window.setTimeout(close, 150));
  input.addEventListener("focus", () => {
    if (options.length > 0 && input.value.trim().length > 0) {
      open();
    }
  });
})();
