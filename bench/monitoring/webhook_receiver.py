#!/usr/bin/env python3
"""Webhook receiver for bench/monitoring.sh: answers every POST with 204 and appends one JSON line per delivery to
OUT — arrival time (Unix seconds, float), whether the HMAC signature verified, and the alert's node, rule, severity and
transition. The key is read from the environment variable named by --key-env, never from the command line.

    webhook_receiver.py --port PORT --out FILE --key-env VAR
"""
import argparse
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--key-env", required=True)
    args = parser.parse_args()
    key = os.environ.get(args.key_env, "").encode()
    if not key:
        sys.exit(f"set {args.key_env} to the webhook key")
    lock = threading.Lock()
    out = open(args.out, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            arrived = time.time()
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            ts = self.headers.get("X-Lifeline-Timestamp", "")
            expected = "sha256=" + hmac.new(key, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
            signed = hmac.compare_digest(expected, self.headers.get("X-Lifeline-Signature", ""))
            try:
                payload = json.loads(body)
                alert = payload.get("alert") or {}
            except ValueError:
                payload, alert = {}, {}
            self.send_response(204)
            self.end_headers()
            record = {"arrived": arrived, "signed": signed, "delivery": self.headers.get("X-Lifeline-Delivery"),
                      "transition": payload.get("transition"), "node": alert.get("node"), "rule": alert.get("rule"),
                      "severity": alert.get("severity"), "first_seen": alert.get("first_seen"),
                      "summary": alert.get("summary")}
            with lock:
                out.write(json.dumps(record) + "\n")

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("listening", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
