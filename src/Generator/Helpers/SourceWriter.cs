using System;
using System.Text;

namespace SessionGen.Generator.Helpers;

/// <summary>Writes indented C# text, one line at a time (in the manner of dotnet/runtime's SourceWriter).</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    // A process's file is some 55 KB of text, and a new builder for each grew through a dozen chunks: csc's trace put
    // about 90 ms of allocation for 200 processes there (issue 16, fifth round). One builder per thread is reused
    // instead, taken while a writer uses it (so a writer started inside another gets its own) and kept only up to
    // MaxKeptCapacity. It shows in warm runs (the IDE's); a cold build is dominated by JIT and first binding.
    private const int MaxKeptCapacity = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? spare;

    private readonly StringBuilder text;
    private int indent;

    public SourceWriter()
    {
        text = spare ?? new StringBuilder(16 * 1024);
        spare = null;
        text.Clear();
    }

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < indent; i++)
            {
                text.Append(IndentUnit);
            }

            text.Append(line);
        }

        text.Append('\n');
    }

    public void OpenBlock(string header)
    {
        Line(header);
        Line("{");
        indent++;
    }

    public void CloseBlock(string closer = "}")
    {
        indent--;
        Line(closer);
    }

    public IDisposable Indented()
    {
        indent++;
        return new Outdent(this);
    }

    public override string ToString() => text.ToString();

    /// <summary>The text written, handing the builder back for the next writer on this thread; the writer is done.</summary>
    public string ToStringAndRelease()
    {
        string result = text.ToString();
        if (text.Capacity <= MaxKeptCapacity)
        {
            text.Clear();
            spare = text;
        }

        return result;
    }

    private sealed class Outdent : IDisposable
    {
        private readonly SourceWriter writer;

        public Outdent(SourceWriter writer)
        {
            this.writer = writer;
        }

        public void Dispose() => writer.indent--;
    }
}
