# Inclusive/exclusive sample shares per frame from `perf script -F comm,tid,time,ip,sym` output.
# usage: perf script ... | python3 frames.py CPU_US_PER_CALL [pattern ...]
import sys, re, collections
cpu = float(sys.argv[1])
pats = sys.argv[2:]
samples = []
cur = []
for line in sys.stdin:
    if not line.strip():
        if cur: samples.append(cur); cur = []
        continue
    if line[0] not in ' \t':
        if cur: samples.append(cur)
        cur = []
        continue
    parts = line.strip().split(' ', 1)
    sym = parts[1] if len(parts) > 1 else '?'
    sym = re.sub(r'\[Optimized\]|\[OptimizedTier1\]|\[PreJIT\]', '', sym)
    cur.append(sym)
if cur: samples.append(cur)
n = len(samples)
def short(s):
    m = re.search(r'([\w`\+<>\.\|\[\],]+)::([\w<>\|`\.]+)\(', s)
    if m:
        cls = m.group(1).split('.')[-1] if '.' in m.group(1) else m.group(1)
        return f"{m.group(1)}::{m.group(2)}"
    return s[:120]
incl = collections.Counter(); excl = collections.Counter()
sg_excl = 0
for st in samples:
    seen = set()
    leaf = short(st[0])
    excl[leaf] += 1
    for f in st:
        k = short(f)
        if k not in seen:
            seen.add(k); incl[k] += 1
    if 'SessionGen' in st[0] and 'SessionGen.Benchmarks' not in st[0]:
        sg_excl += 1
print(f"samples {n}; CPU {cpu} us/call; 1% = {cpu/100:.3f} us")
print(f"exclusive in SessionGen frames (not benchmarks): {100*sg_excl/n:.1f}% = {cpu*sg_excl/n:.2f} us")
if pats:
    for p in pats:
        rx = re.compile(p)
        c = sum(1 for st in samples if any(rx.search(f) for f in st))
        e = sum(1 for st in samples if rx.search(st[0]))
        print(f"{p:70s} incl {100*c/n:5.1f}% {cpu*c/n:6.2f} us  excl {100*e/n:5.1f}% {cpu*e/n:5.2f} us")
else:
    for k, c in incl.most_common(120):
        if 'SessionGen' in k:
            print(f"incl {100*c/n:5.1f}% {cpu*c/n:6.2f}us excl {100*excl[k]/n:5.1f}% {k}")
