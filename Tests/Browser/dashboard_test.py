"""The programme's dashboard in a real browser (issue 13 §6): Debian's Chromium, headless, driven by
Selenium, against a real `passnum serve` with a published batch, two offices that handed carnets
out, two partners that took passes (some with a kind of help) and the admin key, all made here by
the built binary and the service's routes. The page is refused before signing in; the admin signs
in and lands on it; the figures it shows are those of GET /v1/report; nothing is asked of another
origin and the console stays clean; the language switch, the period chooser and the downloads
work; it fits a 360 px phone (tables scroll in their boxes, not the page). Screenshots, the top
of the page and the whole of it, at phone and desktop width: dashboard-*.png.
Usage: dashboard_test.py PASSNUM WEB_FOLDER SCREENSHOT_FOLDER"""
import json
import os
import shutil
import time

from web_counter_test import DESKTOP, PHONE, SHOTS, Browser, Service, check, free_port, issued, run, run_scenarios

CARNET = 5
NNBSP, NBSP = "\u202f", "\u00a0"


def main():
    # Valid for three more weeks: the carnets handed out and not finished are to be reminded of.
    work, kid, tokens = issued("dashboard", 12, time.strftime("%Y-%m-%d", time.gmtime(time.time() + 21 * 86400)), "Métropole 2026")
    service = Service(work, free_port())
    service.start(init=True)
    db = ["--db", "sqlite:spent.sqlite"]
    run("batches", "publish", *db, cwd=work)
    keys = {
        "CCAS Nord": run("offices", "add", "--name", "CCAS Nord", *db, cwd=work).strip(),
        "CCAS Sud": run("offices", "add", "--name", "CCAS Sud", *db, cwd=work).strip(),
        "PiNG": run("partners", "add", "--name", "PiNG", *db, cwd=work).strip(),
        "Secours Numérique": run("partners", "add", "--name", "Secours Numérique", *db, cwd=work).strip(),
        "admin": run("admin-key", *db, cwd=work).strip().split()[-1],
    }
    programme(service, kid, tokens, keys)
    browser = Browser(os.devnull)
    run_scenarios(browser, service, "dashboard-failure", lambda: scenarios(service, browser, keys))
    print(f"dashboard: screenshots in {SHOTS}")
    shutil.rmtree(work, ignore_errors=True)


def programme(service, kid, tokens, keys):
    """Carnets 1-5 handed out by CCAS Nord, 6-9 by CCAS Sud, 10-12 not at all; passes used at both
    partners, some with the kind of help given, one of a carnet no office handed out."""
    def call(path, body, key):
        status, answer = service.request(path, "POST", body, headers={"Authorization": f"Bearer {key}"})
        check(status in (200, 201), f"POST {path} {body}: {status} {answer[:200]!r}")

    for carnet in range(1, 10):
        office = "CCAS Nord" if carnet <= 5 else "CCAS Sud"
        call("/v1/handouts", {"kid": kid, "first": 1 + CARNET * (carnet - 1), "count": CARNET}, keys[office])
    uses = {1: 5, 2: 3, 3: 1, 4: 2, 6: 5, 7: 4, 8: 1, 11: 1}  # carnet → passes used
    kinds = ["cv", "mailbox", "online_forms", None, "device_setup", "online_forms", None]
    used = 0
    for carnet, count in uses.items():
        for n in range(count):
            serial = 1 + CARNET * (carnet - 1) + n
            partner = "PiNG" if used % 3 else "Secours Numérique"
            call("/v1/redemptions", {"token": tokens[serial - 1]}, keys[partner])
            if kinds[used % len(kinds)]:
                call(f"/v1/redemptions/{kid}/{serial}/help", {"kind": kinds[used % len(kinds)]}, keys[partner])
            used += 1


def sign_in(browser, service, key):
    browser.open(service.url + "/")
    browser.find("#key").send_keys(key)
    browser.find("#signin button[type=submit]").click()
    browser.wait.until(lambda d: d.current_url.endswith("/admin"))
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    return next(c["value"] for c in browser.driver.get_cookies() if c["name"] == "passnum_session")


def table(browser, section):
    """A section's table as shown: the rows' cells' text (tbody, then tfoot)."""
    return browser.driver.execute_script("""
        return [...document.querySelectorAll(`#${arguments[0]} tbody tr, #${arguments[0]} tfoot tr`)]
            .map((tr) => [...tr.cells].map((td) => td.textContent));
    """, section)


