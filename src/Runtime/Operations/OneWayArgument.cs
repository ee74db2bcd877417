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

        // Widened in registers, by size (constants for the JIT: one branch is left per type). Written into a ulong local
        // through a byte reference instead, a 4-byte store was read back as 8 bytes on every post: a failed store
        // forward in the producer's loop (oneway7's profile).
        ulong bits = Unsafe.SizeOf<T>() switch
        {
            1 => Unsafe.BitCast<T, byte>(value),
            2 => Unsafe.BitCast<T, ushort>(value),
            4 => Unsafe.BitCast<T, uint>(value),
            8 => Unsafe.BitCast<T, ulong>(value),
            _ => Widen(value),
        };
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

        return Unsafe.SizeOf<T>() switch
        {
            1 => Unsafe.BitCast<byte, T>((byte)bits),
            2 => Unsafe.BitCast<ushort, T>((ushort)bits),
            4 => Unsafe.BitCast<uint, T>((uint)bits),
            8 => Unsafe.BitCast<ulong, T>(bits),
            _ => Narrow<T>(bits),
        };
    }

    // Sizes other than 1, 2, 4 and 8 (a small struct of 3, 5, 6 or 7 bytes): through memory, as before.
    private static ulong Widen<T>(T value)
        where T : unmanaged
    {
        ulong bits = 0;
        Unsafe.WriteUnaligned(ref Unsafe.As<ulong, byte>(ref bits), value);
        return bits;
    }

    private static T Narrow<T>(ulong bits)
        where T : unmanaged => Unsafe.ReadUnaligned<T>(ref Unsafe.As<ulong, byte>(ref bits));
}
