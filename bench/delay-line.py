#!/usr/bin/env python3
"""
A fixed delay on a lab's uplink, for kernels without netem (sch_netem): a TUN device whose
packets are written back after DELAY_MS, in order. bench/preflight.ts runs it inside the lab's
router namespace (never the root namespace) and routes what arrives from the lab's hosts through
it; the packet then continues to the uplink as before. Only the standard library; prints "ready"
once the device exists, and runs until killed (it holds nothing else).

usage: delay-line.py DEVICE DELAY_MS
"""
import collections
import fcntl
import os
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000

device, delay_ms = sys.argv[1], float(sys.argv[2])
if not 0 < delay_ms <= 10_000 or len(device) > 15:
    sys.exit("usage: delay-line.py DEVICE DELAY_MS (0 < DELAY_MS <= 10000)")

fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", device.encode(), IFF_TUN | IFF_NO_PI))
print("ready", flush=True)

delay = delay_ms / 1000
queue = collections.deque()
while True:
    now = time.monotonic()
    while queue and queue[0][0] <= now:
        os.write(fd, queue.popleft()[1])
    timeout = max(0.0, queue[0][0] - now) if queue else None
    readable, _, _ = select.select([fd], [], [], timeout)
    if readable:
        queue.append((time.monotonic() + delay, os.read(fd, 65535)))
