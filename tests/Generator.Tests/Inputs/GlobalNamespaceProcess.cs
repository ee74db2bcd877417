namespace SessionGen.Generator.Tests.Inputs;

/// <summary>A process declared outside any namespace.</summary>
internal static class GlobalNamespaceProcess
{
    public const string HintName = "GlobalCounter.SessionGen.g.cs";

    public const string Source = """
        using SessionGen;

        [SessionProcess]
        public partial class GlobalCounter
        {
            private int count;

            [On("Start", StartsSession = true)]
            private void Start() => count = 0;

            [On("Increment")]
            private int Increment() => ++count;
        }
        """;
}
