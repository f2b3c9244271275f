"""The web counter in a real browser (issue 12): Debian's Chromium, headless, driven by Selenium,
against a real `passnum serve` on a free loopback port, with keys, passes and partners made
here by the built binary. Each check raises on failure; the run prints what it measured and
where the screenshots are. Usage: web_counter_test.py PASSNUM WEB_FOLDER SCREENSHOT_FOLDER"""
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import fake_camera

PASSNUM, WEB, SHOTS = (os.path.abspath(p) for p in sys.argv[1:4])
PHONE, DESKTOP = (360, 740), (1280, 800)
AZERTY = "à&é\"'(-è_ç"  # the digits 0-9 typed on a French keyboard by a US-layout scanner


def run(*args, **kwargs):
    return subprocess.run([PASSNUM, *args], check=True, capture_output=True, text=True, **kwargs).stdout


class Service:
    """`passnum serve` in a folder of its own; stopped and started again on the same files."""

    def __init__(self, folder, port, root=None):
        self.folder, self.port, self.process, self.root = folder, port, None, root
        self.url = f"http://127.0.0.1:{port}"

    def start(self, init=False):
        args = [PASSNUM, "serve", "--listen", f"127.0.0.1:{self.port}", "--db", "sqlite:spent.sqlite", "--trust-list",
                "Keys/trustlist.json", "--web", WEB, "--log-level", "info"] + (["--init"] if init else []) + (["--trust-root", self.root] if self.root else [])
        self.log = open(os.path.join(self.folder, "serve.log"), "a")
        self.process = subprocess.Popen(args, cwd=self.folder, stdout=self.log, stderr=self.log)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise AssertionError("the service did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)

    def request(self, path, method="GET", body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def redemption_requests(self):
        """How many POST /v1/redemptions the service has seen, every outcome counted."""
        text = self.request("/metrics")[1].decode()
        return sum(float(v) for v in re.findall(r'^passnum_redemptions_total\{[^}]*\} (\S+)$', text, re.M))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def azerty(token):
    return "".join(AZERTY[int(c)] for c in token)


def tampered(token):
    digit = (int(token[120]) + 1) % 10
    return token[:120] + str(digit) + token[121:]


class Browser:
    def __init__(self, camera_file):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream",
                     "--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={camera_file}",
                     "--autoplay-policy=no-user-gesture-required", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=DriverService(shutil.which("chromedriver")), options=options)
        self.driver.set_page_load_timeout(20)
        self.wait = WebDriverWait(self.driver, 15)
        self.console = []

    def open(self, url):
        self.driver.get(url)
        self.wait.until(lambda d: d.execute_script("return document.body && document.body.dataset.ready === 'true'"))

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def text(self, css):
        return self.find(css).text

    def verdicts(self):
        return int(self.driver.execute_script("return Number(document.getElementById('verdict').dataset.count || 0)"))

    def scan(self, keys):
        """Types into the focused element, as a scanner does; returns the verdict shown."""
        before = self.verdicts()
        self.driver.switch_to.active_element.send_keys(keys)
        self.wait.until(lambda d: self.verdicts() > before)
        box = self.find("#verdict")
        return {
            "kind": box.get_attribute("class"), "word": self.text("#verdict .word"), "detail": self.text("#verdict .detail"),
            "ms": int(box.get_attribute("data-ms")), "focused": self.driver.switch_to.active_element.get_attribute("id"),
        }

    def switch_language(self):
        """Clicks the language button on the verdict (it covers the page's bar); returns the
        verdict's words right after, read in one go (the verdict goes by itself after a few seconds)."""
        self.find("#verdict .lang").click()
        return self.driver.execute_script("""
            const box = document.getElementById("verdict"), text = (css) => box.querySelector(css)?.textContent ?? "";
            return { shown: !box.hidden, word: text(".word"), detail: text(".detail"), next: text(".next"), question: text(".question"),
                     kinds: [...box.querySelectorAll(".choices button")].map((b) => b.textContent) };
        """)

    def help_kinds(self):
        """The kinds of help offered on the verdict, as shown (once they are)."""
        self.wait.until(lambda d: self.driver.find_elements(By.CSS_SELECTOR, "#verdict .choices button"))
        return [b.text for b in self.driver.find_elements(By.CSS_SELECTOR, "#verdict .choices button")]

    def choose_help(self, kind):
        """Taps a kind of help on the verdict; returns what the page then says."""
        self.help_kinds()
        self.find(f'#verdict .choices button[data-kind="{kind}"]').click()
        self.wait.until(lambda d: self.text("#verdict .choices .said"))
        return self.text("#verdict .choices .said")

    def replica_age(self, hours):
        """Makes the replica look pulled `hours` ago (IndexedDB, as the page keeps it)."""
        self.driver.execute_async_script("""
            const [hours, done] = arguments;
            const request = indexedDB.open("passnum-counter", 2);
            request.onsuccess = () => {
                const tx = request.result.transaction("meta", "readwrite");
                tx.objectStore("meta").put(Date.now() - hours * 3600 * 1000, "pulledAt");
                tx.oncomplete = () => { request.result.close(); done(); };
            };
        """, hours)

    def dismiss(self):
        """Escape clears the verdict (the keyboard way; a tap does it too)."""
        self.driver.switch_to.active_element.send_keys("\ue00c")
        self.wait.until(lambda d: not self.find("#verdict").is_displayed())

    def screenshots(self, name, showing=None):
        """Phone and desktop width; `showing` (an element id) is scrolled into view at each."""
        for label, (w, h) in (("phone", PHONE), ("desktop", DESKTOP)):
            self.driver.set_window_size(w, h)
            time.sleep(0.2)
            if showing:
                self.driver.execute_script(f"document.getElementById('{showing}').scrollIntoView({{ block: 'center' }})")
            path = os.path.join(SHOTS, f"{name}-{label}.png")
            self.driver.save_screenshot(path)
        self.driver.set_window_size(*DESKTOP)

    def collect_console(self, phase):
        for entry in self.driver.get_log("browser"):
            self.console.append((phase, entry))


def run_scenarios(browser, service, failure_name, scenarios):
    """Runs the scenarios; on a failure, leaves a screenshot and says what the page and its
    console showed; stops the browser and the service in any case."""
    try:
        scenarios()
    except Exception:
        browser.driver.save_screenshot(os.path.join(SHOTS, f"{failure_name}.png"))
        print("browser console:", [e["message"] for e in browser.driver.get_log("browser")], file=sys.stderr)
        print("page:", browser.driver.current_url, browser.driver.find_element(By.TAG_NAME, "body").text[:800], file=sys.stderr)
        raise
    finally:
        browser.driver.quit()
        service.stop()


def issued(name, carnets, expires, label):
    """A folder of its own for a browser test, with a new issuing key and `carnets` carnets of
    10 € passes valid until `expires` (YYYY-MM-DD) issued in it: (folder, kid, tokens)."""
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix=f"passnum-{name}-")
    os.environ.update(PASSNUM_PASSPHRASE=f"{name} test passphrase", PASSNUM_LANG="en")
    kid = run("keys", "generate", "--issuer", "Ville de test", "--dir", "Keys", cwd=work).strip()
    run("issue", "--key", f"Keys/{kid}.secret", "--carnets", str(carnets), "--value", "10.00", "--expires", expires,
        "--label", label, "--out", "tokens.txt", cwd=work)
    return work, kid, open(os.path.join(work, "tokens.txt")).read().split()


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok: {message}")


