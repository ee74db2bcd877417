namespace SessionGen;

/// <summary>
/// Marks an instance method of a session process as a named timeout handler.
/// The generator emits <c>Schedule{Name}(TimeSpan delay, …)</c>, which runs the method on the session's turn once the delay has passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnTimeoutAttribute : Attribute
{
    /// <summary>Declares a timeout handler.</summary>
    /// <param name="name">The timeout's name: unique within the process and a valid C# identifier.</param>
    public OnTimeoutAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The timeout's name; <c>Schedule{Name}</c> schedules it.</summary>
    public string Name { get; }
}
