#!/usr/bin/env python3
"""Reference for the lab's end-to-end check until the C# image builder (AiTune.Lab.Image) lands: an uncompressed newc
initramfs with /init = the aitune binary, its ldd closure at the same paths, /dev/console (c 5 1), /aitune/lab.json and
/aitune/modules (MODS: absolute .ko paths, read from MODROOT + path, in load order). Usage: lab-e2e-initramfs.py AITUNE OUT.cpio [PAYLOAD]"""
import os, subprocess, sys, json, stat

aitune, out = sys.argv[1], sys.argv[2]
payload = sys.argv[3] if len(sys.argv) > 3 else "identify"
entries = []  # (name, mode, data, rdevmajor, rdevminor)
dirs = set()

def add_dir(path):
    parts = path.strip("/").split("/")
    for i in range(1, len(parts) + 1):
        d = "/".join(parts[:i])
        if d and d not in dirs:
            dirs.add(d); entries.append((d, stat.S_IFDIR | 0o755, b"", 0, 0))

def add_file(path, data, mode=0o644):
    add_dir(os.path.dirname(path))
    entries.append((path.lstrip("/"), stat.S_IFREG | mode, data, 0, 0))

add_dir("/dev"); entries.append(("dev/console", stat.S_IFCHR | 0o600, b"", 5, 1))
add_file("/init", open(aitune, "rb").read(), 0o755)
for line in subprocess.run(["ldd", aitune], capture_output=True, text=True, check=True).stdout.splitlines():
    path = next((w for w in line.split() if w.startswith("/")), None)
    if path:
        real = os.path.realpath(path)
        add_file(path, open(real, "rb").read(), 0o755)
add_file("/aitune/lab.json", json.dumps({"schemaVersion": 1, "payload": payload, "seed": 42}).encode())
mods = [m for m in os.environ.get("MODS", "").split() if m]
for m in mods:
    add_file(m, open(os.environ["MODROOT"] + m, "rb").read())
add_file("/aitune/modules", "".join(m + "\n" for m in mods).encode())

def pad(n): return (4 - n % 4) % 4
with open(out, "wb") as f:
    for ino, (name, mode, data, major, minor) in enumerate(entries + [("TRAILER!!!", 0, b"", 0, 0)], start=1):
        nb = name.encode() + b"\0"
        hdr = "070701" + "".join("%08x" % v for v in (ino, mode, 0, 0, 1, 0, len(data), 0, 0, major, minor, len(nb), 0))
        f.write(hdr.encode() + nb + b"\0" * pad(110 + len(nb)) + data + b"\0" * pad(len(data)))
print(out, os.path.getsize(out), [e[0] for e in entries])
