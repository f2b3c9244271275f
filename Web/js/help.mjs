// The kind of help given (issue 13 §2), one tap after ACCEPTÉ: the programme's kinds as large
// buttons on the verdict, optional. A tap records it (desk.recordHelp: online at once, in the
// journal offline, sent later if the service does not answer) and says so; the verdict then
// goes. Nothing else about the visit is asked; the programme reports kinds as totals only.

import { SignedOut } from "./api.mjs";
import { programme, recordHelp } from "./desk.mjs";
import { leave } from "./page.mjs";
import { keepFor, verdictBox } from "./verdict.mjs";
import { helpLabel, say, t } from "./words.mjs";

/** Offers the programme's kinds of help on an ACCEPTÉ verdict (`verdict.ref` names the pass). */
export async function offerHelp(verdict) {
  const kinds = verdict.kind === "accepted" ? (await programme()).helpKinds ?? [] : [];
  if (!kinds.length) return;
  const choices = choicesBox();
  const row = Object.assign(document.createElement("div"), { className: "kinds" });
  for (const kind of kinds) {
    const button = Object.assign(document.createElement("button"), { type: "button" });
    say(button, () => helpLabel(kind));
    button.dataset.kind = kind;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => choose(verdict.ref, kind, button, choices));
    row.append(button);
  }
  choices.querySelector(".kinds").replaceWith(row);
  say(choices.querySelector(".said"), "");
  choices.hidden = false;
  keepFor(8000);  // time to choose; the next scan clears it anyway
}

/** The verdict's part for the choice: a question, the buttons, what the tap did. */
function choicesBox() {
  const box = verdictBox();
  let choices = box.querySelector(".choices");
  if (choices) return choices;
  choices = Object.assign(document.createElement("div"), { className: "choices" });
  choices.append(
    Object.assign(document.createElement("p"), { className: "question", textContent: t("helpQuestion") }),
    Object.assign(document.createElement("div"), { className: "kinds" }),
    Object.assign(document.createElement("p"), { className: "said" }),
  );
  choices.querySelector(".said").setAttribute("role", "status");
  choices.querySelector(".question").dataset.t = "helpQuestion";  // re-worded with the page
  box.insertBefore(choices, box.querySelector(".next"));
  return choices;
}

async function choose(ref, kind, button, choices) {
  for (const other of choices.querySelectorAll(".kinds button")) other.disabled = true;
  button.setAttribute("aria-pressed", "true");
  const said = choices.querySelector(".said");
  try {
    const outcome = await recordHelp(ref, kind);
    say(said, () => t(outcome === "recorded" ? "helpRecorded" : "helpKept", helpLabel(kind)));
  } catch (error) {
    if (error instanceof SignedOut) return leave(error);
    say(said, () => t("helpNotRecorded", error.message));
  }
  keepFor(2500);
}
