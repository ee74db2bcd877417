using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using SessionGen.Generator.Tests.Infrastructure;
using SessionGen.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// A handler may take <c>dynamic</c>. Since the sixth round (issue 16) the entry's JSON writer calls the inherited
/// <c>WriteProperty</c> with its type argument inferred; with a <c>dynamic</c> argument the call is bound at run time,
/// where a null value gives nothing to infer it from (RuntimeBinderException on main). A dynamic property's type is
/// written out, as before.
/// </summary>
public sealed class DynamicParameterTests
{
    [Fact]
    public async Task A_message_with_a_null_dynamic_property_is_written_to_json()
    {
        GeneratorRun run = await GeneratorRun.RunAsync("""
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Bag
            {
                [On("Open", StartsSession = true)]
                private void Open(int size) { }

                [On("Put")]
                private void Put(dynamic item, dynamic? label, int count) { }
            }
            """);
        run.AssertCompilesCleanly();
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("DynamicParameterTests", isCollectible: true);
        try
        {
            Type record = context.LoadFromStream(image).GetType("Sample.Bag+Messages+Put", throwOnError: true)!;
            var message = (ISessionMessage)Activator.CreateInstance(record, 5, null, 2)!;
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                message.Operation.WriteMessage(writer, message, JsonSerializerOptions.Default);
            }

            Assert.Equal("""{"item":5,"label":null,"count":2}""", Encoding.UTF8.GetString(buffer.ToArray()));
        }
        finally
        {
            context.Unload();
        }
    }
}
