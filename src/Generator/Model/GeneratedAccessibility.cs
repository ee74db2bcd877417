namespace SessionGen.Generator.Model;

/// <summary>
/// How widely a type can be seen, and so the accessibility of the generated members that mention it. Ordered from
/// narrowest to widest, so the accessibility several types allow is the smallest of theirs.
/// </summary>
internal enum GeneratedAccessibility
{
    Private,
    Internal,
    Public,
}
