"""An album from first upload to revoked link, through the real stack (SPEC §10, issue 12), and
uploads of many files that hold one bad file: nothing of them is stored."""
import io
import json
import socket
import zipfile

import pytest

import images
from owners import IMAGE_KINDS, Client, owner, sha256
from stack import json_error

ALBUM_FIELDS = {"id", "title", "description", "cover_image_id", "cover_url", "photo_count", "created_at", "updated_at"}
INSIGHT_FIELDS = {"dominant_colors", "brightness", "faces_detected", "face_locations", "text_found", "extracted_text",
                  "word_count", "sharpness_score", "blur_level", "contrast_score", "quality_score", "scene_type",
                  "scene_confidence"}


def zip_entries(response, filename):
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        return {name: sha256(archive.read(name)) for name in archive.namelist()}


def test_an_album_from_upload_through_a_password_share_and_its_zip_to_revocation(owners_stack):
    alice = owner(owners_stack, "photographer")
    album = alice.new_album("Summer 2026", "by the sea")
    assert set(album) == ALBUM_FIELDS
    assert (album["title"], album["description"], album["photo_count"], album["cover_image_id"], album["cover_url"]) \
        == ("Summer 2026", "by the sea", 0, None, None)

    files = [("beach.jpg", images.numbered(1201, "JPEG")), ("beach.jpg", images.numbered(1202, "JPEG")),
             ("sea.png", images.numbered(1203)), ("faces.jpg", images.sample("messi5.jpg"))]
    upload = alice.add_photos(album["id"], files)
    assert upload.status_code == 202, upload.text
    accepted = upload.json()["photos"]
    assert [(photo["filename"], photo["status"]) for photo in accepted] == [(name, "processing") for name, _ in files]
    image_ids = [photo["image_id"] for photo in accepted]
    assert len(set(image_ids)) == 4

    photos = alice.analysed_photos(album["id"])
    assert [photo["image_id"] for photo in photos] == image_ids, "oldest first, in upload order"
    for photo, (name, data) in zip(photos, files):
        assert photo["status"] == "completed" and photo["error"] is None and photo["filename"] == name
        assert INSIGHT_FIELDS <= set(photo["insights"])
        assert photo["urls"]["results"] == f"/api/results/{photo['image_id']}"
        assert photo["urls"]["original"] == f"/api/image/{photo['image_id']}/original"
        for kind, url in photo["urls"].items():
            assert alice.get(url).status_code == 200, (kind, url)
        assert alice.get(photo["urls"]["original"]).content == data
    assert photos[3]["insights"]["faces_detected"] >= 1, "messi5.jpg shows a face"

    covered = alice.put(f"/api/albums/{album['id']}/cover/{image_ids[2]}")
    assert covered.status_code == 200, covered.text
    assert covered.json()["cover_image_id"] == image_ids[2] and covered.json()["photo_count"] == 4
    cover = alice.get(covered.json()["cover_url"])
    assert cover.status_code == 200 and cover.headers["Content-Type"].startswith("image/")
    renamed = alice.patch(f"/api/albums/{album['id']}", json={"title": "Summer 2026!"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Summer 2026!"
    later = alice.new_album("Autumn")
    assert [entry["id"] for entry in alice.get("/api/albums").json()["albums"]] == [later["id"], album["id"]], \
        "newest first"

    uploaded = {"beach.jpg": sha256(files[0][1]), "beach-2.jpg": sha256(files[1][1]),
                "sea.png": sha256(files[2][1]), "faces.jpg": sha256(files[3][1])}
    assert zip_entries(alice.get(f"/api/albums/{album['id']}/download"), "Summer 2026!.zip") == uploaded

    share = alice.new_share(album["id"], password="sandcastles at noon")
    visitor = Client(owners_stack)
    locked = visitor.get(f"/api/shared/{share['token']}")
    assert locked.status_code == 401 and locked.json()["password_required"] is True
    assert visitor.unlock(share["token"], "sandcastles at noon").status_code == 204
    view = visitor.get(f"/api/shared/{share['token']}")
    assert view.status_code == 200, view.text
    body = view.json()
    assert body["album"] == {"title": "Summer 2026!", "description": "by the sea", "photo_count": 4,
                             "cover_image_id": image_ids[2]}
    assert body["download_url"] == f"/api/shared/{share['token']}/download" and body["expires_at"] is None
    assert [photo["image_id"] for photo in body["photos"]] == image_ids
    for shared, own, (_, data) in zip(body["photos"], photos, files):
        assert shared["insights"] == own["insights"]
        assert set(shared["urls"]) == set(IMAGE_KINDS)
        for url in shared["urls"].values():
            assert url.startswith(f"/api/shared/{share['token']}/images/{own['image_id']}/")
            response = visitor.get(url)
            assert response.status_code == 200 and response.headers["Content-Type"].startswith("image/"), url
        assert visitor.get(shared["urls"]["original"]).content == data
        assert "secret" not in json.dumps(shared) and "owner" not in shared
    assert zip_entries(visitor.get(body["download_url"]), "Summer 2026!.zip") == uploaded
    # Another visitor without the password still sees nothing.
    assert Client(owners_stack).get(body["download_url"]).status_code == 401

    assert alice.change_share(album["id"], share["id"], revoked=True)["state"] == "revoked"
    for url in [f"/api/shared/{share['token']}", body["download_url"],
                *[url for photo in body["photos"] for url in photo["urls"].values()]]:
        response = visitor.get(url)
        assert response.status_code == 404, (url, response.status_code)
    # The owner's own routes are untouched by it.
    assert len(alice.photos(album["id"])) == 4


def counts(stack):
    with stack.database() as db:
        rows = db.execute("SELECT (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM jobs)").fetchone()
    blobs = len(stack.blob_digests())
    return tuple(rows), blobs


BAD_FILES = [
    ("notes.txt", b"hello, I am not an image at all", 415),
    ("empty.png", b"", 400),
    ("cut.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 422),
    ("bomb.png", images.png_declaring(100_000, 100_000), 413),
]


@pytest.fixture(scope="module")
def uploader(owners_stack):
    return owner(owners_stack, "batch")


@pytest.mark.parametrize("name, data, status", BAD_FILES, ids=[bad[0] for bad in BAD_FILES])
def test_one_bad_file_among_good_ones_stores_nothing_and_the_error_names_it(owners_stack, uploader, name, data, status):
    analyze_says = json_error(owners_stack.upload(data, name), status)
    album = uploader.new_album(f"batch with {name}")
    before = counts(owners_stack)
    response = uploader.add_photos(album["id"], [("good.png", images.numbered(1301)), (name, data),
                                                 ("also-good.jpg", images.numbered(1302, "JPEG"))])
    assert (response.status_code, response.json()) == (status, {"error": f"file 2 ({name}): {analyze_says}"})
    assert counts(owners_stack) == before
    assert uploader.photos(album["id"]) == []
    assert uploader.get(f"/api/albums/{album['id']}").json()["photo_count"] == 0


def test_more_than_fifty_files_in_one_request_are_refused_and_nothing_is_stored(owners_stack, uploader):
    album = uploader.new_album("too many at once")
    before = counts(owners_stack)
    response = uploader.add_photos(album["id"], [(f"p{index}.png", images.numbered(1400 + index)) for index in range(51)])
    json_error(response, 400)
    assert counts(owners_stack) == before and uploader.photos(album["id"]) == []


def test_an_album_upload_larger_than_the_upload_limit_is_413_before_it_is_read(owners_stack, uploader):
    album = uploader.new_album("too large")
    api, _ = uploader.api_client()
    declared = 16 * 1024 * 1024 + 64 * 1024 + 1
    request = (f"POST /api/albums/{album['id']}/photos HTTP/1.1\r\nHost: peek\r\nAuthorization: Bearer {api.token}\r\n"
               f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n")
    with socket.create_connection(("127.0.0.1", owners_stack.port), timeout=15) as connection:
        connection.sendall(request.encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.split()[1] == b"413", head
    assert "error" in json.loads(body)
    assert uploader.photos(album["id"]) == []


def test_zip_entry_names_cannot_leave_the_folder_they_are_unpacked_in(owners_stack, uploader):
    hostile = ["../../escape.png", "/etc/cron.d/abs.png", "dir/sub.png", "C:\\Windows\\win.png", "..", "a\x00b.png",
               "line\r\nbreak.png"]
    files = [(name, images.numbered(1500 + index)) for index, name in enumerate(hostile)]
    album = uploader.new_album("hostile names")
    uploader.added_photos(album["id"], files)
    names = list(zip_entries(uploader.get(f"/api/albums/{album['id']}/download"), "hostile names.zip"))
    assert len(names) == len(hostile) and len(set(names)) == len(names), names
    for name in names:
        assert name and not name.startswith(("/", "\\")) and ":" not in name, name
        assert "/" not in name and "\\" not in name and name not in (".", ".."), name
        assert not any(ord(character) < 32 for character in name), repr(name)


def test_an_album_title_with_a_line_break_is_refused_so_it_can_never_reach_a_header(owners_stack, uploader):
    response = uploader.post("/api/albums", json={"title": "two\r\nSet-Cookie: planted=1", "description": ""})
    assert "control characters" in json_error(response, 400)


@pytest.mark.parametrize("title", ['evil"; filename="run.exe', "../../../etc/passwd"])
def test_an_album_title_cannot_forge_download_headers(owners_stack, uploader, title):
    album = uploader.new_album(title)
    assert album["title"] == title.strip()
    response = uploader.get(f"/api/albums/{album['id']}/download")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert "planted" not in response.headers.get("Set-Cookie", "") and "planted" not in uploader.http.cookies
    assert disposition.startswith('attachment; filename="') and disposition.endswith('.zip"'), disposition
    inner = disposition[len('attachment; filename="'):-1]
    assert '"' not in inner and "\r" not in inner and "\n" not in inner and "/" not in inner, disposition
