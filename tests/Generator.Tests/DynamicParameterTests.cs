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

    /// <summary>
    /// Generated code for <c>dynamic</c> parameters passes each argument on as an object (the message record's
    /// constructor, the handler call, the timeout's schedule): an argument typed <c>dynamic</c> made the C# compiler
    /// bind those calls at run time, through Microsoft.CSharp.RuntimeBinder, which the dispatch path rules out (reflection,
    /// trimming, Native AOT). The handlers' own bodies here use no dynamic operation, so any binder call is generated.
    /// </summary>
    [Fact]
    public async Task Generated_code_for_dynamic_parameters_makes_no_runtime_binder_call()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(Inputs.DynamicProcess.Source, Inputs.DynamicProcess.DurableSource);
        run.AssertCompilesCleanly();
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;

        using var pe = new System.Reflection.PortableExecutable.PEReader(image);
        System.Reflection.Metadata.MetadataReader metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var referenced = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}")
            .ToList();

        Assert.Contains(referenced, type => type.StartsWith("SessionGen.", StringComparison.Ordinal)); // the reader sees the generated code's references
        Assert.DoesNotContain(referenced, type => type.StartsWith("Microsoft.CSharp.RuntimeBinder", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, type => type.StartsWith("System.Runtime.CompilerServices.CallSite", StringComparison.Ordinal));
    }
}
