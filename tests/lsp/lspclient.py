"""A small JSON-RPC client for `journey lsp`, for the tests and the benchmark.

Client(journey) starts the server; request() sends a request and returns
its response (the notifications that arrive meanwhile are kept in
self.notes); notify() sends a notification; send_raw() writes bytes as
they are.  Messages are framed with Content-Length as LSP says."""
import json
import os
import select
import subprocess
import time


def uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


class Client:
    def __init__(self, journey, env=None, args=("lsp",)):
        self.proc = subprocess.Popen([journey, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.buf = b""
        self.next_id = 1
        self.notes = []

    # ---- bytes ------------------------------------------------------------
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read_message(self, timeout=10):
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                headers = self.buf[:head_end].decode("ascii").split("\r\n")
                length = None
                for h in headers:
                    name, _, value = h.partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                assert length is not None, headers
                if len(self.buf) >= head_end + 4 + length:
                    body = self.buf[head_end + 4:head_end + 4 + length]
                    self.buf = self.buf[head_end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from the server")
            r, _, _ = select.select([fd], [], [], left)
            if r:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise EOFError("the server closed its output")
                self.buf += chunk

    # ---- messages ---------------------------------------------------------
    def request_id(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": i, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return i

    def wait_response(self, i, timeout=10):
        while True:
            m = self.read_message(timeout)
            if m.get("id") == i and "method" not in m:
                return m
            self.notes.append(m)

    def request(self, method, params=None, timeout=10):
        return self.wait_response(self.request_id(method, params), timeout)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_note(self, method, pred=lambda p: True, timeout=10):
        """The first notification `method` whose params satisfy pred, among
        those kept and those to come."""
        for k, m in enumerate(self.notes):
            if m.get("method") == method and pred(m.get("params")):
                del self.notes[:k + 1]
                return m["params"]
        self.notes.clear()
        while True:
            m = self.read_message(timeout)
            if m.get("method") == method and pred(m.get("params")):
                return m["params"]

    def diagnostics(self, doc_uri, version=None, timeout=10):
        return self.wait_note("textDocument/publishDiagnostics",
                              lambda p: p["uri"] == doc_uri and (version is None or p.get("version") == version),
                              timeout)["diagnostics"]

    # ---- lifecycle --------------------------------------------------------
    def initialize(self, options=None, capabilities=None):
        params = {"processId": os.getpid(), "rootUri": None, "capabilities": capabilities or {}}
        if options is not None:
            params["initializationOptions"] = options
        r = self.request("initialize", params)
        self.notify("initialized", {})
        return r

    def open(self, doc_uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": doc_uri, "languageId": "journey",
                                                              "version": version, "text": text}})

    def change(self, doc_uri, text, version):
        self.notify("textDocument/didChange", {"textDocument": {"uri": doc_uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def shutdown(self, timeout=10):
        r = self.request("shutdown")
        self.notify("exit")
        self.proc.stdin.close()
        rc = self.proc.wait(timeout)
        err = self.proc.stderr.read().decode("utf-8", "replace")
        self.proc.stdout.close()
        self.proc.stderr.close()
        return r, rc, err

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except Exception:
                pass
