using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SessionGen;

/// <summary>
/// A tiny mutual-exclusion gate for critical sections of a few dozen instructions that never block nor call
/// out: one interlocked exchange when free, where a <see langword="lock"/> costs several times as much (it
/// also looks up the current thread). Not reentrant. Lives as a field of the object it guards, so it adds
/// 4 bytes, not an object; call <see cref="Hold"/> (or <see cref="Enter"/> and <see cref="Exit"/>) on the field itself.
/// </summary>
internal struct SpinGate
{
    private int taken;

    /// <summary>Enters, and exits when the returned scope is disposed: <c>using (gate.Hold()) { … }</c>, like <c>lock</c>.</summary>
    [UnscopedRef]
    public Scope Hold()
    {
        Interleaving.Point();
        Enter();
        Interleaving.Point();
        return new Scope(ref this);
    }

    public void Enter()
    {
        if (Interlocked.CompareExchange(ref taken, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    public void Exit() => Volatile.Write(ref taken, 0);

    /// <summary>Whether some thread holds it now: for tests that check no user code runs under a gate.</summary>
    public bool IsHeld => Volatile.Read(ref taken) != 0;

    // SpinWait yields and then sleeps as it goes on, so a holder that was preempted gets its core back.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce();
        }
        while (Volatile.Read(ref taken) != 0 || Interlocked.CompareExchange(ref taken, 1, 0) != 0);
    }

    /// <summary>The held gate; disposing it exits.</summary>
    public readonly ref struct Scope
    {
        private readonly ref SpinGate gate;

        public Scope(ref SpinGate gate)
        {
            this.gate = ref gate;
        }

        public void Dispose() => gate.Exit();
    }
}
