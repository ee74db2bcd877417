using System;
using System.Text;

namespace SessionGen.Generator.Helpers;

/// <summary>Writes indented C# text, one line at a time (in the manner of dotnet/runtime's SourceWriter).</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder text = new();
    private int indent;

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
