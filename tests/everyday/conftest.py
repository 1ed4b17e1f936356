import pytest


@pytest.fixture
def staff_client(client, users):
    client.force_login(users["staff"])
    return client


@pytest.fixture
def manager_client(client, users):
    client.force_login(users["manager"])
    return client
