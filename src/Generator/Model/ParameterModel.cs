namespace SessionGen.Generator.Model;

/// <summary>A handler parameter, which becomes a property of the operation's message record.</summary>
/// <param name="Name">The parameter's name as declared (without <c>@</c>).</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="PropertyName">The message record's property for it (PascalCase).</param>
internal sealed record ParameterModel(string Name, string Type, string PropertyName);
