namespace SessionGen.Generator.Model;

/// <summary>The shapes a handler may return.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
