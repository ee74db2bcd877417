namespace SessionGen.Generator.Model;

/// <summary>A parameter of the process constructor that the generated factory takes from the host's services.</summary>
/// <param name="Name">The parameter's name as declared, for error messages.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="Fallback">
/// The C# expression used when no such service is registered (its default value, or <c>default</c> for a
/// nullable parameter); null when the service is required.
/// </param>
internal sealed record ServiceParameterModel(string Name, string Type, string? Fallback);
