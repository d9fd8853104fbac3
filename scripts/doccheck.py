#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every module parameter is documented in the admin guide in the same
words as the comment above its variable in simple_lmk.c; every counter
file, trace event field and uevent variable is in the guide's tables; the
module, DKMS and the Debian package have one version. One PASS/FAIL line
each."""
import re
import sys

root = sys.argv[1]
code = open(f"{root}/simple_lmk.c").read()
doc = open(f"{root}/Documentation/admin-guide/simple_lmk.rst").read()


def words(text):
    return " ".join(text.split())


flat_doc = words(doc)
params = re.findall(r"module_param_cb\((\w+),\s*&\w+,\s*&?(\w+)", code)
if not params:
    print("FAIL docs: no module parameter found in simple_lmk.c")
for name, arg in params:
    var = arg.replace("slmk_param_", "slmk_")
    m = re.search(r"/\*\n((?: \*.*\n)+?) \*/\nstatic [^;=]*\b%s\b" % var, code)
    if not m:
        print(f"FAIL docs:{name}: no comment above {var} in simple_lmk.c")
        continue
    comment = "\n".join(re.sub(r"^ \* ?", "", l) for l in m.group(1).splitlines())
    if f"\n{name}\n{'-' * len(name)}\n" not in doc:
        print(f"FAIL docs:{name}: no section for it in the admin guide")
    elif words(comment) not in flat_doc:
        print(f"FAIL docs:{name}: the guide's words differ from the code comment")
    else:
        print(f"PASS docs:{name}")

for name in re.findall(r"__ATTR\((\w+), 0444", code):
    if re.search(r"^%s\s+\S+\s+\S" % name, doc, re.M):
        print(f"PASS docs:counter-{name}")
    else:
        print(f"FAIL docs:counter-{name}: not in the guide's counter table")

# Trace events: every field of every event in the guide, in that event's
# section ("simple_lmk_<name>" underlined with ~), first column of a table.
trace = open(f"{root}/simple_lmk_trace.h").read()
for ev, body in re.findall(r"TRACE_EVENT\((\w+),(.*?)\n\);", trace, re.S):
    m = re.search(r"\n%s\n~+\n(.*?)(?=\n\S[^\n]*\n[~\-=^]{3,}\n|\Z)" % ev, doc, re.S)
    if not m:
        print(f"FAIL docs:event-{ev}: no section for it in the admin guide")
        continue
    fields = re.findall(r"__field\(\s*[^,]+,\s*(\w+)\)", body) + \
        re.findall(r"__array\(\s*[^,]+,\s*(\w+),", body)
    missing = [f for f in fields
               if not re.search(r"^\s*%s\s+\S" % f, m.group(1), re.M)]
    if missing:
        print(f"FAIL docs:event-{ev}: fields not in its table: {' '.join(missing)}")
    else:
        print(f"PASS docs:event-{ev} ({len(fields)} fields)")

# uevent variables: each one the module sets is in the guide's table.
names = re.findall(r'"([A-Z]+(?:%u)?(?:_[A-Z]+)*)=', code)
bad = [n.replace("%u", "<n>") for n in names
       if not re.search(r"^``%s``" % re.escape(n.replace("%u", "<n>")), doc, re.M)]
if not names:
    print("FAIL docs:uevent: no uevent variable found in simple_lmk.c")
elif bad:
    print(f"FAIL docs:uevent: not in the guide: {' '.join(bad)}")
else:
    print(f"PASS docs:uevent ({len(names)} variables)")

# One version: the module's, DKMS's and the Debian package's.
hdr = open(f"{root}/simple_lmk.h").read()
ver = re.search(r'#define SLMK_VERSION\s+"([^"]+)"', hdr)
dk = re.search(r'^PACKAGE_VERSION="([^"]+)"', open(f"{root}/dkms.conf").read(), re.M)
ch = re.match(r"\S+ \(([^)]+)\)", open(f"{root}/debian/changelog").read())
got = [x.group(1) if x else None for x in (ver, dk, ch)]
if None in got or len(set(got)) != 1:
    print(f"FAIL docs:version: simple_lmk.h, dkms.conf, debian/changelog say {got}")
else:
    print(f"PASS docs:version {got[0]}")
