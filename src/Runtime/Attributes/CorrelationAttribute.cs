namespace SessionGen;

/// <summary>
/// Marks a handler parameter (or, with <see cref="Property"/>, a property of it) as part of a correlation
/// set: messages are routed to the session whose set has the same values, so a sender needs no session id
/// (Jolie's correlation sets). A set with several parts (for example first and last name) is a composite key;
/// the same part may come from differently named parameters of different operations (aliases).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = true, Inherited = false)]
public sealed class CorrelationAttribute : Attribute
{
    /// <summary>Declares the parameter as part <paramref name="part"/> (default: the parameter's name) of set <paramref name="set"/>.</summary>
    public CorrelationAttribute(string set, string? part = null)
    {
        Set = set;
        Part = part;
    }

    /// <summary>The correlation set's name.</summary>
    public string Set { get; }

    /// <summary>The part of the set this value fills, or null for the parameter's name.</summary>
    public string? Part { get; }

    /// <summary>A property of the parameter to take the value from, instead of the parameter itself.</summary>
    public string? Property { get; set; }
}
