using SessionGen.Analyzers.Http;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Http;

public sealed class EventNotInSerializerContextTests
{
    /// <summary>What the System.Text.Json source generator would complete; abstract so the test compiles without it.</summary>
    private const string Context = """
        public sealed record VoteCast(string Voter, Card Card);
        public sealed record Card(int Points);
        public sealed record RoundRevealed(int Votes);
        public enum Phase { Voting, Revealed }
        public interface IPollEvent { }
        public abstract record PollEvent;

        [System.Text.Json.Serialization.JsonSerializable(typeof(VoteCast))]
        public abstract partial class PollJson : System.Text.Json.Serialization.JsonSerializerContext
        {
            protected PollJson() : base(null) { }
        }

        """;

    private const string Mapping = """

        public static class Routes
        {
            public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) => app.MapSessionProcess<Poll>("/polls");
        }
        """;

    [Fact]
    public Task Fires_on_Emit_and_EmitTo_of_types_no_context_lists_in_a_mapped_process() =>
        Verify<EventNotInSerializerContextAnalyzer>.AnalyzerWithHttpAsync(Context + """
            [SessionProcess]
            public partial class Poll
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Reveal")]
                private void Reveal(string to)
                {
                    Emit({|SGEN0036:new RoundRevealed(2)|});
                    EmitTo(to, {|SGEN0036:Phase.Revealed|});
                    Emit({|SGEN0036:new List<VoteCast>()|});
                }
            }
            """ + Mapping);

    [Fact]
    public Task Stays_silent_for_listed_types_what_they_are_made_of_primitives_and_types_known_only_at_run_time() =>
        Verify<EventNotInSerializerContextAnalyzer>.AnalyzerWithHttpAsync(Context + """
            [SessionProcess]
            public partial class Poll
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Vote")]
                private void Vote(string voter, object anything, IPollEvent some, PollEvent other)
                {
                    Emit(new VoteCast(voter, new Card(3)));
                    EmitTo(voter, new Card(5));
                    Emit("text");
                    Emit(42);
                    Emit(anything);
                    Emit(some);
                    Emit(other);
                }
            }
            """ + Mapping);

    [Fact]
    public Task Stays_silent_for_a_process_the_project_does_not_map() =>
        Verify<EventNotInSerializerContextAnalyzer>.AnalyzerWithHttpAsync(Context + """
            [SessionProcess]
            public partial class Poll
            {
                [On("Open", StartsSession = true)]
                private void Open() => Emit(new RoundRevealed(0));
            }

            [SessionProcess]
            public partial class Other
            {
                [On("Open", StartsSession = true)]
                private void Open() { }
            }

            public static class Routes
            {
                public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) => app.MapSessionProcess<Other>("/other");
            }
            """);

    [Fact]
    public Task Stays_silent_without_a_serializer_context() =>
        Verify<EventNotInSerializerContextAnalyzer>.AnalyzerWithHttpAsync("""
            public sealed record RoundRevealed(int Votes);

            [SessionProcess]
            public partial class Poll
            {
                [On("Open", StartsSession = true)]
                private void Open() => Emit(new RoundRevealed(0));
            }
            """ + Mapping);

    [Fact]
    public Task Stays_silent_for_a_users_own_Emit() =>
        Verify<EventNotInSerializerContextAnalyzer>.AnalyzerWithHttpAsync(Context + """
            [SessionProcess]
            public partial class Poll
            {
                [On("Open", StartsSession = true)]
                private void Open() => Emit(new RoundRevealed(0));

                private void Emit(RoundRevealed revealed) { }
            }
            """ + Mapping);
}
