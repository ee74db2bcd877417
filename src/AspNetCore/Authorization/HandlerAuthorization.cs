using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;

namespace SessionGen.AspNetCore.Authorization;

/// <summary>
/// The ASP.NET Core authorization attributes of a process (<c>[Authorize]</c>, <c>[Authorize(Policy = …)]</c>,
/// <c>[AllowAnonymous]</c>, and any other <see cref="IAuthorizeData"/>, <see cref="IAllowAnonymous"/> or
/// <see cref="IAuthorizationRequirementData"/>): on the class, for all its endpoints; on a handler, for its operation's
/// endpoint, as on a hub or a hub method. Read once at startup from the handlers' <c>[On]</c> names; the type's methods
/// are kept by the trimmer (<see cref="DynamicallyAccessedMembersAttribute"/> on <c>MapSessionProcess</c>), so this
/// holds under Native AOT.
/// </summary>
internal sealed class HandlerAuthorization
{
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    private readonly Dictionary<string, object[]> byOperation;

    private HandlerAuthorization(object[] process, Dictionary<string, object[]> byOperation)
    {
        OfProcess = process;
        this.byOperation = byOperation;
    }

    /// <summary>The class's authorization attributes: metadata of every endpoint of the process.</summary>
    public IReadOnlyList<object> OfProcess { get; }

    /// <summary>Whether the class or any handler carries authorization attributes.</summary>
    public bool Any => OfProcess.Count > 0 || byOperation.Values.Any(static metadata => metadata.Length > 0);

    public static HandlerAuthorization Of([DynamicallyAccessedMembers(Members)] Type process)
    {
        var byOperation = new Dictionary<string, object[]>(StringComparer.Ordinal);
        const BindingFlags Handlers = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (MethodInfo method in process.GetMethods(Handlers))
        {
            if (method.GetCustomAttribute<OnAttribute>() is { } on)
            {
                byOperation[on.Operation] = Authorization(method.GetCustomAttributes(inherit: true));
            }
        }

        return new HandlerAuthorization(Authorization(process.GetCustomAttributes(inherit: true)), byOperation);
    }

    /// <summary>The authorization attributes of the handler of <paramref name="operation"/>.</summary>
    public IReadOnlyList<object> OfOperation(string operation) => byOperation.GetValueOrDefault(operation) ?? [];

    /// <summary>
    /// What the start endpoint requires when it serves several starters (<c>?starter=</c>): every starter's requirements
    /// together, and anonymous access only when every starter allows it. Stricter than one starter alone may need, never
    /// looser; give the starters the same attributes (or put them on the class) to avoid surprises.
    /// </summary>
    public IReadOnlyList<object> OfStarters(IReadOnlyList<string> starters)
    {
        var required = new List<object>();
        bool allAnonymous = starters.Count > 0;
        foreach (string starter in starters)
        {
            IReadOnlyList<object> metadata = OfOperation(starter);
            allAnonymous &= metadata.Any(static item => item is IAllowAnonymous);
            required.AddRange(metadata.Where(static item => item is not IAllowAnonymous));
        }

        if (allAnonymous)
        {
            required.Add(new AllowAnonymousAttribute());
        }

        return required;
    }

    private static object[] Authorization(object[] attributes) =>
        attributes.Where(static attribute => attribute is IAuthorizeData or IAllowAnonymous or IAuthorizationRequirementData).ToArray();
}
