"""Owners, albums and share links (issue 12) through the real stack: HTTP clients that act as a
browser (their own cookie jar, `X-CSRF-Token` on every write once logged in), as an API client (a
Bearer token) or as nobody, and the steps the owners tests share."""
import datetime
import hashlib
import itertools
import os
import secrets
import time

import requests

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# The thumbnail of a photo: its key in `urls` and the last part of its share route.
THUMB = "thumbnail"
IMAGE_KINDS = ("original", "annotated", THUMB, "web")
NO_SHARE = {"error": "no such share link (it may have been revoked or have expired)"}
CSRF_MISSING = {"error": "this request needs the X-CSRF-Token header of your session (GET /api/session gives it)"}
_serial = itertools.count()


def unique_name(prefix):
    """A username no other test of this run takes (1–64 characters of A-Z a-z 0-9 . _ -)."""
    return f"{prefix}-{os.getpid()}-{next(_serial)}"


def random_id():
    """22 URL-safe characters: the shape of an id, naming nothing."""
    return secrets.token_urlsafe(16)


def timestamp(seconds_from_now):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class Client:
    """One HTTP client with its own cookie jar: a browser when it logs in, an API client when it holds
    a token, nobody otherwise."""

    def __init__(self, stack, token=None):
        self.stack = stack
        self.http = requests.Session()
        self.csrf = None
        self.user = None
        self.password = None
        self.token = token
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def request(self, method, path, csrf=True, headers=None, **kwargs):
        """`csrf`: a logged-in browser sends its X-CSRF-Token on writes unless told not to."""
        headers = dict(headers or {})
        if csrf and self.csrf and method in WRITES:
            headers.setdefault("X-CSRF-Token", self.csrf)
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", False)
        return self.http.request(method, self.stack.url(path), headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def login(self, username, password):
        response = self.post("/api/session", json={"username": username, "password": password})
        assert response.status_code == 200, f"login of {username}: {response.status_code} {response.text[:300]}"
        body = response.json()
        self.csrf, self.user, self.password = body["csrf_token"], body["user"], password
        return self

    @property
    def session_token(self):
        return self.http.cookies.get("peek_session")

    def api_client(self, name="tests"):
        """A second client of the same owner that authenticates with a new API token; and the token's entry."""
        response = self.post("/api/tokens", json={"name": name})
        assert response.status_code == 201, response.text[:300]
        body = response.json()
        client = Client(self.stack, token=body["token"])
        client.user = self.user
        return client, body

    # Albums and shares, asserting success.

    def new_album(self, title="Holiday", description=""):
        response = self.post("/api/albums", json={"title": title, "description": description})
        assert response.status_code == 201, response.text[:300]
        return response.json()

    def add_photos(self, album_id, files):
        """`files`: (filename, bytes) pairs, sent as one request with one `image` field each."""
        return self.post(f"/api/albums/{album_id}/photos",
                         files=[("image", (name, data, "application/octet-stream")) for name, data in files])

    def added_photos(self, album_id, files):
        response = self.add_photos(album_id, files)
        assert response.status_code == 202, response.text[:300]
        return [photo["image_id"] for photo in response.json()["photos"]]

    def photos(self, album_id):
        response = self.get(f"/api/albums/{album_id}/photos")
        assert response.status_code == 200, response.text[:300]
        return response.json()["photos"]

    def analysed_photos(self, album_id, timeout=90):
        """The album's photos once none is processing any more and the completed have their renditions."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            photos = self.photos(album_id)
            # (Not waiting for the thumbnail's key: the tests that read it tell when it is missing.)
            if all(photo["status"] == "failed" or (photo["status"] == "completed" and
                                                   {"annotated", "web"} <= set(photo["urls"]))
                   for photo in photos):
                return photos
            time.sleep(0.1)
        raise AssertionError(f"album {album_id} still processing after {timeout}s: {photos}\n{self.stack.logs()}")

    def new_share(self, album_id, **fields):
        response = self.post(f"/api/albums/{album_id}/shares", json=fields)
        assert response.status_code == 201, response.text[:300]
        return response.json()

    def change_share(self, album_id, share_id, **fields):
        response = self.patch(f"/api/albums/{album_id}/shares/{share_id}", json=fields)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    def unlock(self, token, password):
        return self.post(f"/api/shared/{token}/unlock", json={"password": password})


def owner(stack, prefix="owner", password=None):
    """A new account (made with peek-admin) logged in through a browser-like client."""
    username, password = unique_name(prefix), password or secrets.token_urlsafe(12)
    stack.add_user(username, password)
    return Client(stack).login(username, password)


def album_with_photos(client, photos, title="Holiday"):
    """A new album of `client` holding `photos` ((filename, bytes) pairs), analysed."""
    album = client.new_album(title)
    image_ids = client.added_photos(album["id"], photos)
    analysed = client.analysed_photos(album["id"])
    assert [photo["image_id"] for photo in analysed] == image_ids
    assert all(photo["status"] == "completed" for photo in analysed), analysed
    return album, image_ids


def share_image_routes(token, image_ids):
    return [f"/api/shared/{token}/images/{image_id}/{kind}" for image_id in image_ids for kind in IMAGE_KINDS]


def share_routes(token, image_ids):
    """Every GET a holder of the link may send: the album, each photo in each kind, the ZIP."""
    return [f"/api/shared/{token}", f"/api/shared/{token}/download", *share_image_routes(token, image_ids)]


def image_routes(image_id):
    """The routes that read one image (SPEC §2 and §9), as the owner reads them."""
    return [f"/api/results/{image_id}", f"/api/image/{image_id}/original", f"/api/image/{image_id}/annotated",
            f"/api/image/{image_id}/thumbnail", f"/api/image/{image_id}/web",
            f"/api/image/{image_id}/t/grayscale"]


def owned_rows(stack, user_id):
    """Everything of one owner's in the database (but the last-use times of its tokens), to compare
    before and after an attack."""
    with stack.database() as db:
        def rows(sql):
            return [tuple(row) for row in db.execute(sql, (user_id,))]
        return {
            "user": rows("SELECT * FROM users WHERE id = ?"),
            "albums": rows("SELECT * FROM albums WHERE owner_id = ? ORDER BY id"),
            "images": rows("SELECT id, album_id, blob_sha256, status, annotated_sha256 FROM images"
                           " WHERE owner_id = ? ORDER BY id"),
            "shares": rows("SELECT s.* FROM shares s JOIN albums a ON a.id = s.album_id WHERE a.owner_id = ?"
                           " ORDER BY s.id"),
            "tokens": rows("SELECT id, name, token_hash, created_at FROM api_tokens WHERE user_id = ? ORDER BY id"),
            "sessions": rows("SELECT token_hash, expires_at FROM sessions WHERE user_id = ? ORDER BY token_hash"),
        }


def blob_files(stack):
    return stack.blob_digests()


def retry_after(response):
    """The Retry-After of a 429, checked to be whole seconds within the minute the limits count."""
    assert response.status_code == 429, f"expected 429, got {response.status_code}: {response.text[:300]}"
    value = response.headers.get("Retry-After")
    assert value is not None and value.isdigit() and 1 <= int(value) <= 60, response.headers
    assert "error" in response.json(), response.text
    return int(value)
