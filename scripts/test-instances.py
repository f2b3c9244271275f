#!/usr/bin/env python3
"""Several `passnum serve` on one PostgreSQL (issue 10 §3 and §4), end to end with the built
binary. Run by scripts/test-postgres-instances.sh under scripts/with-postgres.sh, which provide
PASSNUM_TEST_POSTGRES, PGPASSWORD and PASSNUM_TEST_PGCTL. Standard library only.

Checks: three instances, 1,000 concurrent redemptions of 100 passes spread over them: exactly
100 accepted, the rest 409, settlement totals match; two offline journals of one pass through
two instances: one accepted, one conflict; a partner disabled is refused by every instance
within PartnerCache.lifetime (1 s); PostgreSQL restarted under load: only 503 while it is away,
201 again by itself afterwards, every 201 in the database; SIGKILL of one instance under load:
the others go on, every 201 in the database; an unreachable database at start: a clear error
and a non-zero exit. Costs about 40 s."""
import concurrent.futures as futures, datetime, json, os, signal, socket, subprocess, sys, threading, time, urllib.request, urllib.error, uuid

passnum = os.path.abspath(sys.argv[1])
work = sys.argv[2]
server_url = os.environ["PASSNUM_TEST_POSTGRES"]
pgctl = os.environ["PASSNUM_TEST_PGCTL"]
os.chdir(work)
failures = []
checks = 0


def check(condition, what):
    global checks
    checks += 1
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def run(*args, **kw):
    return subprocess.run([passnum, *args], capture_output=True, text=True, **kw)


def psql(db, sql):
    url = db.replace("postgres://", "postgresql://")
    return subprocess.run(["psql", url, "-tA", "-c", sql], capture_output=True, text=True, check=True).stdout.split()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def request(port, path, key, body=None, timeout=20):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method="POST" if data else "GET")
    req.add_header("Authorization", f"Bearer {key}")
    if data:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout) as e:
        return 0, {"error": str(e)}


