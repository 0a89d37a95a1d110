#!/usr/bin/env python3
"""Latencies of `actorgraph lsp` on a big dataset, driven over stdio as an editor would.

Measures, on DATA (default /tmp/bench-data/large) with BINARY (default
target/release/actorgraph):
  - initialize -> first diagnostics of an opened buffer (a full validation);
  - completion, hover and definition latency while a re-validation is running (one
    request every PACE seconds, about as often as an editor asks while one types);
  - re-validation after a one-character edit (edit -> published diagnostics, the 200 ms
    debounce included);
  - the server's peak resident memory (VmHWM).
The buffer is never saved: DATA is only read. Usage:
  bench/lsp_latency.py [DATA] [BINARY] [ROUNDS]
"""

import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench-data/large")
BINARY = sys.argv[2] if len(sys.argv) > 2 else "target/release/actorgraph"
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 5
PACE = float(os.environ.get("PACE", "0.05"))


def uri(path):
    return "file://" + path


class Server:
    def __init__(self):
        self.proc = subprocess.Popen(
            [BINARY, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.inbox = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def wait(self, test, timeout=600):
        end = time.perf_counter() + timeout
        while True:
            at, message = self.inbox.get(timeout=max(0.01, end - time.perf_counter()))
            if test(message):
                return at, message

    def peak_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")


def diagnostics_for(target, want_error):
    def test(m):
        if m.get("method") != "textDocument/publishDiagnostics":
            return False
        p = m["params"]
        if p["uri"] != target:
            return False
        has = any(d.get("code") == "unknown-organization" for d in p["diagnostics"])
        return has == want_error

    return test


def main():
    files = sorted(f for f in os.listdir(DATA) if f.endswith(".yaml"))
    path = next(
        os.path.join(DATA, f)
        for f in files
        if re.search(r"^\s*-?\s*from: \S+$", open(os.path.join(DATA, f), encoding="utf-8").read(), re.M)
    )
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if re.match(r"^\s*-?\s*from: \S+$", l))
    column = lines[line].index("from: ") + len("from: ")
    broken_lines = list(lines)
    broken_lines[line] = lines[line] + "q"
    broken = "\n".join(broken_lines)
    target = uri(path)

    server = Server()
    t0 = time.perf_counter()
    rid = server.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": uri(DATA), "capabilities": {},
         "workspaceFolders": [{"uri": uri(DATA), "name": "data"}]},
    )
    t_init, _ = server.wait(lambda m: m.get("id") == rid)
    server.notify("initialized", {})
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": target, "languageId": "yaml", "version": 1, "text": broken}},
    )
    t_first, _ = server.wait(diagnostics_for(target, True))
    print(f"initialize answered: {1000 * (t_init - t0):.0f} ms after start")
    print(f"initialize -> first diagnostics: {t_first - t_init:.2f} s")

    position = {"textDocument": {"uri": target}, "position": {"line": line, "character": column + 1}}
    revalidation, during = [], {"completion": [], "hover": [], "definition": []}
    version = 1
    for round_ in range(ROUNDS):
        version += 1
        fixed = round_ % 2 == 0
        # One character: the `q` removed, or put back.
        if fixed:
            change = {"range": {"start": {"line": line, "character": len(lines[line])},
                                "end": {"line": line, "character": len(lines[line]) + 1}}, "text": ""}
        else:
            change = {"range": {"start": {"line": line, "character": len(lines[line])},
                                "end": {"line": line, "character": len(lines[line])}}, "text": "q"}
        t_edit = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": target, "version": version}, "contentChanges": [change]},
        )
        published = None
        pending = {}
        methods = ["textDocument/completion", "textDocument/hover", "textDocument/definition"]
        k = 0
        next_at = time.perf_counter()
        while published is None:
            if not pending and time.perf_counter() >= next_at:
                method = methods[k % 3]
                k += 1
                pending[server.request(method, position)] = (method, time.perf_counter())
                next_at = time.perf_counter() + PACE
            try:
                at, m = server.wait(lambda m: True, timeout=PACE)
            except queue.Empty:
                continue
            if m.get("id") in pending:
                method, sent = pending.pop(m["id"])
                if published is None:
                    during[method.split("/")[1]].append(1000 * (at - sent))
            elif diagnostics_for(target, not fixed)(m):
                published = at
        revalidation.append(published - t_edit)
    print(f"re-validation after a one-character edit (debounce included), {ROUNDS} rounds: "
          f"median {statistics.median(revalidation):.2f} s, max {max(revalidation):.2f} s")
    for method, times in during.items():
        if times:
            times.sort()
            print(f"{method} while re-validating: {len(times)} requests, median {statistics.median(times):.1f} ms, "
                  f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms, max {times[-1]:.1f} ms")
    print(f"peak resident memory: {server.peak_mib():.0f} MiB")
    rid = server.request("shutdown", None)
    server.wait(lambda m: m.get("id") == rid)
    server.notify("exit", None)
    server.proc.wait(timeout=60)


if __name__ == "__main__":
    main()
