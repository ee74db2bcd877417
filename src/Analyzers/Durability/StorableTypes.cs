using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers.Durability;

/// <summary>
/// Types whose values are live things, not data (SGEN0030): a delegate, a running task, a token, a stream, a thread, a
/// lock, a service provider, a connection to a session, a pointer; or that System.Text.Json refuses outright.
/// </summary>
internal static class StorableTypes
{
    /// <summary>Why <paramref name="type"/> (or an element or type argument of it) cannot be stored, or null when it may be.</summary>
    public static string? WhyUnstorable(ITypeSymbol type)
    {
        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "a pointer";
            case IArrayTypeSymbol array:
                return WhyUnstorable(array.ElementType);
            case { IsRefLikeType: true }:
                return "a ref struct";
            case { TypeKind: TypeKind.Delegate }:
                return "a delegate (code, not data)";
            case { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr }:
                return "a native pointer-sized handle";
        }

        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (Reason(current.OriginalDefinition.ToDisplayString()) is { } reason)
            {
                return reason;
            }
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (implemented.ToDisplayString() == "System.IServiceProvider" && type.TypeKind == TypeKind.Interface)
            {
                return "a service provider";
            }
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                if (WhyUnstorable(argument) is { } reason)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    /// <summary>By the type or a base class of it (an original definition's name).</summary>
    private static string? Reason(string name) => name switch
    {
        "System.Delegate" or "System.MulticastDelegate" => "a delegate (code, not data)",
        "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>"
            => "a running operation (a task)",
        "System.Threading.CancellationToken" or "System.Threading.CancellationTokenSource" or "System.Threading.CancellationTokenRegistration"
            => "a cancellation token or its source, which lives only in this process",
        "System.IO.Stream" or "System.IO.TextReader" or "System.IO.TextWriter" => "a stream, an open connection to a resource",
        "System.Threading.Thread" => "a thread",
        "System.Threading.WaitHandle" or "System.Threading.SemaphoreSlim" or "System.Threading.ManualResetEventSlim"
            or "System.Threading.ReaderWriterLockSlim" or "System.Threading.ReaderWriterLock" or "System.Threading.CountdownEvent"
            or "System.Threading.Barrier" or "System.Threading.Lock" or "System.Threading.SpinLock"
            => "a synchronization primitive",
        "System.Threading.Timer" or "System.Threading.PeriodicTimer" or "System.Timers.Timer" => "a timer",
        "System.IServiceProvider" or "Microsoft.Extensions.DependencyInjection.IServiceScope" => "a service provider",
        "SessionGen.SessionClient" or "SessionGen.SessionHost" or "SessionGen.SessionSubscription"
            => "a connection to sessions, not state",
        "SessionGen.TimeoutHandle" => "a handle of a pending timeout, which a reloaded session schedules anew",
        "System.Type" or "System.Reflection.MemberInfo" => "a reflection object, which System.Text.Json refuses",
        _ => null,
    };
}
