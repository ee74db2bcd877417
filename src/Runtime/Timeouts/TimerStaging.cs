using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The timeouts a handler schedules while it runs on this thread, kept aside until its synchronous part returns and
/// then handed to the wheel all at once (<see cref="TimerWheel.HandOver"/>): one gate and one clock read for the
/// batch instead of one of each per timeout.
/// </summary>
/// <remarks>
/// A window is opened by <see cref="HandlerScope"/> around a handler call and closed when the call returns (for an
/// async handler, at its first await): only code on that thread, inside that call, reads or writes it, so staging
/// takes no lock. A timeout scheduled for the session from anywhere else (another thread, a continuation after an
/// await) does not see the window and goes straight to the wheel. Each handover reads the clock after the handler's
/// part has run, so a staged timeout is due its delay after a moment no earlier than its scheduling: it may fire
/// late by the rest of that synchronous part (during which the session could not run it anyway), never early.
/// </remarks>
internal static class TimerStaging
{
    [ThreadStatic]
    private static Window current;

    /// <summary>Opens the window of <paramref name="session"/>'s handler on this thread; returns the one it hides.</summary>
    internal static Window Open(SessionContext session)
    {
        Window previous = current;
        current = new Window(session);
        return previous;
    }

    /// <summary>Closes this thread's window, hands its timeouts to the wheel, and puts <paramref name="previous"/> back.</summary>
    internal static void Close(Window previous)
    {
        Window closing = current;
        current = previous;
        if (closing.Head is not null || closing.Free is not null)
        {
            closing.Session!.Host.Timers.HandOver(closing.Session, closing.Head, closing.Tail, closing.Free);
        }
    }

    /// <summary>This thread's window slot itself, for <see cref="OneWayRunScope"/>, which keeps one window open for a run of handlers.</summary>
    internal static ref Window ThreadWindow => ref current;

    /// <summary>
    /// Hands the timeouts staged in <paramref name="window"/> so far to the wheel and leaves it open and empty: what
    /// <see cref="Close"/> then <see cref="Open"/> would do between two handlers of one session, without the lookups.
    /// </summary>
    internal static void HandOver(ref Window window)
    {
        if (window.Head is not null || window.Free is not null)
        {
            TimerEntry? head = window.Head;
            TimerEntry? tail = window.Tail;
            TimerEntry? free = window.Free;
            window.Head = null;
            window.Tail = null;
            window.Free = null;
            window.Session!.Host.Timers.HandOver(window.Session, head, tail, free);
        }

        window.TookFree = false;
    }

    /// <summary>Whether this thread runs a handler of <paramref name="session"/> now, so its new timeouts can wait here.</summary>
    internal static bool IsOpenFor(SessionContext? session) => session is not null && ReferenceEquals(current.Session, session);

    /// <summary>Keeps <paramref name="entry"/> (marked staged by the wheel) for the handover, in scheduling order.</summary>
    internal static void Stage(TimerEntry entry)
    {
        ref Window window = ref current;
        if (window.Tail is { } tail)
        {
            // A spare entry reused in the order of the window's spare chain is linked so already: no write barrier.
            if (tail.Next != entry)
            {
                tail.Next = entry;
            }
        }
        else
        {
            window.Head = entry;
        }

        window.Tail = entry;
    }

    /// <summary>
    /// A cancelled entry of <typeparamref name="T"/> that <paramref name="session"/>'s handler running on this thread may
    /// reuse for its next timeout, its version bumped (TimerWheel.Reuse.cs); null when there is none (or no such handler
    /// runs here). The window takes its session's spare entries once, under the gate, and gives back those it did not
    /// use at the handover: in between they are this thread's alone.
    /// </summary>
    internal static T? TakeFree<T>(SessionContext session)
        where T : TimerEntry
    {
        ref Window window = ref current;
        if (!ReferenceEquals(window.Session, session))
        {
            return null;
        }

        TimerEntry? free = window.Free;
        if (free is null)
        {
            if (window.TookFree)
            {
                return null;
            }

            window.TookFree = true;
            free = session.Host.Timers.TakeFree(session);
            if (free is null)
            {
                return null;
            }
        }

        // The spare entries are of the session's kinds, mostly one: only an exact match is reused.
        if (free.GetType() != typeof(T))
        {
            window.Free = free;
            return null;
        }

        // Its Next is left pointing at the next spare entry: staged next, that one is then linked to it already. The
        // handover stops at the window's tail.
        window.Free = (TimerEntry?)free.Next;
        free.TimerState = (free.TimerState & ~TimerEntry.StateMask) + TimerEntry.VersionStep; // Pending, a new version
        return (T)free;
    }

    /// <summary>One handler's open window: its session, the entries it staged (chained through their <c>Next</c> from <see cref="Head"/> to <see cref="Tail"/>, whose own <c>Next</c> may point on into <see cref="Free"/>), and the spare ones it may reuse.</summary>
    internal struct Window
    {
        public readonly SessionContext? Session;
        public TimerEntry? Head;
        public TimerEntry? Tail;

        /// <summary>The session's spare entries this window took (TimerWheel.Reuse.cs), chained through their <c>Next</c>.</summary>
        public TimerEntry? Free;

        /// <summary>Whether this window has taken its session's spare entries already (at most once between two handovers).</summary>
        public bool TookFree;

        public Window(SessionContext session)
        {
            Session = session;
            Head = null;
            Tail = null;
            Free = null;
            TookFree = false;
        }
    }
}
