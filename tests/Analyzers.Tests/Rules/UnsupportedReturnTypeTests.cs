using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class UnsupportedReturnTypeTests
{
    [Fact]
    public Task Fires_on_ref_returns_ref_structs_and_pointers() =>
        Verify<UnsupportedReturnTypeAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public unsafe partial class Chat
            {
                private int count;

                [On("Open", StartsSession = true)]
                private {|SGEN0016:ref int|} Open(string topic) => ref count;

                [On("Read")]
                private {|SGEN0016:Span<byte>|} Read() => default;

                [On("Peek")]
                private {|SGEN0016:int*|} Peek() => null;
            }
            """);

    [Fact]
    public Task Stays_silent_for_every_supported_shape() =>
        Verify<UnsupportedReturnTypeAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("Count")]
                private int Count() => 0;

                [On("Read")]
                private Memory<byte> Read() => default;

                [On("Save")]
                private Task Save() => Task.CompletedTask;

                [On("Load")]
                private Task<string> Load() => Task.FromResult("");

                [On("Flush")]
                private ValueTask Flush() => default;

                [On("Size")]
                private ValueTask<long> Size() => default;
            }
            """);
}
