using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SessionGen.EndToEnd.Tests;

/// <summary>
/// The dispatch path reaches handlers through generated code only: neither the runtime nor the sample
/// (which holds the generated dispatch table) references reflection invocation, activation or dynamic binding.
/// </summary>
public sealed class NoReflectionTests
{
    private static readonly string[] Forbidden =
    [
        "System.Reflection.MethodBase.Invoke",
        "System.Reflection.MethodInfo.Invoke",
        "System.Reflection.ConstructorInfo.Invoke",
        "System.Activator.CreateInstance",
        "System.Type.InvokeMember",
        "System.Type.GetMethod",
        "System.Type.GetMethods",
        "System.Delegate.DynamicInvoke",
        "System.Delegate.CreateDelegate",
    ];

    [Theory]
    [InlineData(typeof(SessionHost))]
    [InlineData(typeof(SessionManagerSample.SessionManager))]
    public void The_assembly_references_no_reflection_invocation_and_no_dynamic_binder(Type typeInAssembly)
    {
        List<string> members = ReferencedMembers(typeInAssembly.Assembly.Location);

        Assert.Contains(members, member => member.StartsWith("System.Threading.Tasks.ValueTask", StringComparison.Ordinal)); // the reader sees references
        Assert.DoesNotContain(members, member => Forbidden.Contains(member));
        Assert.DoesNotContain(members, member => member.StartsWith("Microsoft.CSharp.RuntimeBinder", StringComparison.Ordinal));
    }

    /// <summary>Every member the assembly references from other assemblies, as "Namespace.Type.Member".</summary>
    private static List<string> ReferencedMembers(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var members = new List<string>();
        foreach (MemberReferenceHandle handle in metadata.MemberReferences)
        {
            MemberReference member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                TypeReference type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                members.Add($"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}.{metadata.GetString(member.Name)}");
            }
        }

        foreach (TypeReferenceHandle handle in metadata.TypeReferences)
        {
            TypeReference type = metadata.GetTypeReference(handle);
            members.Add($"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}");
        }

        return members;
    }
}
