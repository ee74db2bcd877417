namespace SessionGen.Generator.Model;

/// <summary>One part of a correlation set that a message carries.</summary>
/// <param name="Set">The set's name.</param>
/// <param name="Part">The part's name (parts are combined in name order, so aliases line up).</param>
/// <param name="Expression">Reads the value from the message, e.g. <c>message.Order.Id</c>.</param>
internal sealed record CorrelationPartModel(string Set, string Part, string Expression);