def summed(report, field):
    """A month list's figures by name over every month of the report."""
    sums = {}
    for month in report["months"]:
        for figure in month[field]:
            sums[figure["name"]] = sums.get(figure["name"], 0) + figure["count"]
    return sums


def euros(cents):
    return f"{cents // 100}{NBSP}€" if cents % 100 == 0 else f"{cents // 100},{cents % 100:02d}{NBSP}€"


def scenarios(service, browser, keys):
    driver = browser.driver
    # Before signing in: refused as a page, with the way to sign in.
    driver.get(service.url + "/admin")
    check("Connexion nécessaire" in browser.text("#refused h1") and browser.find("#refused a").get_attribute("href").endswith("/?why=signedOut"),
          "the dashboard before signing in: refused in words, with a link to the sign-in page")
    browser.collect_console("signed-out")

    cookie = sign_in(browser, service, keys["admin"])
    status, body = service.request("/v1/report", headers={"Cookie": f"passnum_session={cookie}"})
    report = json.loads(body)
    check(status == 200 and report["total"]["passesUsed"] == 22, f"the admin session reads the report: {report['total']}")
    check(browser.text("h1") == "Tableau de bord du programme" and browser.text("#partner") == "Administration du programme",
          "the admin key lands on the dashboard, in French")
    same_figures(browser, report)

    # Nothing from elsewhere: every resource the page loaded is the service's; charts are inline SVG.
    resources = driver.execute_script("return performance.getEntriesByType('resource').map((e) => e.name)")
    check(resources and all(r.startswith(service.url + "/") for r in resources), f"every resource is the service's own: {resources}")
    # Six charts drawn by the service as SVG; the seventh, the time to first use, has nothing to
    # draw (every carnet here was used within a minute of its hand-over): its table says 0 days.
    check(len([s for s in driver.find_elements("css selector", ".chart-box svg") if s.is_displayed()]) == 6 and table(browser, "first-use")[0][3] == f"0{NBSP}j",
          "six charts, drawn by the service as SVG, and the time to first use in its table")

    # A 360 px phone: the page does not scroll sideways; wide tables scroll in their own box.
    driver.set_window_size(*PHONE)
    time.sleep(0.3)
    widths = driver.execute_script("""
        return { page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
                 svg: Math.max(...[...document.querySelectorAll('.chart-box svg')].map((s) => s.getBoundingClientRect().right)),
                 box: document.querySelector('#batches .scroll').clientWidth, table: document.querySelector('#batches table').scrollWidth };
    """)
    check(widths["page"] <= widths["view"] and widths["svg"] <= widths["view"], f"at 360 px nothing sticks out of the page: {widths}")
    check(widths["table"] > widths["box"], f"… the batches' table scrolls in its box: {widths}")
    shots(browser, "dashboard")

    # The language switch asks the service for the page in English, and back.
    browser.find("#lang").click()
    browser.wait.until(lambda d: "lang=en" in d.current_url and d.execute_script("return document.body.dataset.ready === 'true'"))
    check(browser.text("h1") == "Programme dashboard" and table(browser, "key-figures")[0][0] == "Passes printed", "English on the switch")
    shots(browser, "dashboard-en", full=False)
    browser.find("#lang").click()
    browser.wait.until(lambda d: "lang=fr" in d.current_url and d.execute_script("return document.body.dataset.ready === 'true'"))
    check(browser.text("h1") == "Tableau de bord du programme", "… and French again")

    # The period chooser: a month with nothing yet (the first of the batch's expiry's year).
    month = time.strftime("%Y-%m", time.gmtime(time.time() - 62 * 86400))
    driver.execute_script("document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[0];", month)
    browser.find(".period button[type=submit]").click()
    browser.wait.until(lambda d: f"to={month}" in d.current_url and d.execute_script("return document.body.dataset.ready === 'true'"))
    check("Chiffres à la fin de la période" in browser.text("#as-of") and table(browser, "key-figures")[0][1] == "0",
          f"a period before the batch: figures at its end, nothing printed yet ({browser.text('#as-of')})")

    # The downloads: the same report, as JSON and as CSV, for the session.
    browser.open(service.url + "/admin")
    for link, kind in (("#download-json", "application/json"), ("#download-csv", "text/csv")):
        href = browser.find(link).get_attribute("href")
        answer = driver.execute_async_script("""
            const [href, done] = arguments;
            fetch(href, { credentials: "same-origin" }).then(async (r) => done([r.status, r.headers.get("content-type"), await r.text()]));
        """, href)
        check(answer[0] == 200 and answer[1].startswith(kind) and ("passesPrinted" in answer[2] or "Rubrique" in answer[2]),
              f"{link} downloads the report ({answer[0]}, {answer[1]})")
    browser.collect_console("admin")
    errors = [(phase, e["message"]) for phase, e in browser.console if e["level"] == "SEVERE" and not expected(phase, e)]
    check(not errors, f"no console errors: {errors}")


