#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every module parameter is documented in the admin guide in the same
words as the comment above its variable in simple_lmk.c, and every counter
file is in the guide's counter table. One PASS/FAIL line each."""
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
