using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// What the generator needs of a process class's members, read from its one declaration when the syntax says it for
/// certain (issue 16): asking the class symbol for its members (<c>GetMembers</c>, <c>InstanceConstructors</c>, or the
/// symbol of one method) makes the compiler build every member, which the generator, first in a build, would pay for.
/// </summary>
internal static class DeclaredMembers
{
    /// <summary>
    /// The names <c>GetMembers()</c> gives for the class (what the generated members must not clash with), or null when
    /// syntax cannot list them for certain: members whose names the compiler makes up (indexers, operators, explicit
    /// interface implementations) or a declaration that does not parse as ordinary members.
    /// </summary>
    public static HashSet<string>? Names(ClassDeclarationSyntax declaration)
    {
        var names = new HashSet<string>();
        foreach (MemberDeclarationSyntax member in declaration.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field:
                    AddVariables(names, field.Declaration);
                    break;
                case EventFieldDeclarationSyntax field:
                    AddVariables(names, field.Declaration);
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        names.Add("add_" + variable.Identifier.ValueText);
                        names.Add("remove_" + variable.Identifier.ValueText);
                    }

                    break;
                case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                    names.Add(method.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property:
                    // The accessors' names cannot be a generated member's (none starts with get_ or set_), but they are
                    // among GetMembers' names, and the set is to be exactly that.
                    names.Add(property.Identifier.ValueText);
                    if (property.ExpressionBody is not null)
                    {
                        names.Add("get_" + property.Identifier.ValueText);
                    }

                    foreach (AccessorDeclarationSyntax accessor in property.AccessorList?.Accessors ?? default)
                    {
                        names.Add((accessor.Keyword.IsKind(SyntaxKind.GetKeyword) ? "get_" : "set_") + property.Identifier.ValueText);
                    }

                    break;
                case EventDeclarationSyntax { ExplicitInterfaceSpecifier: null } @event:
                    names.Add(@event.Identifier.ValueText);
                    names.Add("add_" + @event.Identifier.ValueText);
                    names.Add("remove_" + @event.Identifier.ValueText);
                    break;
                case BaseTypeDeclarationSyntax type:
                    names.Add(type.Identifier.ValueText);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    names.Add(@delegate.Identifier.ValueText);
                    break;
                case ConstructorDeclarationSyntax constructor when constructor.Identifier.ValueText == declaration.Identifier.ValueText:
                    break; // .ctor and .cctor: no identifier can clash with them
                case DestructorDeclarationSyntax:
                    names.Add(WellKnownMemberNames.DestructorName);
                    break;
                default:
                    return null; // indexers (IndexerName), operators, explicit implementations, incomplete members
            }
        }

        return names;
    }

    /// <summary>
    /// True when the class has no constructor but the implicit parameterless one: no constructor declared (a static one
    /// aside) and no primary constructor. False when syntax cannot tell (the symbols then decide).
    /// </summary>
    public static bool HasOnlyTheImplicitConstructor(ClassDeclarationSyntax declaration) =>
        declaration.ParameterList is null
        && !declaration.Members.Any(static member => member is ConstructorDeclarationSyntax constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword));

    private static void AddVariables(HashSet<string> names, VariableDeclarationSyntax declaration)
    {
        foreach (VariableDeclaratorSyntax variable in declaration.Variables)
        {
            names.Add(variable.Identifier.ValueText);
        }
    }
}
