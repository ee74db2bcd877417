namespace SessionGen.Generator;

/// <summary>Facts about the generator stamped into generated code.</summary>
internal static class ThisAssembly
{
    /// <summary>The version in <c>[GeneratedCode]</c>; keep it equal to <c>Version</c> in Directory.Build.props (a test checks).</summary>
    public const string Version = "0.1.0";
}
