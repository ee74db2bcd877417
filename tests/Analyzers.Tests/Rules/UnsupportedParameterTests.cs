using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class UnsupportedParameterTests
{
    [Fact]
    public Task Fires_on_ref_out_in_and_ref_readonly_parameters() =>
        Verify<UnsupportedParameterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic, {|SGEN0014:ref int count|}) { }

                [On("Post")]
                private void Post({|SGEN0014:out int id|}, {|SGEN0014:in int size|}) => id = size;

                [OnTimeout("Idle")]
                private void Idle({|SGEN0014:ref readonly int ticks|}) { }
            }
            """);

    [Fact]
    public Task Fires_on_pointers_and_ref_structs() =>
        Verify<UnsupportedParameterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public unsafe partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open({|SGEN0014:Span<char> topic|}) { }

                [On("Post")]
                private void Post({|SGEN0014:byte* data|}, {|SGEN0014:delegate*<void> callback|}) { }

                [On("PostMany")]
                private void PostMany({|SGEN0014:byte*[] data|}) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_arrays_memory_and_params() =>
        Verify<UnsupportedParameterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(char[] topic, ReadOnlyMemory<byte> data, params int[] counts) { }
            }
            """);
}
