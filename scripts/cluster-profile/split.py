# Splits `perf script -F comm,tid,time,ip,sym` samples between the two sides of a `--cluster-cpu N Row windows` run (its stderr).
# usage: split.py WINDOWS SCRIPT PREFIX  ->  PREFIX-plain.txt, PREFIX-sessiongen.txt
import sys, re, bisect
out, script, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
wins = []
for line in open(out):
    m = re.match(r'window (\S+) (plain|sessiongen) ([\d.]+) ([\d.]+) ([\d.]+)', line)
    if m: wins.append((float(m.group(3)), float(m.group(4)), m.group(2)))
wins.sort(); starts = [w[0] for w in wins]
files = {s: open(f"{prefix}-{s}.txt", 'w') for s in ('plain', 'sessiongen')}
counts = {'plain': 0, 'sessiongen': 0}
cur = None; buf = []
def flush():
    if cur is not None and buf:
        files[cur].write(''.join(buf)); files[cur].write('\n'); counts[cur] += 1
for line in open(script):
    if line.strip() and line[0] not in ' \t':
        flush(); buf = []; cur = None
        m = re.search(r' (\d+\.\d+):', line)
        if m:
            t = float(m.group(1)); i = bisect.bisect_right(starts, t) - 1
            if i >= 0 and t <= wins[i][1]: cur = wins[i][2]
        if cur: buf.append(line)
    elif cur is not None and line.strip():
        buf.append(line)
flush()
import statistics
for s in counts:
    cpus = [float(l.split()[5]) for l in open(out) if l.startswith('window') and l.split()[2] == s]
    print(s, 'samples', counts[s], 'median cpu us/call', statistics.median(cpus))
