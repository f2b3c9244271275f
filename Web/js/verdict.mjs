// The verdict fills the screen: green ACCEPTÉ with the value, red REFUSÉ with the reason in
// plain words, and a sound (two rising notes, or one low buzz) made with WebAudio, so colour is
// never the only signal. Any key, a tap or 4 seconds clear it; the scan field keeps the focus.

import { t } from "./words.mjs";

let audio;
let timer;

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

/**
 * Shows a verdict. `kind`: "accepted" or "refused"; `word`: the big word; `detail`: value or
 * reason; `pass`: the printed pass number, if known.
 */
export function showVerdict(kind, word, detail, pass = "") {
  const box = document.getElementById("verdict");
  box.className = `verdict ${kind}`;
  box.querySelector(".word").textContent = word;
  box.querySelector(".detail").textContent = detail;
  box.querySelector(".pass").textContent = pass;
  box.querySelector(".next").textContent = t("next");
  box.hidden = false;
  box.dataset.shownAt = String(performance.now());
  tone(kind === "accepted");
  clearTimeout(timer);
  timer = setTimeout(hideVerdict, 4000);
}

export function hideVerdict() {
  document.getElementById("verdict").hidden = true;
}
