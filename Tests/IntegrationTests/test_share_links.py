"""Share links as their holders and their attackers meet them (SPEC §10, issue 12): revoked and
expired links are 404 on every route, image URLs fetched while live included, until restored; a
password link is 401 until unlocked, an unlock belongs to one client and one link and ends when the
password changes; guessing the password is limited."""
import time

import pytest

import images
from owners import (IMAGE_KINDS, NO_SHARE, Client, album_with_photos, owner, retry_after, share_image_routes, share_routes,
                    timestamp)
from stack import json_error


@pytest.fixture(scope="module")
def album(owners_stack):
    """An owner's album of two analysed photos."""
    client = owner(owners_stack, "sharer")
    album, image_ids = album_with_photos(client, [("one.png", images.numbered(801)), ("two.jpg", images.numbered(802, "JPEG"))])
    return {"owner": client, "id": album["id"], "images": image_ids}


def locked(token):
    return {"error": f"this album is protected by a password: POST it to /api/shared/{token}/unlock",
            "password_required": True}


def assert_all_readable(client, token, image_ids):
    for path in share_routes(token, image_ids):
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"


def assert_all_answer(client, token, image_ids, status, body, paths=()):
    for path in [*share_routes(token, image_ids), *paths]:
        response = client.get(path)
        assert (response.status_code, response.json()) == (status, body), f"{path}: {response.status_code} {response.text[:300]}"
        assert response.headers["Content-Type"].startswith("application/json")


def live_urls(client, token):
    """What the share's holder fetched while it was live: the album, and every URL it handed out."""
    view = client.get(f"/api/shared/{token}")
    assert view.status_code == 200, view.text[:300]
    body = view.json()
    urls = [f"/api/shared/{token}", body["download_url"]] + [url for photo in body["photos"]
                                                               for url in photo["urls"].values()]
    for url in urls:
        assert client.get(url).status_code == 200, url
    return urls


def test_a_share_view_lists_no_secret_and_the_owner_list_shows_no_token(album):
    share = album["owner"].new_share(album["id"], password="a share password")
    listed = album["owner"].get(f"/api/albums/{album['id']}/shares")
    assert listed.status_code == 200
    entry = next(entry for entry in listed.json()["shares"] if entry["id"] == share["id"])
    assert entry["has_password"] is True and entry["state"] == "live" and "token" not in entry
    assert share["token"] not in listed.text and "a share password" not in listed.text
    assert len(share["token"]) == 43 and share["url"] == f"/s/{share['token']}"


def test_an_unknown_share_token_is_404_on_every_route(owners_stack, album):
    token = "x" * 43
    assert_all_answer(Client(owners_stack), token, album["images"], 404, NO_SHARE)
    response = Client(owners_stack).unlock(token, "whatever password")
    assert (response.status_code, response.json()) == (404, NO_SHARE)


def test_a_revoked_share_is_404_everywhere_including_urls_fetched_while_live_until_restored(owners_stack, album):
    share = album["owner"].new_share(album["id"])
    holder = Client(owners_stack)
    urls = live_urls(holder, share["token"])
    assert holder.unlock(share["token"], "anything at all").status_code == 204, "a link without password unlocks as well"

    revoked = album["owner"].change_share(album["id"], share["id"], revoked=True)
    assert revoked["revoked"] is True and revoked["state"] == "revoked"
    for client in (holder, Client(owners_stack)):
        assert_all_answer(client, share["token"], album["images"], 404, NO_SHARE, urls)
        response = client.unlock(share["token"], "anything at all")
        assert (response.status_code, response.json()) == (404, NO_SHARE)

    restored = album["owner"].change_share(album["id"], share["id"], revoked=False)
    assert restored["revoked"] is False and restored["state"] == "live"
    for url in urls:
        assert holder.get(url).status_code == 200, url


def test_an_expired_share_is_404_everywhere_until_its_expiry_is_lifted(owners_stack, album):
    share = album["owner"].new_share(album["id"], expires_at=timestamp(3))
    assert share["state"] == "live" and share["expires_at"] is not None
    holder = Client(owners_stack)
    urls = live_urls(holder, share["token"])
    time.sleep(4.2)
    assert_all_answer(holder, share["token"], album["images"], 404, NO_SHARE, urls)
    listed = album["owner"].get(f"/api/albums/{album['id']}/shares").json()["shares"]
    assert next(entry for entry in listed if entry["id"] == share["id"])["state"] == "expired"

    lifted = album["owner"].change_share(album["id"], share["id"], expires_at=None)
    assert lifted["state"] == "live" and lifted["expires_at"] is None
    assert_all_readable(holder, share["token"], album["images"])


@pytest.mark.parametrize("expires_at", [timestamp(-60), "tomorrow", "2026-13-45T99:00:00Z", 12345])
def test_a_share_cannot_be_made_already_expired_or_with_a_malformed_expiry(owners_stack, album, expires_at):
    before = album["owner"].get(f"/api/albums/{album['id']}/shares").json()["shares"]
    json_error(album["owner"].post(f"/api/albums/{album['id']}/shares", json={"expires_at": expires_at}), 400)
    assert album["owner"].get(f"/api/albums/{album['id']}/shares").json()["shares"] == before


