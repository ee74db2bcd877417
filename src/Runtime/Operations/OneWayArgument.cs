using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SessionGen.Infrastructure;

/// <summary>
/// The one small argument of a one-way message (a number, a flag, a character; none for a message without
/// arguments), carried in the slot of the session's queue instead of in a message record: a generated
/// <c>Post{Operation}</c> whose handler takes at most one such argument makes no object per message (issue 16). The
/// record is made only where one is needed (a dead letter, a message that must travel as a request).
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct OneWayArgument
{
    private readonly ulong bits;

    private OneWayArgument(ulong bits) => this.bits = bits;

    /// <summary>Carries <paramref name="value"/>, a value of at most 8 bytes with no references.</summary>
    /// <typeparam name="T">Its type: a primitive such as <see cref="int"/>, <see cref="double"/> or <see cref="bool"/>.</typeparam>
    /// <param name="value">The handler's argument.</param>
    /// <returns>The argument, ready for the queue.</returns>
    public static OneWayArgument From<T>(T value)
        where T : unmanaged
    {
        // A constant for the JIT: the check leaves no code behind for the types the generator passes.
        if (Unsafe.SizeOf<T>() > sizeof(ulong))
        {
            throw new ArgumentException($"A one-way argument holds at most 8 bytes; {typeof(T)} has {Unsafe.SizeOf<T>()}.", nameof(value));
        }

        ulong bits = 0;
        Unsafe.WriteUnaligned(ref Unsafe.As<ulong, byte>(ref bits), value);
        return new OneWayArgument(bits);
    }

    /// <summary>Reads the argument back as the type it was made from.</summary>
    /// <typeparam name="T">The type given to <see cref="From{T}"/>.</typeparam>
    /// <returns>The handler's argument.</returns>
    public T As<T>()
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() > sizeof(ulong))
        {
            throw new InvalidOperationException($"A one-way argument holds at most 8 bytes; {typeof(T)} has {Unsafe.SizeOf<T>()}.");
        }

        ulong copy = bits;
        return Unsafe.ReadUnaligned<T>(ref Unsafe.As<ulong, byte>(ref copy));
    }
}
