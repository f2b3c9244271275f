"""Sessions for every role and the office's hand-over page, in a real browser (issue 13): Debian's
Chromium, headless, driven by Selenium, against a real `passnum serve` with carnets, offices, a
partner and the admin key made here by the built binary. An office signs in and records
hand-overs by scanning stubs (a USB scanner on AZERTY, and the camera fed a printed stub); each
page refuses the other roles' sessions in words; forged and wrong-role cookies are refused by
the service. Usage: roles_test.py PASSNUM WEB_FOLDER SCREENSHOT_FOLDER"""
import os
import shutil
import sqlite3
import subprocess
import time

from selenium.webdriver.common.by import By

import fake_camera
from web_counter_test import (SHOTS, Browser, Service, azerty, check, damm, free_port, issued, printed_number, run, run_scenarios,
                              session_cookie)

CARNET = 5  # passes per carnet


def stub_code(kid, first, count=CARNET):
    """The carnet's stub code, SPEC.md §15: "9" ‖ kid (10 digits) ‖ first serial (15) ‖ count ‖ Damm."""
    body = "9" + str(int(kid, 16)).zfill(10) + str(first).zfill(15) + str(count)
    return body + str(damm(body))


def stub_camera(work):
    """A fake camera showing the first carnet's stub code, cut from its printed page."""
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "200", "-gray", "-singlefile", "-x", "1000", "-y", "0",
                    "-W", "654", "-H", "354", os.path.join(work, "carnets.pdf"), os.path.join(work, "stub")], check=True)
    camera_file = os.path.join(work, "stub.y4m")
    fake_camera.write_y4m(os.path.join(work, "stub.pgm"), camera_file)
    return camera_file


def main():
    work, kid, tokens = issued("roles", 4, time.strftime("%Y-12-31", time.gmtime(time.time() + 366 * 86400)), "CCAS test")
    run("print", "--tokens", "tokens.txt", "--out", "carnets.pdf", cwd=work)
    service = Service(work, free_port())
    service.start(init=True)
    db = ["--db", "sqlite:spent.sqlite"]
    keys = {
        "office": run("offices", "add", "--name", "CCAS Nord", *db, cwd=work).strip(),
        "partner": run("partners", "add", "--name", "PiNG", *db, cwd=work).strip(),
        "admin": run("admin-key", *db, cwd=work).strip().split()[-1],
    }
    run("programme", "set", "require-handout", "on", *db, cwd=work)  # passes of carnets not handed out are refused
    browser = Browser(stub_camera(work))
    run_scenarios(browser, service, "roles-failure", lambda: scenarios(service, browser, kid, tokens, keys, work))
    print(f"roles and hand-over: screenshots in {SHOTS}")
    shutil.rmtree(work, ignore_errors=True)


def sign_in(browser, service, key, lands_on):
    browser.open(service.url + "/")
    browser.find("#key").send_keys(key)
    browser.find("#signin button[type=submit]").click()
    browser.wait.until(lambda d: d.current_url.endswith(lands_on))
    return next(c["value"] for c in browser.driver.get_cookies() if c["name"] == "passnum_session")


def sign_out(browser):
    browser.find("#signout").click()
    browser.wait.until(lambda d: "déconnecté" in browser.text("#message"))


def wrong_role(browser, service, path, page_for, signed_in_as, go_to):
    browser.open(service.url + path)
    box = browser.text("#wrong-role")
    link = browser.find("#wrong-role a")
    check(page_for in box and signed_in_as in box and link.get_attribute("href").endswith(go_to),
          f"{path} refuses this role in words and links to {go_to}: {box!r}")
    check(not browser.driver.find_elements(By.ID, "scan") and not browser.driver.find_elements(By.ID, "passes"),
          f"… and shows nothing of {path} itself")


