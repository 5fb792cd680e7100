"""Schemathesis hooks of the contract tests (loaded through SCHEMATHESIS_HOOKS by test_contract.py).

The image downloads are not JSON, so schemathesis has no schema to check them against; this
"deserializer" checks instead that the bytes really are an image of the format their
Content-Type names (by signature, the way fn-analyze recognises uploads) and hands the schema
(`type: string, format: binary`) the bytes as text.
"""
import schemathesis

SIGNATURES = {
    "image/png": [b"\x89PNG\r\n\x1a\n"],
    "image/jpeg": [b"\xff\xd8\xff"],
    "image/gif": [b"GIF87a", b"GIF89a"],
    "image/bmp": [b"BM"],
    "image/webp": [b"RIFF"],
}


@schemathesis.deserializer(*SIGNATURES)
def image_of_its_content_type(ctx, response):
    media_type = response.headers.get("content-type", [""])
    media_type = (media_type[0] if isinstance(media_type, list) else media_type).split(";")[0].strip().lower()
    content = response.content
    if not any(content.startswith(signature) for signature in SIGNATURES.get(media_type, [])):
        raise ValueError(f"the body is not a {media_type} image: it starts with {content[:12]!r}")
    if media_type == "image/webp" and content[8:12] != b"WEBP":
        raise ValueError(f"the body is not a WEBP image: it starts with {content[:12]!r}")
    return content.decode("latin-1")
