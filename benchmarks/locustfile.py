"""Mixed load on Kulturplan: unit staff and municipality managers (issue 17).

Data: `generate_benchmark_data` (1 000 000 activities in 300 units) and
`benchmark_users --password PW`. Then, against gunicorn on 127.0.0.1:8000:

    BENCH_PASSWORD=PW .venv/bin/locust -f benchmarks/locustfile.py --headless \
        -u 50 -r 10 -t 60s --host http://127.0.0.1:8000 --csv benchmarks/out/mixed

45 of 50 users are staff of one unit each (start page, activity list, the log form, their
unit's VEPAQ month and activity plan); 5 are managers of the whole municipality (its VEPAQ
month, year overview, youth page, charts, dashboard). Think time 1–3 s, as in the issue.
Only ever point it at a server on this machine.

Every user signs in once (PBKDF2 with Django's 1 000 000 iterations: about 0.6 s of CPU each
on the 2-core benchmark machine), so the first tens of seconds are a login storm. With
BENCH_STEADY=1 the statistics are reset the moment the last user is signed in, and the run
measures the pages only (give it -t 120s or more).
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "")
YEAR, MONTH = int(os.environ.get("BENCH_YEAR", "2024")), int(os.environ.get("BENCH_MONTH", "6"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_staff_numbers = itertools.count(1)
_manager_numbers = itertools.count(1)
_signed_in = itertools.count(1)
STEADY = os.environ.get("BENCH_STEADY") == "1"


class SignedInUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def _plain_cookies(self):
        """Production cookies are Secure (HTTPS behind the proxy) and the session cookie is
        set again on every response (SESSION_SAVE_EVERY_REQUEST); the load test talks plain
        HTTP to gunicorn on this machine, so the flag is cleared before every request.
        (Cleared once after login, the next response set it again, the session was lost and
        every later request measured a redirect to the login page.)"""
        for cookie in self.client.cookies:
            cookie.secure = False

    def on_start(self):
        page = self.client.get("/konto/logga-in/", name="login form")
        self._plain_cookies()
        token = CSRF.search(page.text)
        self.client.post(
            "/konto/logga-in/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/konto/logga-in/"},
            name="login",
            allow_redirects=False,
        ).raise_for_status()
        self._plain_cookies()
        # A failed login answers 200 with the form again; a signed-in user is redirected.
        response = self.client.get("/", name="start", allow_redirects=False)
        if response.status_code != 200:
            raise RuntimeError(f"{self.username} is not signed in ({response.status_code})")
        runner = self.environment.runner
        if next(_signed_in) == runner.target_user_count and STEADY:
            runner.stats.reset_all()
            print(f"All {runner.target_user_count} users signed in: statistics reset.", flush=True)

    def page(self, path: str, name: str) -> None:
        """GET a page; anything but 200 (a redirect to the login page, say) is a failure."""
        self._plain_cookies()
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class UnitStaff(SignedInUser):
    weight = 45

    def on_start(self):
        number = next(_staff_numbers)
        self.username = f"bench-staff-{(number - 1) % 45 + 1}"
        self.unit = f"bench-enhet-{(number - 1) % 45 + 1}"
        super().on_start()

    @task(3)
    def start_page(self):
        self.page("/", "start")

    @task(3)
    def activity_list(self):
        self.page(f"/aktiviteter/?year={YEAR}", "activity list")

    @task(2)
    def log_form(self):
        self.page("/aktiviteter/ny/", "log form")

    @task(2)
    def unit_vepaq(self):
        self.page(f"/uppfoljning/{self.unit}/vepaq/{YEAR}/{MONTH}/", "unit vepaq")

    @task(1)
    def unit_plan(self):
        self.page(f"/aktiviteter/plan/{self.unit}/{YEAR}/", "unit activity plan")


class MunicipalityManager(SignedInUser):
    weight = 5

    def on_start(self):
        self.username = f"bench-chef-{(next(_manager_numbers) - 1) % 5 + 1}"
        super().on_start()

    @task(3)
    def municipality_vepaq(self):
        month = random.randint(1, MONTH)
        self.page(f"/uppfoljning/bench-kommun/vepaq/{YEAR}/{month}/", "municipality vepaq")

    @task(2)
    def dashboard(self):
        self.page("/uppfoljning/", "dashboard")

    @task(1)
    def year_overview(self):
        self.page(f"/uppfoljning/bench-kommun/vepaq/{YEAR}/", "municipality year")

    @task(1)
    def youth(self):
        self.page(f"/uppfoljning/bench-kommun/unga/{YEAR}/", "municipality youth")

    @task(1)
    def charts(self):
        self.page(f"/uppfoljning/bench-kommun/diagram/{YEAR}/", "municipality charts")
