"""A small scripted LSP client for the language server tests (stdlib only)."""
import json
import queue
import subprocess
import threading
import time
import urllib.parse


def uri_of(path):
    return "file://" + urllib.parse.quote(str(path))


class Client:
    def __init__(self, binary, cwd, stderr_path, jobs=2):
        self.stderr = open(stderr_path, "wb")
        self.proc = subprocess.Popen([binary, "lsp", "--jobs", str(jobs)], cwd=cwd,
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr)
        self.messages = queue.Queue()
        self.notifications = []  # every notification and server request, in order
        self.raw = bytearray()   # every byte the server wrote
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                self.raw += line
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.raw += body
            self.messages.put(json.loads(body))

    def write_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.write_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def request(self, method, params=None, timeout=30):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.response(self.next_id, timeout)

    def response(self, id, timeout=30):
        return self.wait(lambda m: "method" not in m and m.get("id") == id, timeout)

    def wait(self, predicate, timeout=30):
        """The first message matching predicate (earlier ones are kept as notifications)."""
        deadline = time.monotonic() + timeout
        for m in self.notifications:
            if predicate(m):
                self.notifications.remove(m)
                return m
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("timed out waiting for a message")
            try:
                m = self.messages.get(timeout=left)
            except queue.Empty:
                raise AssertionError("timed out waiting for a message")
            if m is None:
                raise AssertionError("the server closed its output")
            if predicate(m):
                return m
            self.notifications.append(m)

    def diagnostics(self, uri, timeout=30):
        """The next publishDiagnostics for uri."""
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri, timeout)
        return m["params"]["diagnostics"]

    def initialize(self, root, encodings=None, capabilities=None):
        caps = capabilities or {}
        if encodings is not None:
            caps.setdefault("general", {})["positionEncodings"] = encodings
        result = self.request("initialize", {"processId": None, "rootUri": uri_of(root),
                                             "capabilities": caps})
        self.notify("initialized", {})
        return result

    def stop(self, timeout=10):
        try:
            self.request("shutdown", timeout=timeout)
            self.notify("exit")
        except (AssertionError, BrokenPipeError):
            pass
        return self.wait_exit(timeout)

    def wait_exit(self, timeout=10):
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.stderr.close()
