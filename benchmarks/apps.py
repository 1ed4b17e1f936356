from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The benchmark data commands (generate_benchmark_data, benchmark_users); the scripts
    beside them are run by hand and write their results into the README."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "benchmarks"
    verbose_name = "Benchmarks"
