namespace SessionGen.Generator.Tests.Inputs;

/// <summary>A process whose protocol name is given in the attribute.</summary>
internal static class CustomNamedProcess
{
    public const string HintName = "Sample.Named.SessionGen.g.cs";

    public const string Source = """
        using SessionGen;

        namespace Sample;

        [SessionProcess("Custom.Name")]
        public partial class Named
        {
            [On("Start", StartsSession = true)]
            private void Start()
            {
            }
        }
        """;
}