class Instance:
    def __init__(self, db, init=False):
        self.port = free_port()
        self.log = open(f"serve-{self.port}.log", "w")
        args = ["serve", "--listen", f"127.0.0.1:{self.port}", "--db", db, "--log-level", "warning"] + (["--init"] if init else [])
        self.process = subprocess.Popen([passnum, *args], stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit(f"serve exited: {open(self.log.name).read()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1):
                    return
            except Exception:
                time.sleep(0.1)
        raise SystemExit("serve did not start")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def new_database():
    name = "i_" + uuid.uuid4().hex
    psql(server_url, f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


def load(instances, tokens, key, stop_event, results):
    """Redeems each token once, round robin over the instances, 32 at a time, until stop."""
    def one(index):
        if stop_event.is_set():
            return
        instance = instances[index % len(instances)]
        status, body = request(instance.port, "/v1/redemptions", key, {"token": tokens[index]}, timeout=30)
        results.append((tokens[index], status, body, time.monotonic()))
    with futures.ThreadPoolExecutor(32) as pool:
        list(pool.map(one, range(len(tokens))))


# Keys, passes, partners.
subprocess.run([passnum, "keys", "generate", "--issuer", "Instances", "--dir", "Keys", "--unencrypted"], check=True, capture_output=True)
key_file = next(f for f in os.listdir("Keys") if f.endswith(".secret"))
expires = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
subprocess.run([passnum, "issue", "--key", f"Keys/{key_file}", "--carnets", "1000", "--per-carnet", "10", "--value", "10",
                "--expires", expires, "--out", "tokens.txt"], check=True, capture_output=True)
tokens = open("tokens.txt").read().split()
db = new_database()
keys = {}
for name in ["PiNG", "Secours", "Later"]:
    out = run("partners", "add", "--name", name, "--db", db)
    keys[name] = out.stdout.split()[-1] if out.returncode == 0 else None
check(all(keys.values()), "three partners added on PostgreSQL")

# Unreachable database at start.
out = run("serve", "--listen", f"127.0.0.1:{free_port()}", "--db", "postgres://passnum@127.0.0.1:1/passnum", timeout=60)
check(out.returncode != 0 and "cannot connect to the spent list postgres://passnum@127.0.0.1:1/passnum" in out.stderr,
      f"an unreachable database at start: exit {out.returncode}, a clear error")

instances = [Instance(db, init=True)] + [Instance(db) for _ in range(2)]

# 1,000 concurrent redemptions of 100 passes over three instances.
hundred = tokens[:100]
def redeem(i):
    return request(instances[i % 3].port, "/v1/redemptions", keys["PiNG"], {"token": hundred[i % 100]})
with futures.ThreadPoolExecutor(64) as pool:
    answers = list(pool.map(redeem, range(1000)))
statuses = [s for s, _ in answers]
check(statuses.count(201) == 100, f"exactly 100 of 1,000 redemptions accepted (201: {statuses.count(201)})")
check(statuses.count(409) == 900, f"the other 900 refused as already spent (409: {statuses.count(409)}, others: {sorted(set(statuses) - {201, 409})})")
month = datetime.datetime.now(datetime.timezone.utc).astimezone().strftime("%Y-%m")
out = run("settlement", "--month", month, "--db", db, "--json")
settlement = json.loads(out.stdout) if out.returncode == 0 else {}
check(settlement.get("count") == 100 and settlement.get("totalCents") == 100 * 1000,
      f"settlement from PostgreSQL: {settlement.get('count')} passes, {settlement.get('totalCents')} cents")

# Two offline journals of one pass, through two instances.
scanned = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
item = {"items": [{"token": tokens[100], "scannedAt": scanned}]}
first = request(instances[0].port, "/v1/offline-redemptions", keys["PiNG"], item)
second = request(instances[1].port, "/v1/offline-redemptions", keys["Secours"], item)
check(first[0] == 200 and second[0] == 200 and first[1].get("accepted") == 1 and second[1].get("conflicts") == 1,
      f"two journals through two instances: one accepted, one conflict ({first[1].get('accepted')}, {second[1].get('conflicts')})")
out = run("conflicts", "--month", month, "--db", db, "--json")
check(out.returncode == 0 and len(json.loads(out.stdout).get("conflicts", [])) == 1, "the conflict is listed from PostgreSQL")

# A partner disabled (on the shared database) is refused by every instance within 1 s.
for instance in instances:
    request(instance.port, "/v1/passes/00000000/1", keys["Later"])  # each instance now caches it
run("partners", "disable", "Later", "--db", db)
time.sleep(1.2)
refused = [request(i.port, "/v1/redemptions", keys["Later"], {"token": tokens[101]})[0] for i in instances]
check(refused == [401, 401, 401], f"a disabled partner is refused by all three instances 1.2 s later ({refused})")

# PostgreSQL restarted under load.
results, stop_event = [], threading.Event()
loader = threading.Thread(target=load, args=(instances, tokens[200:3200], keys["PiNG"], stop_event, results))
loader.start()
time.sleep(2)
subprocess.run([pgctl, "stop"], check=True)
time.sleep(3)
subprocess.run([pgctl, "start"], check=True)
restarted = time.monotonic()
time.sleep(6)
stop_event.set()
loader.join()
statuses = [s for _, s, _, _ in results]
late = [s for _, s, _, at in results if at > restarted + 2]
accepted = {t for t, s, _, _ in results if s == 201}
check(set(statuses) <= {201, 503} and 503 in statuses, f"while PostgreSQL is away: 503, never anything else ({statuses.count(503)} × 503, {sorted(set(statuses))})")
check(len(late) >= 20 and late[-20:].count(201) == 20, f"after the restart, 201 again by itself ({late[-20:].count(201)} of the last 20)")
stored = set(psql(db, "SELECT serial FROM redemptions WHERE serial > 100"))
lost = [t for t, s, b, _ in results if s == 201 and str(b.get("serial")) not in stored]
check(not lost and accepted, f"no acknowledged redemption lost across the restart ({len(accepted)} acknowledged, {len(lost)} lost)")

# SIGKILL of one of three instances under load.
results, stop_event = [], threading.Event()
loader = threading.Thread(target=load, args=(instances, tokens[3200:10000], keys["PiNG"], stop_event, results))
loader.start()
# Killed once the load is under way, not after a fixed time: a fast machine redeemed the whole
# share of passes in under 2 s and left nothing to send after the kill.
while len(results) < 300 and loader.is_alive():
    time.sleep(0.01)
instances[2].process.send_signal(signal.SIGKILL)
killed = time.monotonic()
time.sleep(3)
stop_event.set()
loader.join()
# Answered after the kill by the two others (requests the killed instance held end with no status).
survivors = [s for _, s, _, at in results if at > killed + 0.2 and s != 0]
check(survivors.count(201) > 0 and set(survivors) <= {201}, f"after one instance is killed the two others go on ({len(survivors)} answers: {sorted(set(survivors))})")
stored = set(psql(db, "SELECT serial FROM redemptions WHERE serial > 100"))
lost = [t for t, s, b, _ in results if s == 201 and str(b.get("serial")) not in stored]
check(not lost and survivors, f"no acknowledged redemption lost with the instance killed ({sum(1 for r in results if r[1] == 201)} acknowledged, {len(lost)} lost)")

for instance in instances:
    instance.stop()
print(f"instances: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
