// The verdict fills the screen: green ACCEPTÉ with the value, red REFUSÉ with the reason in
// plain words (amber for a warning, as a carnet already handed out), and a sound (two rising
// notes, or one low buzz) made with WebAudio, so colour is never the only signal. Any key, a
// tap or a few seconds clear it; the scan field keeps the focus.

import { say, t } from "./words.mjs";

let audio;
let timer;
let shown = 0;

function tone(accepted) {
  try {
    audio ??= new AudioContext();
    const notes = accepted ? [[880, 0], [1320, 0.12]] : [[220, 0], [220, 0.25]];
    for (const [frequency, start] of notes) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = accepted ? "sine" : "square";
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect(audio.destination);
      const at = audio.currentTime + start;
      oscillator.start(at);
      oscillator.stop(at + (accepted ? 0.12 : 0.2));
    }
  } catch {
    // No sound device: the words and the colour still say it.
  }
}

/** The full-screen box the verdicts are shown in (#verdict), made once at the end of the page. */
export function verdictBox() {
  let box = document.getElementById("verdict");
  if (box) return box;
  box = Object.assign(document.createElement("div"), { id: "verdict", className: "verdict", hidden: true });
  box.setAttribute("role", "alert");
  box.setAttribute("aria-live", "assertive");
  for (const part of ["word", "detail", "pass", "next"]) box.append(Object.assign(document.createElement("p"), { className: part }));
  box.append(languageButton());
  document.body.append(box);
  return box;
}

/**
 * The verdict covers the page's bar, so it has its own language button: the person served may
 * read the other language, and the verdict is re-worded at once (the bar's button does it).
 */
function languageButton() {
  const button = Object.assign(document.createElement("button"), { type: "button", className: "quiet lang", textContent: t("language") });
  button.dataset.t = "language";
  button.addEventListener("click", () => document.getElementById("lang")?.click());
  return button;
}

/**
 * Shows a verdict. `kind`: "accepted", "warning" or "refused"; `word`: the big word; `detail`:
 * value or reason; `pass`: the printed pass (or carnet) number, if known; `next`: the key of
 * the words for what to do next; `stayMs`: how long it stays unless cleared. `word` and `detail`
 * are functions giving the words in the current language (or fixed text): a verdict on screen
 * is re-worded when the language is switched.
 */
export function showVerdict(kind, word, detail, pass = "", { next = "next", stayMs = 4000 } = {}) {
  const box = verdictBox();
  box.className = `verdict ${kind}`;
  say(box.querySelector(".word"), word);
  say(box.querySelector(".detail"), detail);
  box.querySelector(".pass").textContent = pass;
  box.querySelector(".next").dataset.t = next;
  box.querySelector(".next").textContent = t(next);
  const choices = box.querySelector(".choices");
  if (choices) choices.hidden = true;
  box.hidden = false;
  box.dataset.shownAt = String(performance.now());
  tone(kind === "accepted");
  keepFor(stayMs);
}

/** The verdict stays `ms` from now (a choice made on it gives the person time to read). */
export function keepFor(ms) {
  clearTimeout(timer);
  timer = setTimeout(hideVerdict, ms);
}

/** Marks the verdict painted `started` (performance.now()) after the scan: the tests read it. */
export function markShown(started) {
  requestAnimationFrame(() => {
    const box = document.getElementById("verdict");
    box.dataset.ms = String(Math.round(performance.now() - started));
    box.dataset.count = String(++shown);
  });
}

export function hideVerdict() {
  const box = document.getElementById("verdict");
  if (box) box.hidden = true;
}

/** Makes the verdict box; a tap outside the controls, or Escape, clears the verdict. */
export function dismissVerdicts() {
  verdictBox();
  document.addEventListener("click", (event) => {
    if (!event.target.closest("button, a, input, select, form")) hideVerdict();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideVerdict();
  });
}
