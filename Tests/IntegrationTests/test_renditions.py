"""Renditions and transforms through the real stack: the presets the worker makes, `/t/` transforms
made once and served by nginx, the transform service, signing, and every limit."""
import io
import os
import subprocess

import pytest
import requests
from PIL import Image

import images
from stack import RELEASE, Stack, json_error

FACE_PHOTO = "messi5.jpg"  # 548×342, one face at about (226, 94, 38, 38)


@pytest.fixture(scope="module")
def photo(stack):
    image_id = stack.accepted_id(images.sample(FACE_PHOTO), "messi.jpg")
    assert stack.wait_result(image_id).json()["status"] == "completed"
    return image_id


def picture(response):
    assert response.status_code == 200, response.text[:300]
    return Image.open(io.BytesIO(response.content))


def renditions(stack, image_id):
    with stack.database() as db:
        return {row["recipe"]: dict(row) for row in db.execute(
            "SELECT r.* FROM renditions r JOIN images i ON i.blob_sha256 = r.source_sha256 WHERE i.id = ?", (image_id,))}


def test_a_completed_analysis_links_its_presets_and_they_are_webp_within_their_boxes(stack, photo):
    links = stack.get(f"/api/results/{photo}").json()["links"]
    assert links["thumbnail"] == f"/api/image/{photo}/thumbnail" and links["web"] == f"/api/image/{photo}/web"
    thumbnail = picture(stack.get(links["thumbnail"]))
    web = picture(stack.get(links["web"]))
    assert thumbnail.format == "WEBP" and web.format == "WEBP"
    assert thumbnail.size == (548, 342), "a small photo is never enlarged"
    assert web.size == (548, 342)


def test_a_large_photo_gets_a_thumbnail_that_fits_800_and_a_web_copy_that_fits_2400(stack):
    image_id = stack.accepted_id(images.enlarged_photo(size=(4000, 3000)), "big.jpg")
    assert stack.wait_result(image_id, timeout=120).json()["status"] == "completed"
    assert picture(stack.get(f"/api/image/{image_id}/thumbnail")).size == (800, 600)
    assert picture(stack.get(f"/api/image/{image_id}/web")).size == (2400, 1800)