ROLES = {"partner": 1, "office": 2, "admin": 3}


def session_cookie(key_text, expires, secret_file, role="partner"):
    """A session cookie made the way the service makes one (Session.swift): role, key hash and
    expiry, MACed; for the expiry and forged-role tests."""
    secret = base64.urlsafe_b64decode(open(secret_file).read().strip() + "==")
    key_hash = hashlib.blake2b(b"passnum-api-key:v1\n" + key_text.encode(), digest_size=32).digest()
    message = bytes([ROLES[role]]) + key_hash + int(expires).to_bytes(8, "big")
    mac = hmac.new(secret, message, hashlib.sha512).digest()[:32]
    return base64.urlsafe_b64encode(message + mac).decode().rstrip("=")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="passnum-web-")
    env = dict(os.environ, PASSNUM_PASSPHRASE="web counter test passphrase", PASSNUM_LANG="en")
    os.environ.update(env)
    kid = run("keys", "generate", "--issuer", "Ville de test", "--dir", "Keys", cwd=work).strip()
    run("issue", "--key", f"Keys/{kid}.secret", "--carnets", "2", "--value", "10.00", "--expires",
        time.strftime("%Y-12-31", time.gmtime(time.time() + 366 * 86400)), "--label", "CCAS test", "--out", "tokens.txt", cwd=work)
    tokens = open(os.path.join(work, "tokens.txt")).read().split()
    run("print", "--tokens", "tokens.txt", "--png", "passes", "--dpi", "200", cwd=work)
    camera_png = sorted(os.listdir(os.path.join(work, "passes")))[2]  # the third pass: tokens[2]
    camera_file = os.path.join(work, "camera.y4m")
    fake_camera.write_y4m(os.path.join(work, "passes", camera_png), camera_file)

    # The programme's root key signs the list; the service pins it (--trust-root), and the page
    # pins it at its first pull. Its fingerprint as the CLI prints it, for the partner letter.
    root_kid = run("keys", "generate", "--root", "--dir", "Root", "--unencrypted", cwd=work).strip()
    run("trustlist", "sign", "--root-key", f"Root/root-{root_kid}.secret", cwd=work)
    said = run("trustlist", "verify", "--trust-root", f"Root/root-{root_kid}.pub", cwd=work)
    fingerprint = re.search(r"fingerprint ([0-9a-f]{4}(?: [0-9a-f]{4}){7})", said).group(1)
    service = Service(work, free_port(), f"Root/root-{root_kid}.pub")
    service.fingerprint, service.first_root = fingerprint, service.root
    service.start(init=True)
    ping = run("partners", "add", "--name", "PiNG", "--db", "sqlite:spent.sqlite", cwd=work).strip()
    other = run("partners", "add", "--name", "Secours", "--db", "sqlite:spent.sqlite", cwd=work).strip()
    browser = Browser(camera_file)
    times = {"online": [], "offline": []}
    run_scenarios(browser, service, "failure", lambda: scenarios(service, browser, tokens, ping, other, work, times))
    print(f"web counter: scan to verdict on screen, online: {times['online']} ms; offline: {times['offline']} ms")
    print(f"web counter: screenshots in {SHOTS}")
    shutil.rmtree(work, ignore_errors=True)