def scenarios(service, browser, kid, tokens, keys, work):
    driver = browser.driver
    carnet = {n: 1 + CARNET * (n - 1) for n in (1, 2, 3, 4)}  # each carnet's first serial
    status, _ = service.request("/v1/revocations", "POST", {"kid": kid, "first": carnet[3], "last": carnet[3] + CARNET - 1, "reason": "volé"},
                                headers={"Authorization": f"Bearer {keys['admin']}"})
    check(status == 201, "carnet 3 is cancelled (stolen)")

    # The office signs in and lands on the hand-over page.
    office_cookie = sign_in(browser, service, keys["office"], "/handout")
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    check(browser.text("h1") == "Remise des carnets" and browser.text("#partner") == "CCAS Nord", "an office key opens the hand-over page, in French")
    fields = driver.execute_script("return [...document.querySelectorAll('input, textarea, select')].map(e => e.id)")
    check(fields == ["scan"], f"nothing is asked about the person: the scan field is the page's only field ({fields})")
    check("Rien n'est demandé ni enregistré sur la personne" in browser.text(".privacy"), "the page says nothing about the person is recorded")
    check(driver.switch_to.active_element.get_attribute("id") == "scan", "the scan field has the focus")

    # A USB scanner on AZERTY, no Enter: recorded; again: already handed out; a cancelled carnet.
    driver.set_window_size(360, 740)
    verdict = browser.scan(azerty(stub_code(kid, carnet[2])))
    number = printed_number(kid, carnet[2])
    check(verdict["word"] == "REMIS" and "Carnet de 5 pass, remis le" in verdict["detail"] and verdict["kind"] == "verdict accepted",
          f"an AZERTY stub scan without Enter is REMIS: {verdict['detail']}")
    check(number in browser.text("#verdict .pass"), f"… with the carnet's number {number}")
    check(verdict["focused"] == "scan", "the scan field has the focus again")
    browser.screenshots("handout-recorded")
    verdict = browser.scan(stub_code(kid, carnet[2]) + "\n")
    check(verdict["word"] == "DÉJÀ REMIS" and "par CCAS Nord" in verdict["detail"] and verdict["kind"] == "verdict warning",
          f"the same stub again: DÉJÀ REMIS, when and where: {verdict['detail']}")
    browser.screenshots("handout-already")
    verdict = browser.scan(stub_code(kid, carnet[3]) + "\n")
    check(verdict["word"] == "CARNET ANNULÉ" and "Ne le remettez pas" in verdict["detail"] and verdict["kind"] == "verdict refused",
          f"a cancelled carnet: CARNET ANNULÉ, do not hand it out: {verdict['detail']}")
    browser.screenshots("handout-cancelled")
    verdict = browser.scan(tokens[0] + "\n")
    check(verdict["word"] == "NON ENREGISTRÉ" and "C'est un pass, pas le talon" in verdict["detail"], f"a pass scanned by mistake: {verdict['detail']}")
    good = stub_code(kid, carnet[4])
    verdict = browser.scan(good[:-1] + str((int(good[-1]) + 1) % 10) + "\n")
    check(verdict["word"] == "NON ENREGISTRÉ" and "illisible" in verdict["detail"], f"a misread stub (check digit): {verdict['detail']}")
    browser.dismiss()

    # The camera: the printed stub of carnet 1 is read (zbar on the service) and recorded.
    seen = browser.verdicts()
    browser.find("#camera").click()
    browser.wait.until(lambda d: browser.verdicts() > seen)
    check(browser.text("#verdict .word") == "REMIS" and printed_number(kid, carnet[1]) in browser.text("#verdict .pass"),
          "the printed stub shown to the camera is read and REMIS")
    browser.dismiss()
    browser.find("#camera").click()
    browser.screenshots("handout-page")
    recent = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#recent li")]
    check("Aujourd'hui : 2 carnet(s) remis ici" in browser.text("#today") and len(recent) == 4, f"today's count and the last scans: {recent}")
    with sqlite3.connect(f"file:{os.path.join(work, 'spent.sqlite')}?mode=ro", uri=True) as database:
        database.row_factory = sqlite3.Row
        rows = [dict(r) for r in database.execute("SELECT * FROM handouts ORDER BY first_serial")]
    check([r["first_serial"] for r in rows] == [carnet[1], carnet[2]], f"the service recorded carnets 1 and 2: {rows}")
    check(set(rows[0]) == {"kid", "first_serial", "last_serial", "office_id", "handed_out_at_ms", "recorded_at_ms", "feed_seq"},
          f"a hand-over row holds a carnet, an office and times, nothing about a person: {sorted(rows[0])}")

    # The office's session opens the hand-over route only.
    cookie = {"Cookie": f"passnum_session={office_cookie}"}
    check(service.request("/v1/redemptions", "POST", {"token": tokens[10]}, headers=cookie)[0] == 403, "an office session cannot redeem a pass: 403")
    check(service.request("/v1/settlement?from=2026-01-01&to=2027-01-01", headers=cookie)[0] == 403, "… nor read the settlement: 403")
    wrong_role(browser, service, "/counter", "associations partenaires", "bureau : CCAS Nord", "/handout")
    browser.screenshots("wrong-role")
    wrong_role(browser, service, "/partner", "associations partenaires", "bureau : CCAS Nord", "/handout")
    browser.collect_console("office")
    sign_out(browser)

    # A partner: the counter; with the programme's require-handout on, a pass of a carnet handed
    # out above is accepted and one of a carnet never handed out refused, online by the service
    # and offline from the browser's replica, which carries the hand-overs.
    partner_cookie = sign_in(browser, service, keys["partner"], "/counter")
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    unsigned_warning(browser)
    verdict = browser.scan(tokens[carnet[2] - 1] + "\n")
    check(verdict["word"] == "ACCEPTÉ", f"a pass of a carnet handed out is ACCEPTÉ: {verdict['detail']}")
    verdict = browser.scan(tokens[carnet[4] - 1] + "\n")
    check(verdict["word"] == "REFUSÉ" and "pas encore remis" in verdict["detail"], f"one of a carnet never handed out is REFUSÉ: {verdict['detail']}")
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    verdict = browser.scan(tokens[carnet[2]] + "\n")
    check(verdict["word"] == "ACCEPTÉ (hors ligne)", f"offline, another pass of the carnet handed out is ACCEPTÉ (hors ligne): {verdict['detail']}")
    verdict = browser.scan(tokens[carnet[4]] + "\n")
    check(verdict["word"] == "REFUSÉ" and "pas encore remis" in verdict["detail"], f"offline, the carnet never handed out is REFUSÉ: {verdict['detail']}")
    driver.delete_network_conditions()
    browser.dismiss()
    cookie = {"Cookie": f"passnum_session={partner_cookie}"}
    check(service.request("/v1/handouts", "POST", {"kid": kid, "first": carnet[4], "count": CARNET}, headers=cookie)[0] == 403,
          "a partner session cannot record a hand-over: 403")
    wrong_role(browser, service, "/handout", "bureaux qui remettent les carnets", "partenaire : PiNG", "/counter")
    browser.collect_console("partner")
    sign_out(browser)

    # The admin key signs in for the dashboard; the counter and hand-over pages are not its own.
    admin_cookie = sign_in(browser, service, keys["admin"], "/admin")
    cookie = {"Cookie": f"passnum_session={admin_cookie}"}
    check(service.request("/v1/settlement?from=2026-01-01&to=2027-01-01", headers=cookie)[0] == 200, "an admin session reads the settlement")
    check(service.request("/v1/redemptions", "POST", {"token": tokens[11]}, headers=cookie)[0] == 403, "an admin session cannot redeem: 403")
    check(service.request("/v1/handouts", "POST", {"kid": kid, "first": carnet[4], "count": CARNET}, headers=cookie)[0] == 403,
          "… nor record a hand-over: 403")
    wrong_role(browser, service, "/counter", "associations partenaires", "clé d'administration", "/admin")
    wrong_role(browser, service, "/handout", "bureaux qui remettent les carnets", "clé d'administration", "/admin")
    browser.collect_console("admin")

    # Forged cookies: a role byte changed, a role the key does not hold, another service's key.
    secret = os.path.join(work, "session.secret")
    later = time.time() + 3600
    forged = {
        "a partner's key with the admin role": session_cookie(keys["partner"], later, secret, role="admin"),
        "an office's key with the partner role": session_cookie(keys["office"], later, secret, role="partner"),
        "the admin key with the office role": session_cookie(keys["admin"], later, secret, role="office"),
    }
    genuine = session_cookie(keys["partner"], later, secret)
    check(service.request("/v1/session", headers={"Cookie": f"passnum_session={genuine}"})[0] == 200, "a cookie made as the service makes one is read (the test's maker is right)")
    for what, value in forged.items():
        check(service.request("/v1/session", headers={"Cookie": f"passnum_session={value}"})[0] == 401, f"{what}: 401")
    driver.delete_all_cookies()
    driver.add_cookie({"name": "passnum_session", "value": forged["a partner's key with the admin role"], "path": "/", "httpOnly": True, "sameSite": "Strict"})
    driver.get(service.url + "/handout")
    browser.wait.until(lambda d: "déconnecté" in browser.text("#message"))
    check(True, "a forged cookie on the hand-over page sends to the sign-in page")

    errors = [(phase, e["message"]) for phase, e in browser.console if e["level"] == "SEVERE" and not expected(phase, e)]
    check(not errors, f"no console errors: {errors}")


