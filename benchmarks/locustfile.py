"""Mixed load on Kulturplan: unit staff and municipality managers (issue 17).

Data: `generate_benchmark_data` (1 000 000 activities in 300 units) and
`benchmark_users --password PW`. Then, against gunicorn on 127.0.0.1:8000:

    BENCH_PASSWORD=PW .venv/bin/locust -f benchmarks/locustfile.py --headless \
        -u 50 -r 10 -t 60s --host http://127.0.0.1:8000 --csv benchmarks/out/mixed

45 of 50 users are staff of one unit each (start page, activity list, the log form, their
unit's VEPAQ month and activity plan); 5 are managers of the whole municipality (its VEPAQ
month, year overview, youth page, charts, dashboard). Think time 1–3 s, as in the issue.
Only ever point it at a server on this machine.
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


class SignedInUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def _keep_cookies_over_http(self):
        """Production cookies are Secure (HTTPS behind the proxy); the load test talks plain
        HTTP to gunicorn on this machine, so the client is told to send them anyway."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def on_start(self):
        page = self.client.get("/konto/logga-in/", name="login form")
        self._keep_cookies_over_http()
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
        )
        self._keep_cookies_over_http()


class UnitStaff(SignedInUser):
    weight = 45

    def on_start(self):
        number = next(_staff_numbers)
        self.username = f"bench-staff-{(number - 1) % 45 + 1}"
        self.unit = f"bench-enhet-{(number - 1) % 45 + 1}"
        super().on_start()

    @task(3)
    def start_page(self):
        self.client.get("/", name="start")

    @task(3)
    def activity_list(self):
        self.client.get(f"/aktiviteter/?year={YEAR}", name="activity list")

    @task(2)
    def log_form(self):
        self.client.get("/aktiviteter/ny/", name="log form")

    @task(2)
    def unit_vepaq(self):
        self.client.get(f"/uppfoljning/{self.unit}/vepaq/{YEAR}/{MONTH}/", name="unit vepaq")

    @task(1)
    def unit_plan(self):
        self.client.get(f"/aktiviteter/plan/{self.unit}/{YEAR}/", name="unit activity plan")


class MunicipalityManager(SignedInUser):
    weight = 5

    def on_start(self):
        self.username = f"bench-chef-{(next(_manager_numbers) - 1) % 5 + 1}"
        super().on_start()

    @task(3)
    def municipality_vepaq(self):
        month = random.randint(1, MONTH)
        self.client.get(
            f"/uppfoljning/bench-kommun/vepaq/{YEAR}/{month}/", name="municipality vepaq"
        )

    @task(2)
    def dashboard(self):
        self.client.get("/uppfoljning/", name="dashboard")

    @task(1)
    def year_overview(self):
        self.client.get(f"/uppfoljning/bench-kommun/vepaq/{YEAR}/", name="municipality year")

    @task(1)
    def youth(self):
        self.client.get(f"/uppfoljning/bench-kommun/unga/{YEAR}/", name="municipality youth")

    @task(1)
    def charts(self):
        self.client.get(f"/uppfoljning/bench-kommun/diagram/{YEAR}/", name="municipality charts")
