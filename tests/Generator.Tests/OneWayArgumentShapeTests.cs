using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// Which one-way messages travel as their handler's argument (<c>OneWayArgument</c>, issue 16): only a handler whose one
/// argument is a real primitive of at most 8 bytes. The shape check reads the model's type name, so a user type that
/// borrows a primitive's name (or an alias that points at one) must not pass it, and a primitive spelled out in full
/// (<c>System.Int32</c>, an alias of it) must.
/// </summary>
public sealed class OneWayArgumentShapeTests
{
    [Fact]
    public async Task User_types_named_like_primitives_and_aliases_of_them_travel_as_records()
    {
        const string source = """
            using SessionGen;
            using Double = Sample.Lookalikes.Double;

            namespace Sample.Lookalikes
            {
                public struct Int32 { public int Value; }
                public struct Double { public double Value; }
                public struct @int { public int Value; }
                public enum Color : byte { Red, Green }
            }

            namespace Sample
            {
                [SessionProcess]
                public partial class Shapes
                {
                    [On("Start", StartsSession = true)]
                    private void Start() { }

                    [On("TakeInt32")]
                    private void TakeInt32(Sample.Lookalikes.Int32 value) { }

                    [On("TakeDouble")]
                    private void TakeDouble(Double value) { }

                    [On("TakeKeyword")]
                    private void TakeKeyword(Sample.Lookalikes.@int value) { }

                    [On("TakeColor")]
                    private void TakeColor(Sample.Lookalikes.Color value) { }

                    [On("TakeNullable")]
                    private void TakeNullable(int? value) { }

                    [On("TakeDecimal")]
                    private void TakeDecimal(decimal value) { }

                    [On("TakeNint")]
                    private void TakeNint(nint value) { }
                }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.DoesNotContain("OneWayArgument", text);
        Assert.Contains("TakeInt32Operation.Post(this, new Messages.TakeInt32(value));", text);
        Assert.Contains("TakeDoubleOperation.Post(this, new Messages.TakeDouble(value));", text);
        Assert.Contains("TakeKeywordOperation.Post(this, new Messages.TakeKeyword(value));", text);
    }

    [Fact]
    public async Task Primitives_spelled_in_full_or_through_an_alias_and_keyword_named_parameters_travel_as_their_argument()
    {
        const string source = """
            using SessionGen;
            using Whole = System.Int64;

            namespace Sample;

            [SessionProcess]
            public partial class Spelled
            {
                [On("Start", StartsSession = true)]
                private void Start() { }

                [On("Full")]
                private void Full(System.Int32 @int) { }

                [On("Aliased")]
                private void Aliased(Whole @long) { }

                [On("Unsigned")]
                private int Unsigned(ulong @ulong, System.Threading.CancellationToken cancellationToken) => 0;

                [On("Real")]
                private System.Threading.Tasks.Task Real(double @double) => System.Threading.Tasks.Task.CompletedTask;
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("FullOperation.Post(this, global::SessionGen.Infrastructure.OneWayArgument.From(@int));", text);
        Assert.Contains("AliasedOperation.Post(this, global::SessionGen.Infrastructure.OneWayArgument.From(@long));", text);
        Assert.Contains("UnsignedOperation.Post(this, global::SessionGen.Infrastructure.OneWayArgument.From(@ulong));", text);
        Assert.Contains("RealOperation.Post(this, global::SessionGen.Infrastructure.OneWayArgument.From(@double));", text);
        Assert.Contains("process.Full(argument.As<int>())", text);
        Assert.Contains("process.Aliased(argument.As<long>())", text);
        Assert.Contains("process.Unsigned(argument.As<ulong>(), cancellationToken)", text);
        Assert.Contains("new Messages.Real(argument.As<double>())", text);
    }
}
