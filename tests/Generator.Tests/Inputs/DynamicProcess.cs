namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// A process whose handlers take and return <c>dynamic</c> (a starter, a request with a result, a one-way, a timeout):
/// the generated code must not bind any of its calls at run time (no Microsoft.CSharp.RuntimeBinder).
/// </summary>
internal static class DynamicProcess
{
    public const string HintName = "Sample.Bag.SessionGen.g.cs";

    public const string Source = """
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        [SessionProcess]
        public partial class Bag
        {
            [On("Open", StartsSession = true)]
            private void Open(dynamic size) { }

            [On("Put")]
            private void Put(dynamic item, dynamic? label, int count) => ScheduleRemind(System.TimeSpan.FromSeconds(1), (object)count);

            [On("Take")]
            private dynamic Take(dynamic key) => (object)key;

            [On("TakeLater")]
            private Task<dynamic> TakeLater(dynamic key) => Task.FromResult<dynamic>((object)key);

            [OnTimeout("Remind")]
            private void Remind(dynamic note) { }
        }
        """;

    /// <summary>A durable process with <c>dynamic</c> stored fields (one readonly) and a timeout that takes <c>dynamic</c>.</summary>
    public const string DurableSource = """
        using SessionGen;

        namespace Sample;

        [SessionProcess(Durable = true)]
        public partial class Satchel
        {
            private dynamic last = (object)0;
            private readonly dynamic? first = null;

            [On("Open", StartsSession = true)]
            private void Open(dynamic size) { }

            [On("Put")]
            private void Put(int count) => ScheduleRemind(System.TimeSpan.FromSeconds(1), (object)count);

            [OnTimeout("Remind")]
            private void Remind(dynamic note) { }
        }
        """;
}
