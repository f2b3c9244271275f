// The scanning controls of the counter and of the hand-over page, made here once: the scan
// field, its help line, the camera button and its video. The field keeps the focus, so a USB
// scanner's keystrokes always land in it, and a scan ends with Enter, with a whole code's
// length, or with a pause (for scanners that send no Enter).

import { t } from "./words.mjs";

const BLANKS = /[\s\u00a0\u202f]/g;
const PAUSE_MS = 600;

/**
 * Wires `input` as the scan field. `onScan(text)` gets each whole scan; `onKey()` runs on every
 * keystroke but the Enter that ends a scan (a new scan clears the last verdict). `whole`: the
 * length of a whole code, sent at once, or `quietMs` later when a longer code (a pass) may
 * start the same way. `typeIn`: where the person types (the focus is never taken from it);
 * `mayFocus`: controls that may keep the focus (keyboard use) while a scanner's keystrokes
 * still go to the field.
 */
export function scanField(input, { onScan, onKey = () => {}, whole, quietMs = 0, typeIn = null, mayFocus = null }) {
  let pause;
  const submit = () => {
    clearTimeout(pause);
    const text = input.value;
    input.value = "";
    if (text.trim()) onScan(text);
  };
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return onKey();
    event.preventDefault();
    submit();
  });
  input.addEventListener("input", () => {
    clearTimeout(pause);
    const length = input.value.replace(BLANKS, "").length;
    if (length >= whole && !quietMs) submit();
    else pause = setTimeout(submit, length >= whole ? quietMs : PAUSE_MS);
  });
  const inside = (element, selector) => selector && element?.closest?.(selector);
  const holds = (element) => element === input || inside(element, typeIn) || inside(element, mayFocus);
  // After a click anywhere but the typing place, the field takes the focus back at once (the
  // click's own handlers have run), so the next keystroke of a scanner lands in it.
  document.addEventListener("click", (event) => {
    if (!inside(event.target, typeIn)) input.focus();
  });
  // A scanner typing while a control has the focus: the keystroke goes to the field.
  document.addEventListener("keydown", (event) => {
    if (event.key.length === 1 && event.key !== " " && !event.ctrlKey && !event.metaKey && !event.altKey
        && document.activeElement !== input && !inside(document.activeElement, typeIn)) input.focus();
  });
  setInterval(() => {
    if (!holds(document.activeElement)) input.focus();
  }, 500);
  input.focus();
}

/**
 * Fills `<section class="scan" data-label="KEY">` with the field (#scan, labelled by the words
 * KEY), the help line, the camera button (#camera), its error line and video; returns them.
 */
export function scanSection(section) {
  const make = (tag, attributes, text = "") => {
    const element = Object.assign(document.createElement(tag), text ? { textContent: text } : {});
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    section.append(element);
    return element;
  };
  make("label", { for: "scan", "data-t": section.dataset.label }, t(section.dataset.label));
  const input = make("input", { id: "scan", autocomplete: "off", spellcheck: "false", inputmode: "none" });
  make("p", { class: "help", "data-t": "scanHelp" }, t("scanHelp"));
  const camera = make("button", { type: "button", id: "camera", "data-t": "camera" }, t("camera"));
  const error = make("p", { id: "camera-error", role: "alert" });
  const video = make("video", { id: "video", hidden: "", playsinline: "", muted: "" });
  video.muted = true;
  return { input, camera, error, video };
}
