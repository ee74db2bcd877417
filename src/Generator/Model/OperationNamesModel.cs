namespace SessionGen.Generator.Model;

/// <summary>The C# names generated for an operation, decided by the parser (<c>Parsing.GeneratedNames</c>).</summary>
/// <param name="Record">The message record in <c>Messages</c>.</param>
/// <param name="Field">The operation's field in <c>SessionDefinition</c>.</param>
/// <param name="Entry">The table entry class nested in <c>SessionDefinition</c>.</param>
/// <param name="ClientMethod">The client's <c>{Record}Async</c>.</param>
/// <param name="PostMethod">The client's <c>Post{Record}</c> (<c>Post{Record}Async</c> in a durable process).</param>
internal sealed record OperationNamesModel(string Record, string Field, string Entry, string ClientMethod, string PostMethod);
