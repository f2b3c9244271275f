#!/usr/bin/env python3
"""The soak of issue 14 §2.4, driven from scripts/soak.sh (which prepares WORK: passes, keys).

Usage: soak.py WORK PASSNUM SECONDS KILLS

For SECONDS, one online partner redeems passes at a steady rate (and now and then replays one it
was already paid for), while two counters (`passnum scan --offline`, then `passnum sync`, the real
CLI) take passes offline, some of them also redeemed online or at the other counter. KILLS times,
evenly spaced, the service is killed with SIGKILL and started again. Every request whose answer
was lost is sent again until it has one. At the end the service's own settlement is checked
against this script's record of every 201 and every journal item: nothing acknowledged is lost,
no pass is accepted twice, and the settlement's total is the sum of the accepted values.
"""
import http.client, json, os, queue, random, signal, subprocess, sys, threading, time, urllib.request
from datetime import date, timedelta

RATE = float(os.environ.get("SOAK_RATE", "60"))   # online redemptions per second
WORKERS = 4
lock = threading.Lock()


class Service:
    """`passnum serve` in WORK, owned here so it can be killed and started again."""

    def __init__(self, work, passnum):
        self.work, self.passnum = work, passnum
        self.port = 20000 + random.randrange(20000)
        self.process = None
        self.kills = 0

    def start(self):
        log = open(os.path.join(self.work, "serve.log"), "a")
        env = {k: v for k, v in os.environ.items() if k not in ("PASSNUM_PASSPHRASE", "PASSNUM_ADMIN_KEY")}
        self.process = subprocess.Popen(
            [self.passnum, "serve", "--listen", f"127.0.0.1:{self.port}", "--db", "sqlite:spent.sqlite", "--log-level", "warning"],
            cwd=self.work, stdout=log, stderr=log, env=env)
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    sys.exit(f"soak: the service exited with {self.process.returncode}; see {self.work}/serve.log")
                time.sleep(0.05)
        sys.exit("soak: the service did not answer /healthz")

    def kill_and_restart(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.kills += 1
        self.start()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


class Record:
    """What the service told us: the ground truth the end is checked against."""

    def __init__(self):
        self.paid = {}            # (kid, serial) -> (partner, valueCents), as acknowledged to us
        self.acknowledged = 0     # 201s
        self.recovered = 0        # 409 redeemedByYou after a lost answer: paid all the same
        self.replays = 0          # passes sent again on purpose after their 201
        self.double = 0           # a pass acknowledged twice, or to two partners
        self.retries = 0          # requests sent again after a lost answer or a 503
        self.unexpected = []

    def accept(self, key, partner, value):
        with lock:
            if key in self.paid:
                self.double += 1
                print(f"soak: DOUBLE: {key} accepted for {partner} after {self.paid[key][0]}", file=sys.stderr)
            else:
                self.paid[key] = (partner, value)


def post(service, path, body, api_key, timeout=10):
    """One request; (status, json) or None when the answer was lost (killed service, reset)."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=timeout)
        connection.request("POST", path, body=json.dumps(body), headers={
            "Authorization": f"Bearer {api_key}", "Content-Type": "application/json"})
        response = connection.getresponse()
        status, data = response.status, response.read()
        connection.close()
        return status, json.loads(data or b"{}")
    except (OSError, http.client.HTTPException, json.JSONDecodeError):
        return None


def redeem(service, token, fields, api_key, record, replay=False):
    """Sends one pass until it has an answer that is not a lost one or a 503."""
    while True:
        answer = post(service, "/v1/redemptions", {"token": token}, api_key)
        if answer is None or answer[0] == 503:
            with lock:
                record.retries += 1
            time.sleep(0.05)
            continue
        status, body = answer
        key = (fields["kid"], fields["serial"])
        if status == 201:
            with lock:
                record.acknowledged += 1
            record.accept(key, "Online", body["valueCents"])
        elif status == 409 and body.get("redeemedByYou"):
            with lock:
                mine = record.paid.get(key, (None,))[0] == "Online"
                if replay:
                    record.replays += 1
                elif not mine:
                    record.recovered += 1
            if not mine:
                record.accept(key, "Online", fields["valueCents"])
        elif status == 409:
            pass  # taken first at a counter: its sync was first, so it is paid, not us
        else:
            with lock:
                record.unexpected.append((status, body))
        return


def online(service, tokens, fields, api_key, record, deadline):
    """WORKERS threads at RATE in all; one pass in 20 is a replay of one already paid."""
    work = queue.Queue()
    for token in tokens:
        work.put(token)
    done = []

    def worker():
        interval = WORKERS / RATE
        next_at = time.monotonic()
        while time.monotonic() < deadline:
            next_at += interval
            time.sleep(max(0, next_at - time.monotonic()))
            if done and random.random() < 0.05:
                token = random.choice(done)
                redeem(service, token, fields[token], api_key, record, replay=True)
                continue
            try:
                token = work.get_nowait()
            except queue.Empty:
                return
            redeem(service, token, fields[token], api_key, record)
            done.append(token)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    return threads


class Counter:
    """A partner's counter: its own folder, replica and journal, the real CLI."""

    def __init__(self, name, work, passnum, service):
        self.name, self.passnum, self.service = name, passnum, service
        self.folder = os.path.join(work, name)
        self.key_file = os.path.join(work, f"{name}.key")
        os.makedirs(self.folder)
        self.taken = {}  # token -> (kid, serial, valueCents): accepted into the journal
        self.syncs = self.failed_syncs = 0

    def run(self, *args, stdin=None):
        return subprocess.run([self.passnum, *args], cwd=self.folder, input=stdin, capture_output=True, text=True, timeout=120)

    def online_args(self):
        return ["--service", self.service.url, "--partner-key-file", self.key_file, "--timeout", "5"]

    def pull(self):
        while self.run("replica", "pull", *self.online_args()).returncode != 0:
            time.sleep(0.2)

    def scan(self, tokens):
        out = self.run("scan", "--offline", "--json", "--accept-stale-replica", stdin="".join(t + "\n" for t in tokens))
        for token, line in zip(tokens, [l for l in out.stdout.splitlines() if l.startswith("{")]):
            verdict = json.loads(line)
            if verdict.get("verdict") == "accepted":
                self.taken[token] = (verdict["kid"], verdict["serial"], verdict["valueCents"])

    def sync(self):
        ok = self.run("sync", *self.online_args()).returncode == 0
        self.syncs += 1
        self.failed_syncs += 0 if ok else 1
        return ok

    def loop(self, tokens, deadline):
        for start in range(0, len(tokens), 20):
            if time.monotonic() >= deadline:
                return
            self.scan(tokens[start:start + 20])
            self.sync()
            time.sleep(random.uniform(0.5, 1.5))

    def journal(self):
        out = self.run("journal", "--json")
        return [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]


def pass_fields(passnum, work, tokens):
    out = subprocess.run([passnum, "verify", "--json", "-"], cwd=work, input="\n".join(tokens) + "\n",
                         capture_output=True, text=True, check=False)
    fields = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    assert len(fields) == len(tokens) and all(f["valid"] for f in fields), "soak: the passes do not all verify"
    return dict(zip(tokens, fields))


def settlement(service, admin_key):
    today = date.today()
    query = f"from={today - timedelta(days=2)}&to={today + timedelta(days=2)}"
    request = urllib.request.Request(f"{service.url}/v1/settlement?{query}", headers={"Authorization": f"Bearer {admin_key}"})
    return json.loads(urllib.request.urlopen(request, timeout=30).read())


def main(work, passnum, seconds, kills):
    tokens = open(os.path.join(work, "tokens.txt")).read().split()
    fields = pass_fields(passnum, work, tokens)
    random.seed(14)
    random.shuffle(tokens)
    # Counters take 30 passes a second between them at most; a tenth of each counter's passes is
    # also redeemed online, and another tenth is at both counters.
    per_counter = int(seconds * 20) + 40
    a, b = tokens[:per_counter], tokens[per_counter:2 * per_counter]
    shared = a[: per_counter // 10]
    b[: len(shared)] = shared
    online_tokens = tokens[2 * per_counter:]
    online_tokens[:0] = a[per_counter // 10: per_counter // 5] + b[per_counter // 10: per_counter // 5]
    keys = {name: open(os.path.join(work, f"{name}.key")).read().strip() for name in ("Online", "admin")}

    service = Service(work, passnum)
    service.start()
    record = Record()
    counters = [Counter(name, work, passnum, service) for name in ("CounterA", "CounterB")]
    for counter in counters:
        counter.pull()
    start = time.monotonic()
    deadline = start + seconds
    threads = online(service, online_tokens, fields, keys["Online"], record, deadline)
    threads += [threading.Thread(target=c.loop, args=(t, deadline)) for c, t in zip(counters, (a, b))]
    for t in threads[WORKERS:]:
        t.start()
    for n in range(1, kills + 1):
        time.sleep(max(0, start + seconds * n / (kills + 1) - time.monotonic()))
        service.kill_and_restart()
        print(f"soak: SIGKILL {n} at {time.monotonic() - start:.0f} s; the service is back", file=sys.stderr)
    for t in threads:
        t.join()

    # The end: every counter syncs until its journal is settled, then the service's word is read.
    lost, pending = 0, 0
    for counter in counters:
        for _ in range(20):
            if counter.sync():
                break
            time.sleep(0.5)
        journal = {(i["kid"], i["serial"]): i for i in counter.journal()}
        for token, (kid, serial, value) in counter.taken.items():
            item = journal.get((kid, serial))
            if item is None:
                lost += 1
                print(f"soak: LOST from {counter.name}'s journal: {kid}/{serial}", file=sys.stderr)
            elif item["status"] == "accepted":
                record.accept((kid, serial), counter.name, value)
            elif item["status"] != "conflict":
                pending += 1
    report = settlement(service, keys["admin"])
    service.stop()

    served = {}
    doubled_in_service = 0
    for partner in report["partners"]:
        for p in partner["passes"]:
            key = (p["kid"], p["serial"])
            doubled_in_service += key in served
            served[key] = (partner["partner"], p["valueCents"])
    for key, (partner, value) in record.paid.items():
        if served.get(key) != (partner, value):
            lost += 1
            print(f"soak: LOST: {key} acknowledged to {partner}, the service says {served.get(key)}", file=sys.stderr)
    unexplained = [k for k in served if k not in record.paid]
    ours = sum(v for _, v in record.paid.values())
    offline_accepted = sum(1 for p, _ in record.paid.values() if p != "Online")
    conflicts = sum(len(c.taken) for c in counters) - offline_accepted
    double = record.double + doubled_in_service
    print(f"soak: {seconds} s, {kills} SIGKILLs survived (service restarted each time)")
    print(f"soak: online: {record.acknowledged} redemptions acknowledged (201), {record.recovered} paid after a lost answer "
          f"(409 yours), {record.replays} replays refused, {record.retries} requests sent again")
    print(f"soak: offline: {sum(len(c.taken) for c in counters)} journal items at 2 counters, {offline_accepted} accepted, "
          f"{conflicts} conflicts; {sum(c.syncs for c in counters)} syncs, {sum(c.failed_syncs for c in counters)} cut off")
    print(f"soak: settlement: {report['count']} passes, {report['totalCents'] / 100:.2f} €; "
          f"sum of accepted values: {ours / 100:.2f} €")
    print(f"soak: lost = {lost}, double-accepted = {double}, unsettled journal items = {pending}, "
          f"unexplained = {len(unexplained)}, unexpected answers = {len(record.unexpected)}")
    ok = (lost == 0 and double == 0 and pending == 0 and not unexplained and not record.unexpected
          and report["totalCents"] == ours == sum(v for _, v in served.values()) and report["count"] == len(served))
    if record.unexpected:
        print(f"soak: unexpected: {record.unexpected[:5]}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
