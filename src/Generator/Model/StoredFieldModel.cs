namespace SessionGen.Generator.Model;

/// <summary>
/// One stored variable of a durable process: an instance field, or a settable auto-property, that is not
/// <c>[Transient]</c>. It is written and read by <see cref="Name"/>, which is also the key in the stored state.
/// </summary>
/// <param name="Name">The field's (or property's) name as declared, without <c>@</c>.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="IsReadOnly">A <c>readonly</c> field, which the generated <c>ReadState</c> sets through <c>Unsafe.AsRef</c>.</param>
internal sealed record StoredFieldModel(string Name, string Type, bool IsReadOnly);
