#!/usr/bin/env python3
"""Keystroke-to-echo latency through the console WebSocket (stdlib only, so the benchmark needs no extra build).

   console_latency.py URL NODE COUNT   (token in LIFELINE_TOKEN)

Attaches as the writer with replay=0, then COUNT times: sends one '~' in a binary frame and times until a binary frame
carrying '~' comes back (the simulated host echoes at its login prompt; flood lines never contain '~'). A Ctrl-C every
50 keys keeps the prompt's line short. Prints p50/p99/max in ms."""
import base64, os, socket, struct, sys, time, urllib.parse

def frame(opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))

def recv_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError("the service closed the WebSocket")
        data += chunk
    return data

def read_frame(s):
    b0, b1 = recv_exact(s, 2)
    n = b1 & 0x7F
    if n == 126:
        n = struct.unpack(">H", recv_exact(s, 2))[0]
    elif n == 127:
        n = struct.unpack(">Q", recv_exact(s, 8))[0]
    return b0 & 0x0F, recv_exact(s, n)

def main():
    url, node, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    u = urllib.parse.urlparse(url)
    s = socket.create_connection((u.hostname, u.port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /api/v1/consoles/{node}/ws?mode=write&force=true&replay=0 HTTP/1.1\r\nHost: {u.netloc}\r\n"
               f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
               f"Authorization: Bearer {os.environ['LIFELINE_TOKEN']}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += recv_exact(s, 1)
    if b" 101 " not in head.split(b"\r\n")[0]:
        sys.exit(f"upgrade refused: {head.splitlines()[0]!r}")
    s.sendall(frame(0x2, b"\x03"))  # a fresh prompt line
    time.sleep(0.5)
    s.setblocking(True)
    samples = []
    for i in range(count):
        if i % 50 == 49:
            s.sendall(frame(0x2, b"\x03"))
        t0 = time.perf_counter()
        s.sendall(frame(0x2, b"~"))
        while True:
            op, payload = read_frame(s)
            if op == 0x8:
                sys.exit(f"closed: {payload[2:].decode(errors='replace')}")
            if op == 0x2 and b"~" in payload:
                break
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    print(f"{count} keystrokes: p50 {pick(0.50):.2f} ms, p99 {pick(0.99):.2f} ms, max {samples[-1]:.2f} ms")

main()
