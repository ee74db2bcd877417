namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// A process in a project that references SessionGen.AspNetCore, which adds the <c>.Http.g.cs</c> file of JSON
/// readers: parameters required and optional (nullable), one the record renames, and an operation with none.
/// </summary>
internal static class HttpProcess
{
    public const string HintName = "Sample.Notes.SessionGen.g.cs";

    public const string HttpHintName = "Sample.Notes.SessionGen.Http.g.cs";

    public const string Source = """
        using System.Collections.Generic;
        using SessionGen;

        namespace Sample;

        [SessionProcess]
        public partial class Notes
        {
            private readonly List<string> lines = new();

            [On("Open", StartsSession = true)]
            private void Open(string title, string? author) => lines.Add(title);

            [On("Write")]
            private int Write(string write, int? line)
            {
                lines.Insert(line ?? lines.Count, write);
                return lines.Count;
            }

            [On("Clear")]
            private void Clear() => lines.Clear();
        }
        """;
}
