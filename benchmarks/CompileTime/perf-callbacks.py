#!/usr/bin/env python3
# On-CPU samples of a csc build inside SessionGen's analyzer callbacks (docs/compile-time.md, seventh round).
# Record csc with its JIT code symbolized, then read the samples:
#   DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 perf record -F 499 -g -o csc.data -- \
#     dotnet exec /usr/share/dotnet/sdk/<version>/Roslyn/bincore/csc.dll @csc.rsp
#   perf script -i csc.data > csc.txt
#   benchmarks/CompileTime/perf-callbacks.py csc.txt /tmp/perf-<csc pid>.map
# W^X off puts JIT code in anonymous memory, whose addresses the perf map names (with W^X on, perf reports offsets into
# a memfd mapping that the map cannot resolve). Prints how many samples have a SessionGen.Analyzers frame, what they
# ended in (leaf), and the outermost, second and innermost SessionGen frames.
import sys, collections, re, bisect
mp=[]
for line in open(sys.argv[2], errors='replace'):
    p=line.rstrip('\n').split(' ',2)
    if len(p)<3: continue
    try: mp.append((int(p[0],16), int(p[1],16), p[2]))
    except: pass
mp.sort(); starts=[m[0] for m in mp]
def sym(addr):
    i=bisect.bisect_right(starts, addr)-1
    if i>=0 and addr < mp[i][0]+mp[i][1]: return mp[i][2]
    return None
samples=[]; cur=None
for line in open(sys.argv[1], errors='replace'):
    if not line.strip():
        if cur is not None: samples.append(cur); cur=None
        continue
    if not line.startswith('\t'):
        cur=[]; continue
    t=line.strip(); a=t.split(' ',1)
    name=a[1] if len(a)>1 else ''
    if '[unknown]' in name:
        try:
            s=sym(int(a[0],16))
            if s: name=s
        except: pass
    cur.append(name)
if cur: samples.append(cur)
print('samples', len(samples))
isSG=lambda f: 'SessionGen.Analyzers' in f
sg=[s for s in samples if any(isSG(f) for f in s)]
gen=[s for s in samples if any('SessionGen.Generator' in f for f in s) and not any(isSG(f) for f in s)]
print('with a SessionGen.Analyzers frame', len(sg), ' generator only', len(gen))
def clean(f): return re.sub(r'\[(Optimized|Tier|Instrumented|QuickJitted|PreJIT)[^\]]*\]','',f)[:160]
def leafcat(s):
    f=s[0]
    if isSG(f): return 'SessionGen code itself'
    if 'libclrjit' in f: return 'JIT'
    if 'libcoreclr' in f: return 'coreclr (GC, type loader, stubs)'
    if 'kernel' in f: return 'kernel'
    if 'Microsoft.CodeAnalysis' in f: return 'Roslyn (R2R)'
    if 'System.' in f: return 'BCL'
    return 'other: '+f[:60]
c=collections.Counter(leafcat(s) for s in sg); print('leaf of SG samples:'); [print('  %5d %s'%(v,k)) for k,v in c.most_common()]
fr=lambda s:[clean(f) for f in s if isSG(f)]
outer=collections.Counter(fr(s)[-1] for s in sg); print('outermost SG frame:'); [print('  %5d %s'%(v,k)) for k,v in outer.most_common(8)]
rule=collections.Counter((fr(s)[-2] if len(fr(s))>1 else fr(s)[-1]) for s in sg); print('second SG frame:'); [print('  %5d %s'%(v,k)) for k,v in rule.most_common(30)]
inner=collections.Counter(fr(s)[0] for s in sg); print('innermost SG frame:'); [print('  %5d %s'%(v,k)) for k,v in inner.most_common(20)]
# whole-process categories
allc=collections.Counter(leafcat(s) for s in samples); print('all samples leaf:', allc.most_common(8))
