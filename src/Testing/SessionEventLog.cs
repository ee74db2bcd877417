using System.Collections;
using System.Text;

namespace SessionGen.Testing;

/// <summary>
/// The events one subscriber of a session would have received so far, in order, with their sequence numbers: a
/// subscriber without a participant gets the session's <c>Emit</c>s, one with a participant gets those and the
/// <c>EmitTo</c>s addressed to it. A snapshot: take <see cref="SessionTestHost.Events"/> again to see later events.
/// </summary>
public sealed class SessionEventLog : IReadOnlyList<SessionEvent>
{
    private readonly SessionEvent[] events;

    internal SessionEventLog(SessionId sessionId, string? participant, SessionEvent[] events)
    {
        SessionId = sessionId;
        Participant = participant;
        this.events = events;
    }

    /// <summary>The session that emitted them.</summary>
    public SessionId SessionId { get; }

    /// <summary>The participant whose view this is, or <see langword="null"/> for a subscriber without one.</summary>
    public string? Participant { get; }

    /// <summary>The events' payloads, in order.</summary>
    public IReadOnlyList<object> Payloads => Array.ConvertAll(events, e => e.Payload);

    /// <inheritdoc/>
    public int Count => events.Length;

    /// <inheritdoc/>
    public SessionEvent this[int index] => events[index];

    /// <summary>
    /// Asserts that an event's payload is a <typeparamref name="T"/> (matching <paramref name="predicate"/>, when given),
    /// and returns the first such payload.
    /// </summary>
    /// <exception cref="SessionAssertionException">None is; the message lists what was received.</exception>
    public T ShouldContain<T>(Func<T, bool>? predicate = null)
    {
        foreach (SessionEvent e in events)
        {
            if (e.Payload is T payload && (predicate is null || predicate(payload)))
            {
                return payload;
            }
        }

        throw Failure($"Expected {Describe<T>(predicate)}");
    }

    /// <summary>Asserts that no event's payload is a <typeparamref name="T"/> (matching <paramref name="predicate"/>, when given).</summary>
    /// <exception cref="SessionAssertionException">One is; the message names it and lists what was received.</exception>
    public void ShouldNotContain<T>(Func<T, bool>? predicate = null)
    {
        foreach (SessionEvent e in events)
        {
            if (e.Payload is T payload && (predicate is null || predicate(payload)))
            {
                throw Failure($"Expected no {Describe<T>(predicate)[3..]}, but #{e.Sequence} is {payload}");
            }
        }
    }

    /// <summary>Asserts that the payloads are exactly <paramref name="expected"/>, in order (compared with <see cref="object.Equals(object?)"/>, as records compare).</summary>
    /// <exception cref="SessionAssertionException">They are not; the message shows the first difference and lists what was received.</exception>
    public void ShouldBe(params object[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        for (int i = 0; i < Math.Max(expected.Length, events.Length); i++)
        {
            if (i >= events.Length)
            {
                throw Failure($"Expected {expected.Length} events; event {i + 1} should be {expected[i]} but there is none");
            }

            if (i >= expected.Length)
            {
                throw Failure($"Expected {expected.Length} events, but #{events[i].Sequence} {events[i].Payload} came after them");
            }

            if (!Equals(expected[i], events[i].Payload))
            {
                throw Failure($"Expected event {i + 1} to be {expected[i]}, but it is #{events[i].Sequence} {events[i].Payload}");
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerator<SessionEvent> GetEnumerator() => ((IEnumerable<SessionEvent>)events).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whose view it is and every event in it, one a line: what the assertions' messages list.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Participant is null ? "events to every subscriber" : $"events received by '{Participant}'")
            .Append(" of session ").Append(SessionId).Append(": ");
        if (events.Length == 0)
        {
            return text.Append("none").ToString();
        }

        text.Append(events.Length);
        foreach (SessionEvent e in events)
        {
            text.Append('\n').Append("  #").Append(e.Sequence).Append(' ').Append(e.Payload);
            if (e.Participant is not null)
            {
                text.Append("  (to ").Append(e.Participant).Append(')');
            }
        }

        return text.ToString();
    }

    private static string Describe<T>(Func<T, bool>? predicate) =>
        predicate is null ? $"an event {typeof(T).Name}" : $"an event {typeof(T).Name} matching the condition";

    private SessionAssertionException Failure(string expectation) => new($"{expectation}.\nReceived {this}");
}