def unsigned_warning(browser):
    """The demo set-up (this service pins no root key, its list is unsigned): the counter says, in
    the orange words of a warning, that it checks passes against a list nobody signed. The wait is
    the browser's (15 s)."""
    browser.wait.until(lambda d: browser.text("#trust") != "")
    trust = browser.find("#trust")
    check("Attention" in trust.text and "n'est pas signée" in trust.text and "pas de clé racine" in trust.text,
          f"without a root key the counter warns that the trust list is not signed: {trust.text!r}")
    colour = browser.driver.execute_script("return getComputedStyle(arguments[0]).color", trust)
    check(trust.is_displayed() and trust.get_attribute("class") == "warn" and colour == "rgb(138, 90, 0)",
          f"… visibly, as a warning (class {trust.get_attribute('class')!r}, colour {colour})")
    browser.screenshots("trust-unsigned")


def expected(phase, entry):
    """Chromium logs every answer of 400 or more as a network error: the 422 of the cancelled
    carnet (and of a pass not handed out) is the contract's, as are the partner's requests while the
    network is cut on purpose."""
    message = entry["message"]
    return entry.get("source") == "network" and ("status of 422" in message or (phase == "partner" and "ERR_INTERNET_DISCONNECTED" in message))


if __name__ == "__main__":
    main()
