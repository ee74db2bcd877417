# Inclusive µs per call of each frame on both sides and their difference.
# usage: diff.py PLAIN.txt PLAIN_CPU SESSIONGEN.txt SESSIONGEN_CPU [incl|excl] [rows]
import sys, re, collections
def load(path):
    samples=[]; cur=[]
    for line in open(path):
        if not line.strip() or line[0] not in ' \t':
            if cur: samples.append(cur)
            cur=[]; continue
        p=line.strip().split(' ',1); s=p[1] if len(p)>1 else '?'
        s=re.sub(r'\[Optimized\]','',s)
        m=re.search(r'([\w`\+<>\.\|\[\],]+)::([\w<>\|`\.]+)\(', s)
        cur.append(f"{m.group(1)}::{m.group(2)}" if m else s[:100])
    if cur: samples.append(cur)
    incl=collections.Counter(); excl=collections.Counter()
    for st in samples:
        excl[st[0]]+=1
        for k in set(st): incl[k]+=1
    return len(samples), incl, excl
mode=sys.argv[5] if len(sys.argv)>5 else 'incl'
na, ia, ea = load(sys.argv[1]); ca=float(sys.argv[2])
nb, ib, eb = load(sys.argv[3]); cb=float(sys.argv[4])
A = ia if mode=='incl' else ea; B = ib if mode=='incl' else eb
keys=set(A)|set(B)
rows=[(cb*B[k]/nb - ca*A[k]/na, ca*A[k]/na, cb*B[k]/nb, k) for k in keys]
rows.sort(reverse=True)
print(f"{mode}: diff(us/call) plain sessiongen frame")
for d,a,b,k in rows[:int(sys.argv[6]) if len(sys.argv)>6 else 60]: print(f"{d:+6.2f} {a:5.2f} {b:5.2f} {k[:150]}")