def test_a_password_share_is_401_on_every_route_until_that_client_unlocks_it(owners_stack, album):
    share = album["owner"].new_share(album["id"], password="open sesame 1")
    assert share["has_password"] is True
    token = share["token"]
    first, second = Client(owners_stack), Client(owners_stack)
    assert_all_answer(first, token, album["images"], 401, locked(token))

    wrong = first.unlock(token, "open sesame 2")
    assert (wrong.status_code, wrong.json()) == (401, {"error": "wrong password"})
    assert_all_answer(first, token, album["images"], 401, locked(token))

    unlocked = first.unlock(token, "open sesame 1")
    assert unlocked.status_code == 204, unlocked.text
    cookie = unlocked.headers["Set-Cookie"]
    assert cookie.startswith("peek_unlock=")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {f"path=/api/shared/{token}".lower(), "httponly", "samesite=lax", "max-age=86400"} <= attributes, cookie
    assert_all_readable(first, token, album["images"])
    # Another client (another browser) is not unlocked by it.
    assert_all_answer(second, token, album["images"], 401, locked(token))


def test_an_unlock_cookie_opens_only_the_link_it_was_given_for(owners_stack, album):
    one = album["owner"].new_share(album["id"], password="same password")
    other = album["owner"].new_share(album["id"], password="same password")
    holder = Client(owners_stack)
    assert holder.unlock(one["token"], "same password").status_code == 204
    value = holder.http.cookies.get("peek_unlock")
    assert value and len(value) >= 32
    # The cookie's Path keeps a browser from sending it to the other link; an attacker sends it anyway.
    stranger = Client(owners_stack)
    for path in share_routes(other["token"], album["images"]):
        response = stranger.get(path, headers={"Cookie": f"peek_unlock={value}"})
        assert (response.status_code, response.json()) == (401, locked(other["token"])), path
    for forged in ("", "x" * 43, value[:-1] + ("A" if value[-1] != "A" else "B")):
        response = stranger.get(f"/api/shared/{one['token']}", headers={"Cookie": f"peek_unlock={forged}"})
        assert (response.status_code, response.json()) == (401, locked(one["token"])), forged
    assert holder.get(f"/api/shared/{one['token']}").status_code == 200


def test_changing_the_password_or_revoking_drops_every_unlock(owners_stack, album):
    share = album["owner"].new_share(album["id"], password="first password")
    token, holder = share["token"], Client(owners_stack)
    assert holder.unlock(token, "first password").status_code == 204
    assert_all_readable(holder, token, album["images"])

    changed = album["owner"].change_share(album["id"], share["id"], password="second password")
    assert changed["has_password"] is True
    assert_all_answer(holder, token, album["images"], 401, locked(token))
    assert holder.unlock(token, "first password").json() == {"error": "wrong password"}
    assert holder.unlock(token, "second password").status_code == 204
    assert_all_readable(holder, token, album["images"])

    album["owner"].change_share(album["id"], share["id"], revoked=True)
    album["owner"].change_share(album["id"], share["id"], revoked=False)
    assert_all_answer(holder, token, album["images"], 401, locked(token))

    opened = album["owner"].change_share(album["id"], share["id"], password=None)
    assert opened["has_password"] is False
    assert_all_readable(Client(owners_stack), token, album["images"])


def test_five_wrong_passwords_in_a_minute_lock_that_link(owners_stack, album):
    share = album["owner"].new_share(album["id"], password="the right one")
    neighbour = album["owner"].new_share(album["id"], password="the right one")
    guesser = Client(owners_stack)
    for attempt in range(5):
        response = guesser.unlock(share["token"], f"guess number {attempt}")
        assert (response.status_code, response.json()) == (401, {"error": "wrong password"}), attempt
    retry_after(guesser.unlock(share["token"], "guess number 5"))
    # Locked means locked: the right password does not get through (or tell that it is right) either,
    # from this client or another.
    retry_after(guesser.unlock(share["token"], "the right one"))
    retry_after(Client(owners_stack).unlock(share["token"], "the right one"))
    assert guesser.http.cookies.get("peek_unlock") is None
    assert_all_answer(guesser, share["token"], album["images"], 401, locked(share["token"]))
    # The limit is the link's: another link of the same album still unlocks.
    assert guesser.unlock(neighbour["token"], "the right one").status_code == 204


def test_share_urls_are_those_of_the_contract(owners_stack, album):
    share = album["owner"].new_share(album["id"])
    body = Client(owners_stack).get(f"/api/shared/{share['token']}").json()
    assert body["download_url"] == f"/api/shared/{share['token']}/download"
    assert [photo["image_id"] for photo in body["photos"]] == album["images"]
    for photo, paths in zip(body["photos"], zip(*[iter(share_image_routes(share["token"], album["images"]))] * 4)):
        assert photo["urls"] == dict(zip(IMAGE_KINDS, paths)), photo["urls"]
