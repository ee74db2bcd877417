using SessionGen.Generator.Tests.Infrastructure;
using SessionGen.Generator.Tests.Inputs;

namespace SessionGen.Generator.Tests;

/// <summary>
/// The exact generated text, compared with Snapshots/*.g.cs through the Roslyn source-generator test,
/// which also compiles it with the runtime and fails on any error or warning.
/// Update with <c>SESSIONGEN_UPDATE_SNAPSHOTS=1 dotnet test tests/Generator.Tests</c>.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public Task Seed_session_manager() =>
        Snapshot.VerifyAsync(SeedSessionManager.HintName, SeedSessionManager.Source);

    [Fact]
    public Task Nested_process() =>
        Snapshot.VerifyAsync(NestedProcess.HintName, NestedProcess.Source);

    [Fact]
    public Task Process_in_the_global_namespace() =>
        Snapshot.VerifyAsync(GlobalNamespaceProcess.HintName, GlobalNamespaceProcess.Source);

    [Fact]
    public Task Process_split_across_partial_declarations() =>
        Snapshot.VerifyAsync(SplitPartialProcess.HintName, SplitPartialProcess.AttributedPart, SplitPartialProcess.OtherParts);

    [Fact]
    public Task Handlers_named_apart_from_their_operations() =>
        Snapshot.VerifyAsync(RenamedHandlerProcess.HintName, RenamedHandlerProcess.Source);

    [Fact]
    public Task Process_with_a_custom_protocol_name() =>
        Snapshot.VerifyAsync(CustomNamedProcess.HintName, CustomNamedProcess.Source);

    [Fact]
    public Task Durable_process() =>
        Snapshot.VerifyAsync(DurableProcess.HintName, DurableProcess.Source);

    [Fact]
    public Task Process_with_protocol_correlation_services_lifecycle_handlers_and_settings() =>
        Snapshot.VerifyAsync(ProtocolProcess.HintName, ProtocolProcess.Source);

    [Fact]
    public Task Process_whose_handlers_take_the_caller_and_which_tracks_participants() =>
        Snapshot.VerifyAsync([CallerProcess.HintName, CallerProcess.HttpHintName], [References.AspNetCore], CallerProcess.Source);

    [Fact]
    public Task Process_in_a_project_that_references_SessionGen_AspNetCore() =>
        Snapshot.VerifyAsync([HttpProcess.HintName, HttpProcess.HttpHintName], [References.AspNetCore], HttpProcess.Source);

    [Fact]
    public Task Process_whose_handlers_take_and_return_dynamic() =>
        Snapshot.VerifyAsync(DynamicProcess.HintName, DynamicProcess.Source);
}