def test_presets_are_immutable_with_an_etag_and_a_304(stack, photo):
    response = stack.get(f"/api/image/{photo}/thumbnail")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    etag = response.headers["ETag"]
    again = stack.get(f"/api/image/{photo}/thumbnail", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


def test_a_transform_is_made_once_and_equivalent_spellings_share_it(stack, photo):
    first = picture(stack.get(f"/api/image/{photo}/t/resize:fill:200:150/format:png"))
    assert first.size == (200, 150) and first.format == "PNG"
    made = renditions(stack, photo)
    recipes = [recipe for recipe in made if not recipe.startswith("preset:")]
    assert len(recipes) == 1
    modified = stack.blob_version(made[recipes[0]]["blob_sha256"])
    for spelling in ("resize:fill:200:150/format:png", "RESIZE:FILL:200:150/format:PNG", "resize:fill:200:150/format:png/"):
        assert picture(stack.get(f"/api/image/{photo}/t/{spelling}")).size == (200, 150)
    assert renditions(stack, photo) == made, "no second rendition for an equivalent spelling"
    assert stack.blob_version(made[recipes[0]]["blob_sha256"]) == modified, "the stored blob was not written again"
    etag = stack.get(f"/api/image/{photo}/t/resize:fill:200:150/format:png").headers["ETag"]
    assert stack.get(f"/api/image/{photo}/t/resize:fill:200:150/format:png",
                     headers={"If-None-Match": etag}).status_code == 304


def test_a_fill_crop_with_face_gravity_keeps_the_face_in_frame(stack, photo):
    face = stack.get(f"/api/results/{photo}").json()["insights"]["face_locations"][0]
    # A 60-px strip of the 548-px-wide photo: centred it would cut at x 244…304, through the face
    # (x 226…264); face gravity must put the whole face inside it.
    assert face["x"] < 244 < face["x"] + face["width"]
    cut = picture(stack.get(f"/api/image/{photo}/t/gravity:face/resize:fill:60:342/format:png"))
    assert cut.size == (60, 342)
    annotated = picture(stack.get(f"/api/image/{photo}/t/gravity:face/resize:fill:60:342/annotate/format:png")).convert("RGB")
    green = [x for x in range(60) for y in range(342) if annotated.getpixel((x, y)) == (0, 255, 0)]
    assert green, "annotate drew the face box inside the cut"
    assert min(green) > 0 and max(green) < 59, "both sides of the face box are inside the cut"


def test_steps_apply_in_order_with_known_answers(stack, photo):
    rotated = picture(stack.get(f"/api/image/{photo}/t/rotate:90/format:png"))
    assert rotated.size == (342, 548)
    grey = picture(stack.get(f"/api/image/{photo}/t/grayscale/format:png"))
    assert grey.mode in ("L", "LA") or all(pixel[0] == pixel[1] == pixel[2] for pixel in grey.convert("RGB").getdata())
    small, large = (len(stack.get(f"/api/image/{photo}/t/format:jpeg/quality:{q}").content) for q in (20, 90))
    assert small < large
    assert stack.get(f"/api/image/{photo}/t/format:webp").content[8:12] == b"WEBP"
    assert stack.get(f"/api/image/{photo}/t/resize:fit:64:64").headers["Content-Type"] == "image/jpeg", \
        "without format the output keeps the source's"


@pytest.mark.parametrize("options,fragment", [
    ("resize:fit:0:10", "resize:fit:0:10"),
    ("spin:3", "spin:3"),
    ("blur:500", "blur:500"),
    ("/".join(["grayscale"] * 17), "16"),
    ("resize:force:5000:100", "4096"),
    ("resize:force:4096:4096", "16 MP"),
])
def test_a_bad_or_too_large_transform_is_400_naming_the_step(stack, photo, options, fragment):
    assert fragment in json_error(stack.get(f"/api/image/{photo}/t/{options}"), 400)


def test_a_transform_of_an_unknown_image_is_404(stack):
    json_error(stack.get("/api/image/AAAAAAAAAAAAAAAAAAAAAA/t/grayscale"), 404)


def test_the_transform_service_answers_the_image_and_stores_nothing(stack):
    with stack.database() as db:
        before = db.execute("SELECT (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM renditions)").fetchone()
    response = stack.session.post(stack.url("/api/transform/resize:fit:100:100/format:png"),
                                  files={"image": ("a.jpg", images.sample(FACE_PHOTO), "image/jpeg")}, timeout=60)
    out = picture(response)
    assert out.format == "PNG" and out.size == (100, 62)
    assert response.headers["Cache-Control"] == "no-store"
    with stack.database() as db:
        assert db.execute("SELECT (SELECT COUNT(*) FROM images), (SELECT COUNT(*) FROM renditions)").fetchone() == before
    bad = stack.session.post(stack.url("/api/transform/rotate:45"), files={"image": ("a.jpg", images.sample(FACE_PHOTO))})
    assert "rotate:45" in json_error(bad, 400)
    assert "unsupported" in json_error(stack.session.post(stack.url("/api/transform/grayscale"),
                                                          files={"image": ("a.txt", b"hello, not an image")}), 415)


def test_alpha_survives_into_png_and_webp(stack):
    transparent = Image.new("RGBA", (40, 30), (255, 0, 0, 0))
    buffer = io.BytesIO()
    transparent.save(buffer, "PNG")
    for fmt in ("png", "webp"):
        response = stack.session.post(stack.url(f"/api/transform/resize:fit:20:20/format:{fmt}"),
                                      files={"image": ("t.png", buffer.getvalue(), "image/png")}, timeout=60)
        out = picture(response)
        assert out.mode in ("RGBA", "LA") and out.getpixel((0, 0))[-1] == 0, fmt


def test_signed_paths_are_required_when_the_server_has_a_key():
    stack = Stack(transform_key="a-long-secret").up()
    try:
        image_id = stack.accepted_id(images.sample(FACE_PHOTO), "messi.jpg")
        assert stack.wait_result(image_id).json()["status"] == "completed"
        assert "signed" in json_error(stack.get(f"/api/image/{image_id}/t/grayscale"), 403)
        assert "signed" in json_error(stack.get(f"/api/image/{image_id}/t/bm90LXRoZS1zaWduYXR1cmU/grayscale"), 403)
        signed = subprocess.run([str(RELEASE / "peek-admin"), "sign-url", image_id, "grayscale/format:png"],
                                env=stack.env, capture_output=True, text=True, check=True).stdout.strip()
        assert picture(stack.get(signed)).format == "PNG"
        assert stack.get(f"/api/image/{image_id}/thumbnail").status_code == 200, "presets need no signature"
        other = signed.replace(image_id, "AAAAAAAAAAAAAAAAAAAAAA")
        json_error(stack.get(other), 403)
    finally:
        stack.destroy()


def test_sign_url_takes_an_image_id_that_begins_with_a_dash():
    # One id in 64 begins with "-": it is the id, not an option of peek-admin.
    result = subprocess.run([str(RELEASE / "peek-admin"), "sign-url", "-wSxzrNs8v1-MjzpD4oERg", "grayscale"],
                            env={**os.environ, "PEEK_TRANSFORM_KEY": "a-long-secret"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("/api/image/-wSxzrNs8v1-MjzpD4oERg/t/") and result.stdout.strip().endswith("/grayscale")


def test_a_transform_past_its_time_limit_answers_json_5xx_and_the_pool_serves_on():
    stack = Stack(transform_timeout_seconds=1).up()
    try:
        image_id = stack.accepted_id(images.sample(FACE_PHOTO), "messi.jpg")
        assert stack.wait_result(image_id).json()["status"] == "completed"
        slow = stack.get(f"/api/image/{image_id}/t/resize:force:4000:4000/blur:20/sharpen:10/blur:20/format:png")
        assert slow.status_code in (502, 503) and "error" in slow.json()
        assert picture(stack.get(f"/api/image/{image_id}/t/resize:fit:50:50")).size == (50, 31)
        with stack.database() as db:
            recipes = [row[0] for row in db.execute("SELECT recipe FROM renditions")]
        assert not any("blur" in recipe for recipe in recipes), "nothing half made was recorded"
    finally:
        stack.destroy()
