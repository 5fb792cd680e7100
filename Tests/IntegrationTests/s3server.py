"""moto's S3 server on loopback, with authentication enforced, for the stacks that keep their
blobs in a bucket (PEEK_TEST_BLOB_STORE=s3, or Stack(s3=…)).

moto checks every request's SigV4 signature against the IAM access keys it holds and the user's
policy, once INITIAL_NO_AUTH_ACTION_COUNT requests have passed unchecked: the first three make the
IAM user, its policy and its key pair; from then on a bad signature is refused (403
SignatureDoesNotMatch). moto keeps everything in memory: after a restart the buckets are empty, and
the key pair is the same only because the server's random generator is seeded the same way.
The server is started by `S3Server(host, port)` on any address, so a test can place it where it
wants (a network namespace's address)."""
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-tests" / "moto"
REQUIREMENTS = Path(__file__).with_name("s3-requirements.txt")
REGION = "us-east-1"
USER = "peek"
# The three IAM requests that make the user, its policy and its key; every later one is checked.
UNCHECKED_REQUESTS = 3
SEED = 1405


def ensure_venv():
    """Creates .venv-tests/moto with the pinned requirements once; reused while they are unchanged."""
    stamp = VENV / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    server = VENV / "bin" / "moto_server"
    if stamp.exists() and stamp.read_text() == wanted and server.exists():
        return server
    VENV.parent.mkdir(parents=True, exist_ok=True)
    (VENV.parent / ".gitignore").write_text("*\n")
    for command in ([sys.executable, "-m", "venv", "--clear", str(VENV)],
                    [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     "-r", str(REQUIREMENTS)]):
        result = subprocess.run(command, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"could not install {REQUIREMENTS.name} (python3-venv, PyPI):\n"
                               f"$ {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    stamp.write_text(wanted)
    return server


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class S3Server:
    """One moto server; `shared()` is the test session's, stopped when the session ends."""

    _shared = None

    @classmethod
    def shared(cls):
        if cls._shared is None:
            import atexit
            cls._shared = cls()
            atexit.register(cls._shared.stop)
        return cls._shared

    def __init__(self, host="127.0.0.1", port=None, netns=None):
        self.program = ensure_venv()
        self.host = host
        self.port = port or free_port(host)
        self.netns = netns
        self.endpoint = f"http://{host}:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="peek-moto-", suffix=".log")[1])
        self.process = None
        self.buckets = set()
        self.start()

    def start(self):
        """Starts the server and makes the IAM user with an s3:* policy and its key pair."""
        command = [str(self.program), "-H", self.host, "-p", str(self.port)]
        if self.netns:
            command = ["ip", "netns", "exec", self.netns, *command]
        env = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": str(UNCHECKED_REQUESTS)}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            start_new_session=True)
        deadline = time.time() + 60
        while True:
            try:
                # The random generator seeded first: the key pair is the same after every start.
                requests.post(f"{self.endpoint}/moto-api/seed?a={SEED}", timeout=2).raise_for_status()
                break
            except requests.RequestException:
                if self.process.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"moto did not start on {self.endpoint}:\n{self.log.read_text()[-3000:]}")
                time.sleep(0.1)
        iam = self._client("iam", "unchecked", "unchecked")
        iam.create_user(UserName=USER)
        iam.put_user_policy(UserName=USER, PolicyName="peek-s3", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName=USER)["AccessKey"]
        self.access_key_id, self.secret_access_key = key["AccessKeyId"], key["SecretAccessKey"]
        for bucket in self.buckets:
            self.client().create_bucket(Bucket=bucket)
        return self

    def kill(self):
        """SIGKILL, as a crash: every bucket and object is gone with the process (moto is in memory)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self):
        """Killed and started again on the same address: the same key pair, the buckets made anew (empty)."""
        self.kill()
        return self.start()

    def stop(self):
        self.kill()
        self.log.unlink(missing_ok=True)

    def create_bucket(self):
        name = f"peek-{os.urandom(5).hex()}"
        self.client().create_bucket(Bucket=name)
        self.buckets.add(name)
        return name

    def settings(self, bucket, secret=None):
        """The PEEK_* settings of a stack whose blobs are in `bucket`."""
        return {"PEEK_BLOB_STORE": "s3", "PEEK_S3_ENDPOINT": self.endpoint, "PEEK_S3_BUCKET": bucket,
                "PEEK_S3_REGION": REGION, "PEEK_S3_ACCESS_KEY_ID": self.access_key_id,
                "PEEK_S3_SECRET_ACCESS_KEY": secret or self.secret_access_key}

    def client(self, secret=None):
        """boto3's S3 client with the user's key pair (or a wrong secret), as an independent check."""
        return self._client("s3", self.access_key_id, secret or self.secret_access_key)

    def _client(self, service, key_id, secret):
        import boto3
        import botocore.config
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id=key_id,
                            aws_secret_access_key=secret,
                            config=botocore.config.Config(s3={"addressing_style": "path"},
                                                          retries={"max_attempts": 1}))

    # What a bucket holds, read with boto3

    def digests(self, bucket):
        """The digests of the blobs in `bucket` (`blobs/DIGEST` objects)."""
        names = set()
        for page in self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="blobs/"):
            names.update(item["Key"].removeprefix("blobs/") for item in page.get("Contents", []))
        return names

    def keys(self, bucket, prefix=""):
        keys = set()
        for page in self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            keys.update(item["Key"] for item in page.get("Contents", []))
        return keys

    def blob(self, bucket, digest):
        """The bytes of a blob, or None."""
        try:
            return self.client().get_object(Bucket=bucket, Key=f"blobs/{digest}")["Body"].read()
        except self.client().exceptions.NoSuchKey:
            return None

    def put_blob(self, bucket, data):
        digest = hashlib.sha256(data).hexdigest()
        self.client().put_object(Bucket=bucket, Key=f"blobs/{digest}", Body=data)
        return digest