def same_figures(browser, report):
    """The figures shown are the report's: key figures, by office, by partner, kinds of help,
    carnets to remind."""
    total = report["total"]
    shown = {row[0]: row[1] for row in table(browser, "key-figures")}
    for name, value in (("Pass imprimés", total["passesPrinted"]), ("Carnets remis aux personnes", total["carnetsHandedOut"]),
                        ("Carnets dont un pass a servi", total["carnetsFirstUsed"]), ("Carnets entièrement utilisés", total["carnetsAllUsed"]),
                        ("Pass utilisés", total["passesUsed"]), ("Pass expirés sans usage", total["passesExpiredUnused"])):
        check(shown.get(name) == str(value), f"key figure {name}: {shown.get(name)!r} shown, {value} in the report")
    offices = {row[0]: row for row in table(browser, "offices")}
    for office in report["offices"]:
        f = office["funnel"]
        row = offices.get(office["office"], [])
        check(row[1:3] + row[4:6] == [str(f["carnetsHandedOut"]), str(f["carnetsFirstUsed"]), str(f["carnetsAllUsed"]), str(f["passesUsed"])],
              f"office {office['office']}: {row} shown, {f} in the report")
    partners = {row[0]: row[1] for row in table(browser, "partners")[:-1]}
    check(table(browser, "partners")[-1][:2] == ["Total", str(total["passesUsed"])], "… and their total, the passes used")
    owed = {}
    for month in report["months"]:
        for figure in month["partners"]:
            owed[figure["name"]] = owed.get(figure["name"], 0) + figure["valueCents"]
    check(partners == {name: str(count) for name, count in summed(report, "partners").items()}, f"passes by partner: {partners}")
    check({row[0]: row[2] for row in table(browser, "partners")[:-1]} == {name: euros(cents) for name, cents in owed.items()},
          f"owed by partner: {owed}")
    kinds = {row[0]: row[1] for row in table(browser, "help")}
    words = {"cv": "CV", "mailbox": "Boîte mail", "online_forms": "Démarches en ligne", "device_setup": "Réglage d'un appareil", "none": "Non renseigné"}
    check(kinds == {words[name]: str(count) for name, count in summed(report, "helpKinds").items()}, f"kinds of help: {kinds}")
    reminded = sorted(row[1] for row in table(browser, "expiring"))
    expected_carnets = sorted(c["carnet"] for office in report["expiringSoon"] for c in office["carnets"])
    check(reminded == expected_carnets and reminded, f"carnets to remind: {reminded}")
    money = table(browser, "money")
    check(money[-1][2] == euros(report["months"][-1]["liabilityCents"]), f"outstanding at the month's end: {money[-1]}")


def shots(browser, name, full=True):
    """The top of the page at phone and desktop width, and (`full`) the whole page."""
    driver = browser.driver
    for label, (w, h) in (("phone", PHONE), ("desktop", DESKTOP)):
        driver.set_window_size(w, h)
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{label}.png"))
        if full:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(w, min(height + 140, 12000))
            time.sleep(0.3)
            driver.save_screenshot(os.path.join(SHOTS, f"{name}-{label}-full.png"))
    driver.set_window_size(*DESKTOP)


def expected(phase, entry):
    """Chromium logs every answer of 400 or more as a network error: the 401 of the dashboard
    before signing in is the refusal this test asks for (and the icon Chromium then asks for)."""
    message = entry["message"]
    return entry.get("source") == "network" and phase == "signed-out" and "status of 401" in message


if __name__ == "__main__":
    main()