def scenarios(service, browser, tokens, ping, other, work, times):
    # Pages: types, CSP, caching.
    for path, kind in (("/", "text/html"), ("/counter", "text/html"), ("/style.css", "text/css"), ("/js/counter.mjs", "text/javascript")):
        with urllib.request.urlopen(service.url + path) as answer:
            check(answer.headers["Content-Type"].startswith(kind), f"{path} is served as {kind}")
            csp = answer.headers["Content-Security-Policy"]
            check("script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, f"{path} has a strict CSP")
            check(answer.headers["Cache-Control"] == "no-cache" and answer.headers["ETag"], f"{path} is revalidated by ETag")

    # No cookie, a forged one: refused by the service.
    check(service.request("/v1/session")[0] == 401, "no session cookie: 401")
    forged = "A" * 96
    check(service.request("/v1/session", headers={"Cookie": f"passnum_session={forged}"})[0] == 401, "a forged session cookie: 401")
    wrong_key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    with open(os.path.join(work, "wrong.secret"), "w") as f:
        f.write(wrong_key)
    signed_elsewhere = session_cookie(ping, time.time() + 3600, os.path.join(work, "wrong.secret"))
    status, _ = service.request("/v1/redemptions", "POST", {"token": tokens[9]}, headers={"Cookie": f"passnum_session={signed_elsewhere}"})
    check(status == 401, "a session cookie signed with another key cannot redeem: 401")

    # Sign in: the page shows the root key's fingerprint, the one the CLI printed for the letter.
    driver = browser.driver
    browser.open(service.url + "/")
    check(service.fingerprint in browser.text("#root") and "lettre de partenaire" in browser.text("#root"),
          f"the sign-in page shows the root key's fingerprint to compare with the partner letter: {browser.text('#root')}")
    browser.find("#key").send_keys(ping)
    browser.find("#signin button[type=submit]").click()
    browser.wait.until(lambda d: d.current_url.endswith("/counter"))
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    cookie = next(c for c in driver.get_cookies() if c["name"] == "passnum_session")
    check(cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie.get("expiry"), "the session cookie is HttpOnly, SameSite=Strict, with an expiry")
    stored = driver.execute_script("return JSON.stringify(Object.assign({}, localStorage, sessionStorage))")
    check(ping not in stored and "pnk_" not in stored, "the partner key is not kept in the page's storage")
    check(browser.text("#partner") == "PiNG" and "En ligne" in browser.text("#net"), "the counter opens in French, signed in as PiNG, online")
    check(driver.switch_to.active_element.get_attribute("id") == "scan", "the scan field has the focus")
    check(service.fingerprint in browser.text("#trust") and "retenue" in browser.text("#trust"),
          f"the first pull pins the root key and says so: {browser.text('#trust')}")

    # A USB scanner on AZERTY, no Enter: accepted; the same pass again (with Enter): refused.
    browser.driver.set_window_size(*PHONE)
    verdict = browser.scan(azerty(tokens[0]))
    times["online"].append(verdict["ms"])
    check(verdict["kind"] == "verdict accepted" and verdict["word"] == "ACCEPTÉ" and "10,00 €" in verdict["detail"],
          f"an AZERTY scan without Enter is ACCEPTÉ with its value ({verdict['ms']} ms)")
    check(verdict["focused"] == "scan", "the scan field has the focus again after the verdict")
    kinds = browser.help_kinds()
    check(kinds == ["Boîte mail", "CV", "Démarches en ligne", "Réglage d'un appareil", "Autre"],
          f"ACCEPTÉ offers the programme's kinds of help, in French: {kinds}")
    shown = browser.switch_language()  # the verdict on screen follows the language, its choices too
    check(shown["shown"] and shown["word"] == "ACCEPTED" and shown["detail"] == "€10.00" and shown["next"] == "Scan the next pass"
          and shown["question"] == "Help given (optional):" and shown["kinds"][:3] == ["Mailbox", "CV", "Online forms"],
          f"switched to English, the ACCEPTÉ on screen is re-worded: {shown}")
    browser.screenshots("accepted-english")
    shown = browser.switch_language()
    check(shown["shown"] and shown["word"] == "ACCEPTÉ" and shown["kinds"][0] == "Boîte mail", f"and back in French: {shown}")
    browser.screenshots("accepted")
    said = browser.choose_help("cv")
    check(said == "Aide enregistrée : CV", f"one tap records the kind of help online: {said}")
    check(driver.switch_to.active_element.get_attribute("id") == "scan", "after the tap the scan field has the focus")
    check(recorded_help(work, tokens[0]) == "cv", "the service keeps it with the redemption")
    browser.screenshots("help-recorded")
    verdict = browser.scan(tokens[0] + "\n")
    times["online"].append(verdict["ms"])
    check(verdict["word"] == "REFUSÉ" and "déjà utilisé" in verdict["detail"], f"the same pass again is REFUSÉ: {verdict['detail']}")
    browser.screenshots("refused")
    check("Aujourd'hui : 1 pass" in browser.text("#tally"), f"the day's tally counts it: {browser.text('#tally')}")

    # A tampered pass: refused in the page, without any request to the service.
    before = service.redemption_requests()
    verdict = browser.scan(tampered(tokens[1]) + "\n")
    check(verdict["word"] == "REFUSÉ" and "signature invalide" in verdict["detail"], f"a tampered pass is REFUSÉ: {verdict['detail']}")
    # English is available; the REFUSÉ on screen turns English at once, its reason too.
    shown = browser.switch_language()
    check(shown["shown"] and shown["word"] == "REFUSED" and shown["detail"].startswith("invalid signature"), f"the REFUSÉ on screen turns English: {shown}")
    check(service.redemption_requests() == before, "… without any redemption request reaching the service")
    browser.dismiss()
    verdict = browser.scan(tokens[0] + "\n")
    check(verdict["word"] == "REFUSED" and "already used" in verdict["detail"], "in English: REFUSED, already used")
    shown = browser.switch_language()  # back to French: the same verdict, its time as Paris writes it
    check(shown["shown"] and shown["word"] == "REFUSÉ" and re.fullmatch(r"déjà utilisé (ici )?le \d\d/\d\d/\d{4} \d\d:\d\d", shown["detail"]),
          f"back to French, the verdict with its time re-worded: {shown}")
    browser.dismiss()

    # Two more passes, for the time from scan to verdict.
    for token in tokens[6:8]:
        verdict = browser.scan(azerty(token) + "\n")
        times["online"].append(verdict["ms"])
        check(verdict["word"] == "ACCEPTÉ", f"another pass ACCEPTÉ ({verdict['ms']} ms)")
    browser.dismiss()

    # Typed pass number: a look-up, never a redemption.
    before = service.redemption_requests()
    info = pass_info(tokens[1], work)
    serial, series = info["serial"], str(int(info["kid"], 16) % 1000).zfill(3)
    browser.find("#number").send_keys(f"{series}{serial:06d}")  # check digit missing: refused
    browser.find("#lookup button").click()
    browser.wait.until(lambda d: browser.text("#lookup-result"))
    check("pas un pass valide" in browser.text("#lookup-result"), "a typed number with a wrong check digit is refused")
    printed = [f for f in sorted(os.listdir(os.path.join(work, "passes")))][1]  # pass-SSS-NNNNNN-C.png
    s, n, c = printed[5:-4].split("-")
    field = browser.find("#number")
    field.clear()
    field.send_keys(f"{s} {n[:3]} {n[3:]}-{c}")
    browser.find("#lookup button").click()
    browser.wait.until(lambda d: "pas encore utilisé" in browser.text("#lookup-result"))
    check(service.redemption_requests() == before, f"the typed number is looked up, not redeemed: {browser.text('#lookup-result')}")

    # The camera: a printed pass shown to the (fake) camera is read by zbar on the service.
    seen = browser.verdicts()
    browser.find("#camera").click()
    browser.wait.until(lambda d: browser.verdicts() > seen)
    check(browser.text("#verdict .word") == "ACCEPTÉ", "a pass shown to the camera is read and ACCEPTÉ")
    browser.dismiss()
    browser.find("#camera").click()
    browser.collect_console("online")

    # The other partner redeems a pass of its own.
    status, _ = service.request("/v1/redemptions", "POST", {"token": tokens[8]}, headers={"Authorization": f"Bearer {other}"})
    check(status == 201, "the other partner redeems a pass")

    # The partner's view: exactly its own redemptions.
    browser.open(service.url + "/partner")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#passes tr")]
    check(len(rows) == 4, f"the partner view lists PiNG's four redemptions: {rows}")
    other_number = pass_number(tokens[8], work)
    check(not any(other_number in r for r in rows), "… and nothing of the other partner's")
    check("Total : 4 pass" in browser.text("#total") and "40,00" in browser.text("#total"), browser.text("#total"))
    helps = {r.find_element(By.CSS_SELECTOR, "td").text: r.find_element(By.CSS_SELECTOR, "td.help").text
             for r in driver.find_elements(By.CSS_SELECTOR, "#passes tr")}
    first = pass_number(tokens[0], work)
    check(helps.get(first) == "CV" and all(h == "—" for n, h in helps.items() if n != first),
          f"the kind of help recorded with a pass is shown with it, none elsewhere: {helps}")
    browser.screenshots("partner-view")
    cookie_header = {"Cookie": f"passnum_session={cookie['value']}"}
    status, body = service.request(browser.find("#csv").get_attribute("href").replace(service.url, ""), headers=cookie_header)
    lines = body.decode("utf-8-sig").strip().split("\n")
    check(status == 200 and len(lines) == 5 and "Secours" not in body.decode(), f"the CSV download has PiNG's four lines only: {lines}")
    status, pdf = service.request(browser.find("#pdf").get_attribute("href").replace(service.url, ""), headers=cookie_header)
    with open(os.path.join(work, "statement.pdf"), "wb") as f:
        f.write(pdf)
    words = subprocess.run(["pdftotext", "-layout", os.path.join(work, "statement.pdf"), "-"], capture_output=True, text=True).stdout
    check(status == 200 and pdf.startswith(b"%PDF") and "PiNG" in words and pass_number(tokens[0], work) in words
          and other_number not in words and "40,00" in words, "the PDF statement (passnum statement's layout) lists PiNG's passes and total")
    browser.collect_console("partner")

    # Offline: the service is stopped; the page reloads from the service worker; three passes
    # are accepted and journalled; meanwhile another partner redeems one of them.
    browser.open(service.url + "/counter")
    browser.wait.until(lambda d: "Copie hors ligne" in browser.text("#replica"))
    service.stop()
    driver.refresh()
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    browser.wait.until(lambda d: "Hors ligne" in browser.text("#net"))
    check(True, "the counter reloads without the service (service worker)")
    for token in tokens[3:6]:
        verdict = browser.scan(azerty(token) + "\n")
        times["offline"].append(verdict["ms"])
        check(verdict["word"] == "ACCEPTÉ (hors ligne)", f"offline: ACCEPTÉ (hors ligne) ({verdict['ms']} ms)")
        if token in (tokens[3], tokens[5]):
            said = browser.choose_help("online_forms")
            check(said == "Aide notée : Démarches en ligne (envoyée à la synchronisation)", f"offline, the kind is kept for the sync: {said}")
    verdict = browser.scan(tokens[0] + "\n")
    check(verdict["word"] == "REFUSÉ", f"offline: a pass spent before the cut is REFUSÉ from the replica: {verdict['detail']}")
    check("3 pass accepté(s) hors ligne" in browser.text("#pending"), browser.text("#pending"))
    # The replica's age, as the CLI's rules: warned after 24 h, not used after 72 h.
    browser.replica_age(hours=30)
    driver.refresh()
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    check("Attention" in browser.text("#replica") and "30 h" in browser.text("#replica"), f"a 30-hour-old replica is warned about: {browser.text('#replica')}")
    browser.replica_age(hours=80)
    verdict = browser.scan(tokens[9] + "\n")
    check(verdict["word"] == "REFUSÉ" and "trop ancienne" in verdict["detail"], f"an 80-hour-old replica is not used: {verdict['detail']}")
    browser.dismiss()
    browser.collect_console("offline")
    service.start()
    status, _ = service.request("/v1/redemptions", "POST", {"token": tokens[5]}, headers={"Authorization": f"Bearer {other}"})
    check(status == 201, "meanwhile the other partner redeems one of the journalled passes")
    # The tab is closed and the counter opened in a new one: the journal is in IndexedDB, and
    # the page sends it when it starts.
    old = driver.current_window_handle
    driver.switch_to.new_window("tab")
    new = driver.current_window_handle
    driver.switch_to.window(old)
    driver.close()
    driver.switch_to.window(new)
    driver.get(service.url + "/counter")
    browser.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#settled li")) == 3)
    settled = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#settled li")]
    accepted = [s for s in settled if "accepté" in s]
    conflicts = [s for s in settled if "CONFLIT" in s]
    check(len(accepted) == 2 and len(conflicts) == 1 and pass_number(tokens[5], work) in conflicts[0], f"after sync: two accepted, one conflict: {settled}")
    check("Aujourd'hui : 6 pass, 60,00 €" in browser.text("#tally"), f"the tally takes the conflict back: {browser.text('#tally')}")
    check(recorded_help(work, tokens[3]) == "online_forms", "the kind chosen offline reached the service with the sync")
    check(recorded_help(work, tokens[5]) is None, "… and none is recorded for the pass that ended a conflict")
    browser.screenshots("synced")
    browser.collect_console("sync")
    receipts_file(service, browser, [tokens[i] for i in (0, 2, 3, 4, 6, 7)], work)

    errors = [(phase, e["message"]) for phase, e in browser.console if e["level"] == "SEVERE" and not expected(phase, e)]
    check(not errors, f"no console errors: {errors}")

    another_root(service, browser, tokens, work)

    # Sign-out, then an expired session is said in words.
    browser.dismiss()
    browser.find("#signout").click()
    browser.wait.until(lambda d: "déconnecté" in browser.text("#message"))
    check(not [c for c in driver.get_cookies() if c["name"] == "passnum_session"], "sign-out clears the browser's cookie")
    expired = session_cookie(ping, time.time() - 60, os.path.join(work, "session.secret"))
    status, body = service.request("/v1/session", headers={"Cookie": f"passnum_session={expired}"})
    check(status == 401 and json.loads(body)["error"] == "session_expired", "an expired session: 401 session_expired")
    driver.add_cookie({"name": "passnum_session", "value": expired, "path": "/", "httpOnly": True, "sameSite": "Strict"})
    driver.get(service.url + "/counter")
    browser.wait.until(lambda d: "expiré" in browser.text("#message"))
    check(True, f"the page says so: {browser.text('#message')}")


def another_root(service, browser, tokens, work):
    """The service's files replaced by someone without the programme's root key: a forger's
    issuer key in the list, signed by a root of their own, which the service now pins. The page
    refuses that list and keeps the previous one: a genuine pass is still ACCEPTÉ, the forger's
    pass is REFUSÉ as from an unknown key (SPEC.md §14.3)."""
    service.stop()
    other = run("keys", "generate", "--root", "--dir", "Other", "--unencrypted", cwd=work).strip()
    forger = run("keys", "generate", "--issuer", "Faussaire", "--dir", "Keys", cwd=work).strip()
    run("issue", "--key", f"Keys/{forger}.secret", "--carnets", "1", "--value", "10.00", "--expires",
        time.strftime("%Y-12-31", time.gmtime(time.time() + 366 * 86400)), "--out", "forged.txt", cwd=work)
    forged = open(os.path.join(work, "forged.txt")).read().split()[0]
    run("trustlist", "sign", "--root-key", f"Other/root-{other}.secret", "--force", cwd=work)
    service.root = f"Other/root-{other}.pub"
    service.start()
    driver = browser.driver
    driver.get(service.url + "/counter")
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    browser.wait.until(lambda d: "refusée" in browser.text("#trust"))
    check("autre clé racine" in browser.text("#trust") and "précédente reste en vigueur" in browser.text("#trust")
          and "alarm" in browser.find("#trust").get_attribute("class"),
          f"a list signed by another root is refused, the previous one kept, in words: {browser.text('#trust')}")
    browser.screenshots("trust-refused")
    verdict = browser.scan(forged + "\n")
    check(verdict["word"] == "REFUSÉ" and "clé inconnue" in verdict["detail"],
          f"the forger's pass is REFUSÉ by the previous list: {verdict['detail']}")
    browser.dismiss()
    verdict = browser.scan(azerty(tokens[1]) + "\n")
    check(verdict["word"] == "ACCEPTÉ", "the page keeps working with the previous list: a genuine pass is ACCEPTÉ")
    browser.dismiss()
    browser.open(service.url + "/?why=signedOut")
    check("autre clé racine" in browser.text("#root") and "alarm" in browser.find("#root").get_attribute("class"),
          f"the sign-in page warns that the service names another root key: {browser.text('#root')}")

    # The programme's root signs a newer list again (the first issuer key revoked): the page,
    # whose scans have loaded the list in force, takes it at its next pull (the "online" event
    # starts one) and uses it at once, without a reload.
    browser.open(service.url + "/counter")
    browser.scan(forged + "\n")
    browser.dismiss()
    kid = pass_info(tokens[9], work)["kid"]
    service.stop()
    run("keys", "revoke", kid, cwd=work)
    run("trustlist", "sign", "--root-key", service.first_root[:-4] + ".secret", "--force", cwd=work)
    service.root = service.first_root
    service.start()
    driver.execute_script("window.dispatchEvent(new Event('online'))")
    browser.wait.until(lambda d: "signée par la clé racine" in browser.text("#trust"))
    check(True, f"a newer list the programme's root signed is taken: {browser.text('#trust')}")
    before = service.redemption_requests()
    verdict = browser.scan(tokens[9] + "\n")
    check(verdict["word"] == "REFUSÉ" and "révoquée" in verdict["detail"] and service.redemption_requests() == before,
          f"… and used by the next scan without a reload: a pass of the revoked key is REFUSÉ in the page: {verdict['detail']}")
    browser.dismiss()


def receipts_file(service, browser, redeemed, work):
    """The partner view's "Télécharger mes reçus": a file of every receipt the browser holds,
    one a line, made offline, that `passnum audit --receipts` takes on a copy of the service's list."""
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    browser.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    browser.open(service.url + "/partner")
    check(browser.text("#receipts-file") == "Télécharger mes reçus", "the partner view has the receipts button, in French")
    browser.screenshots("partner-receipts", showing="receipts-file")
    browser.collect_console("receipts")
    # Offline: the service is stopped and the page reloads from the service worker.
    service.stop()
    browser.driver.refresh()
    browser.wait.until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    browser.find("#receipts-file").click()
    browser.wait.until(lambda d: [f for f in os.listdir(downloads) if f.endswith(".txt")])
    name = os.listdir(downloads)[0]
    check(re.fullmatch(r"recus-PiNG-\d{4}-\d\d-\d\d\.txt", name) and name in browser.text("#receipts-said"),
          f"offline, the button saves a file named with the partner and the day, and the page says so: {browser.text('#receipts-said')}")
    browser.collect_console("offline")
    service.start()
    path = os.path.join(downloads, name)
    lines = open(path).read().splitlines()
    proven = [json.loads(run("receipt", "verify", "--json", "--key", "receipt.pub", line, cwd=work)) for line in lines]
    passes = sorted((p["kid"], p["serial"]) for p in proven)
    wanted = sorted((i["kid"], i["serial"]) for i in (pass_info(t, work) for t in redeemed))
    check(all(line.startswith("pnr2.") for line in lines) and passes == wanted and all(p["partner"] == "PiNG" for p in proven),
          f"it holds one genuine receipt for each of PiNG's {len(wanted)} passes (online and synced), nothing else: {len(lines)} lines")
    copy = os.path.join(work, "copie.sqlite")
    with sqlite3.connect(os.path.join(work, "spent.sqlite")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    audit = subprocess.run([PASSNUM, "audit", "--db", f"sqlite:{copy}", "--trust-list", "Keys/trustlist.json", "--receipts", path,
                            "--receipt-key", "receipt.pub"], cwd=work, capture_output=True, text=True)
    audited = audit.returncode == 0 and f"partners' receipts checked: {len(lines)}\n" in audit.stdout and "findings: none" in audit.stdout
    check(audited, "passnum audit --receipts checks the file's receipts on a copy of the list: exit 0, no finding"
          + ("" if audited else f"\n{audit.stdout}{audit.stderr}"))
    browser.find("#lang").click()
    browser.wait.until(lambda d: browser.text("#receipts-file") == "Download my receipts")
    check(True, "the button in English: Download my receipts")
    browser.find("#lang").click()
    browser.wait.until(lambda d: browser.text("#receipts-file") == "Télécharger mes reçus")


def expected(phase, entry):
    """Chromium logs every answer of 400 or more, and every refused connection, as an error of
    source "network": those the contract gives on purpose (409 already used) and the refused
    connections of the deliberate outage are expected; any script error is not."""
    if entry.get("source") != "network":
        return False
    message = entry["message"]
    return "status of 409" in message or (phase == "offline" and "ERR_CONNECTION_REFUSED" in message)


def recorded_help(work, token):
    """The kind of help the service keeps with a pass's redemption (None for none)."""
    info = pass_info(token, work)
    with sqlite3.connect(f"file:{os.path.join(work, 'spent.sqlite')}?mode=ro", uri=True) as database:
        row = database.execute("SELECT help_kind FROM redemptions WHERE kid = ? AND serial = ?", (info["kid"], info["serial"])).fetchone()
    return row[0] if row else None


def pass_info(token, work):
    return json.loads(run("verify", "--json", "--trust-list", "Keys/trustlist.json", token, cwd=work))


def pass_number(token, work):
    info = pass_info(token, work)
    return printed_number(info["kid"], info["serial"])


def printed_number(kid, serial):
    """The printed number of (kid, serial), SPEC.md §11."""
    series = str(int(kid, 16) % 1000).zfill(3)
    serial_digits = str(serial).zfill(6)
    groups = [serial_digits[max(0, i - 3):i] for i in range(len(serial_digits), 0, -3)][::-1]
    return f"{series} {' '.join(groups)}-{damm(series + serial_digits)}"


def damm(digits):
    table = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978", "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]
    interim = 0
    for d in digits:
        interim = int(table[interim][int(d)])
    return interim


if __name__ == "__main__":
    main()
