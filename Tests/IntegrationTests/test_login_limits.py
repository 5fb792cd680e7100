"""Guessing passwords (SPEC §10, issue 12): more than 5 failed logins a minute for one account, or
20 from one address, answer 429 with Retry-After whatever the password; and a wrong username
cannot be told from a wrong password, neither by the answer nor by its time."""
import statistics
import time

import pytest

from owners import Client, retry_after, unique_name
from stack import Stack

WRONG_LOGIN = {"error": "wrong username or password"}


def attempt(stack, username, password):
    return Client(stack).post("/api/session", json={"username": username, "password": password})


def assert_wrong(response):
    assert (response.status_code, response.json()) == (401, WRONG_LOGIN), response.text[:300]


@pytest.mark.parametrize("exists", [True, False], ids=["existing account", "unknown username"])
def test_more_than_five_failures_for_one_account_answer_429_even_to_the_right_password(owners_stack, exists):
    name, password = unique_name("guessed"), "the real password"
    if exists:
        owners_stack.add_user(name, password)
    for guess in range(5):
        assert_wrong(attempt(owners_stack, name, f"guess {guess}"))
    # An unknown username is limited as an account is: a 429 that only accounts got would tell them apart.
    retry_after(attempt(owners_stack, name, "guess 5"))
    retry_after(attempt(owners_stack, name, password))
    # Another spelling of the same (case-insensitive) name is the same account.
    retry_after(attempt(owners_stack, name.upper(), password))
    # Other accounts are not locked by it.
    other = unique_name("bystander")
    owners_stack.add_user(other, "bystander password")
    Client(owners_stack).login(other, "bystander password")


def test_more_than_twenty_failures_from_one_address_answer_429_to_every_login():
    stack = Stack().up()  # the default limits: 5 per account, 20 per address
    try:
        stack.add_user("resident", "resident password")
        for index in range(20):  # one guess per username: no account reaches its own limit
            assert_wrong(attempt(stack, f"sprayed-{index}", "Winter2026!"))
        retry_after(attempt(stack, "sprayed-20", "Winter2026!"))
        retry_after(attempt(stack, "resident", "resident password"))
    finally:
        stack.destroy()


def test_a_wrong_username_takes_as_long_as_a_wrong_password(owners_stack):
    """Not a benchmark: a check that the answer's time does not tell whether an account exists
    (both paths run Argon2id). 16 tries each, interleaved, 4 per account to stay under its limit."""
    accounts = [unique_name("timed") for _ in range(4)]
    for name in accounts:
        owners_stack.add_user(name, "the timed password")
    client = Client(owners_stack)
    client.post("/api/session", json={"username": unique_name("warm-up"), "password": "x"})  # connection, pool

    def timed(username):
        started = time.perf_counter()
        response = client.post("/api/session", json={"username": username, "password": "not the password"})
        elapsed = time.perf_counter() - started
        assert_wrong(response)
        return elapsed

    wrong_password, wrong_username = [], []
    for index in range(16):
        wrong_password.append(timed(accounts[index % 4]))
        wrong_username.append(timed(unique_name("ghost")))
    ratio = statistics.median(wrong_username) / statistics.median(wrong_password)
    assert 0.5 <= ratio <= 2, f"median wrong username {statistics.median(wrong_username):.4f}s, " \
                              f"wrong password {statistics.median(wrong_password):.4f}s"
    # And Argon2id really runs on both paths: a failure is not instant.
    assert statistics.median(wrong_password) > 0.005
