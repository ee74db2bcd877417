using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Tests;

/// <summary>
/// <c>SourceWriter</c> reuses one builder per thread (issue 16, fifth round): a writer must never see text another
/// writer wrote, whether the other finished before it started or was started while it was still writing.
/// </summary>
public sealed class SourceWriterTests
{
    [Fact]
    public void A_writer_after_a_released_one_starts_empty()
    {
        var first = new SourceWriter();
        first.OpenBlock("class A");
        first.Line("int x;");
        first.CloseBlock();
        Assert.Equal("class A\n{\n    int x;\n}\n", first.ToStringAndRelease());

        var second = new SourceWriter();
        second.Line("class B");
        Assert.Equal("class B\n", second.ToStringAndRelease());
    }

    [Fact]
    public void A_writer_started_inside_another_writes_its_own_text()
    {
        var outer = new SourceWriter();
        outer.Line("outer 1");

        var inner = new SourceWriter();
        inner.Line("inner");
        outer.Line("outer 2");
        Assert.Equal("inner\n", inner.ToStringAndRelease());

        outer.Line("outer 3");
        var afterInner = new SourceWriter();
        afterInner.Line("after");
        outer.Line("outer 4");

        Assert.Equal("after\n", afterInner.ToStringAndRelease());
        Assert.Equal("outer 1\nouter 2\nouter 3\nouter 4\n", outer.ToStringAndRelease());
    }

    [Fact]
    public void Writers_on_other_threads_do_not_share_text()
    {
        string[] texts = new string[8];
        Parallel.For(0, texts.Length, i =>
        {
            for (int round = 0; round < 50; round++)
            {
                var writer = new SourceWriter();
                for (int line = 0; line < 100; line++)
                {
                    writer.Line($"{i}:{round}:{line}");
                }

                string text = writer.ToStringAndRelease();
                Assert.Equal(100, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
                Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith($"{i}:{round}:", l));
                texts[i] = text;
            }
        });

        Assert.All(texts, Assert.NotNull);
    }
}
