// Drag and drop on the pipeline board (docs/workflow.md). Progressive enhancement: each card
// already has a keyboard-accessible move form (a select of its allowed next stages and a Move
// button, with its antiforgery token); dropping a card on another stage's column only fills that
// form's select with the column's stage and submits it. So the server decides, as for the
// keyboard: the state machine refuses a forbidden move and the board shows the server's message.
(() => {
  "use strict";

  const board = document.querySelector(".pipeline");
  if (!board) {
    return;
  }
  const columns = Array.from(board.querySelectorAll(".pipeline-column[data-stage]"));
  let dragged = null;

  const stageOf = (element) => element.closest(".pipeline-column")?.dataset.stage;
  const allowedStages = (card) =>
    Array.from(card.querySelectorAll("select[name=stage] option")).map((option) => option.value);

  const clearMarks = () => {
    for (const column of columns) {
      column.classList.remove("drop-allowed", "drop-target");
    }
  };

  for (const card of board.querySelectorAll("li.card[data-lead]")) {
    if (!card.querySelector("form select[name=stage]")) {
      continue; // no move form: a final stage, nothing to drag to
    }
    card.draggable = true;
    card.addEventListener("dragstart", (event) => {
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.lead);
      card.classList.add("dragging");
      const allowed = allowedStages(card);
      for (const column of columns) {
        column.classList.toggle("drop-allowed", allowed.includes(column.dataset.stage));
      }
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("dragging");
      dragged = null;
      clearMarks();
    });
  }

  for (const column of columns) {
    column.addEventListener("dragover", (event) => {
      if (!dragged || stageOf(dragged) === column.dataset.stage) {
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", (event) => {
      if (!column.contains(event.relatedTarget)) {
        column.classList.remove("drop-target");
      }
    });
    column.addEventListener("drop", (event) => {
      event.preventDefault();
      const card = dragged;
      const stage = column.dataset.stage;
      clearMarks();
      if (!card || stageOf(card) === stage) {
        return;
      }
      const form = card.querySelector("form");
      const select = form.querySelector("select[name=stage]");
      if (!allowedStages(card).includes(stage)) {
        // Not one of the lead's next stages: still ask the server, which refuses it and says why.
        const option = document.createElement("option");
        option.value = stage;
        option.textContent = stage;
        select.append(option);
      }
      select.value = stage;
      form.requestSubmit();
    });
  }
})();
