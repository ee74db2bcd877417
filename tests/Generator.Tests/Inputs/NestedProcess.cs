namespace SessionGen.Generator.Tests.Inputs;

/// <summary>A process nested two levels deep, in a partial class and a partial record struct.</summary>
internal static class NestedProcess
{
    public const string HintName = "Sample.Outer+Inner+Counter.SessionGen.g.cs";

    public const string Source = """
        using SessionGen;

        namespace Sample;

        public static partial class Outer
        {
            public partial record struct Inner
            {
                [SessionProcess]
                public partial class Counter
                {
                    private int count;

                    [On("Start", StartsSession = true)]
                    private void Start(int initial) => count = initial;

                    [On("Increment")]
                    private int Increment(int by) => count += by;
                }
            }
        }
        """;
}
