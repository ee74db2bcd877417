using System.Runtime.CompilerServices;

namespace SessionGen;

/// <summary>
/// A turn's private run of one-way entries, taken from the mailbox under one lock (see
/// <see cref="Mailbox.TakeRun"/>). A value on the turn's stack, so a nested inline turn has its own.
/// </summary>
[InlineArray(Size)]
internal struct EntryBatch
{
    public const int Size = 16;

    private MailboxEntry first;
}
