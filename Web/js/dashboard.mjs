// The programme's dashboard (admin): the service writes the page, figures and charts included,
// in the language the address asks for (?lang=fr|en). Here only the bar at the top (language,
// sign-out) and the language switch, which asks the service for the page again in the other
// language; the choice is the one every page keeps (words.mjs).

import { pageBar } from "./page.mjs";
import { applyWords, language } from "./words.mjs";

/** This address in `lang`, the period kept. */
function inLanguage(lang) {
  const url = new URL(location.href);
  url.searchParams.set("lang", lang);
  return url.pathname + url.search + url.hash;
}

if (document.documentElement.lang !== language()) {
  location.replace(inLanguage(language()));
} else {
  pageBar({ onLanguage: () => location.replace(inLanguage(language())) });
  document.getElementById("partner").setAttribute("data-t", "adminName");
  applyWords();
  document.body.dataset.ready = "true";
}
