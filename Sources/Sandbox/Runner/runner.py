"""Peek's model runner: the program every sandboxed run starts (SPEC §11). It is Peek's own file,
mounted read-only into the sandbox; nothing of it comes from the package.

    python3 runner.py PACKAGE_DIR INPUT_PATH OUTPUT_DIR

It imports PACKAGE_DIR/predict.py, calls run(INPUT_PATH, OUTPUT_DIR) and writes JSON lines to
file descriptor 3, which the worker reads: {"event": "entered", "at": UNIX_TIME} just before run is
called, then one {"event": "result", "result": {...}} or {"event": "failed", "error": "...",
"kind": "..."}. What run prints (stdout and stderr) is the job's log; a traceback goes there too.
The limits (memory, processes, CPU time, file size) are set by prlimit before this starts."""
import errno
import importlib.util
import json
import os
import sys
import time
import traceback

CHANNEL = 3
MAIN_PID = os.getpid()


def send(message):
    """One JSON line to the worker; only the runner's own process speaks (a forked child of run stays silent)."""
    if os.getpid() != MAIN_PID:
        return
    data = (json.dumps(message) + "\n").encode()
    while data:
        data = data[os.write(CHANNEL, data):]


def fail(kind, error):
    send({"event": "failed", "kind": kind, "error": error})
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1)


def load(package_dir):
    path = os.path.join(package_dir, "predict.py")
    sys.path.insert(0, package_dir)
    spec = importlib.util.spec_from_file_location("predict", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["predict"] = module
    spec.loader.exec_module(module)
    run = getattr(module, "run", None)
    if not callable(run):
        fail("no_run", "predict.py defines no function run(input_path, output_dir)")
    return run


def failure_of(error):
    """The kind and message of an exception raised by predict.py, in the words a user needs."""
    if isinstance(error, MemoryError):
        return "memory", "out of memory: run needed more than the sandbox's memory limit"
    if isinstance(error, BlockingIOError) or (isinstance(error, OSError) and error.errno == errno.EAGAIN):
        return "processes", "too many processes: run started more than the sandbox's process limit"
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        return "output", "output over the size limit: run wrote a file larger than the sandbox allows"
    return "exception", f"run raised {type(error).__name__}: {error}"


def main():
    package_dir, input_path, output_dir = sys.argv[1:4]
    try:
        run = load(package_dir)
    except SystemExit:
        raise
    except BaseException as error:  # noqa: BLE001 - whatever predict.py raises while loading is the user's
        traceback.print_exc()
        if os.getpid() != MAIN_PID:
            os._exit(1)
        kind, message = failure_of(error)
        fail(kind, "loading predict.py failed: " + message if kind == "exception" else message)
    send({"event": "entered", "at": time.time()})
    try:
        result = run(input_path, output_dir)
    except BaseException as error:  # noqa: BLE001
        if os.getpid() != MAIN_PID:
            os._exit(1)
        traceback.print_exc()
        fail(*failure_of(error))
    if os.getpid() != MAIN_PID:
        os._exit(0)
    if not isinstance(result, dict):
        fail("not_json", f"run returned {type(result).__name__}, not a dict")
    try:
        text = json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as error:
        fail("not_json", f"run returned a dict that is not JSON-serialisable: {error}")
    sys.stdout.flush()
    sys.stderr.flush()
    send({"event": "result", "result": json.loads(text)})


if __name__ == "__main__":
    main()
