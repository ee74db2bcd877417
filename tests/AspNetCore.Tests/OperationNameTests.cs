using Microsoft.AspNetCore.Builder;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// Two operations whose names differ only in case (beyond the first letter, which SGEN0018 already covers): HTTP reads
/// names in any case, so they cannot both be mapped.
/// </summary>
[SessionProcess("Http.Ballot")]
public partial class Ballot
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Vote")]
    private void Vote()
    {
    }

    [On("VOTE")]
    private void VoteAgain()
    {
    }
}

public sealed class OperationNameTests
{
    [Fact]
    public void Mapping_a_process_with_operations_that_differ_only_in_case_fails_at_startup_naming_both()
    {
        WebApplication app = WebApplication.CreateSlimBuilder().Build();

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapSessionProcess<Ballot>("/ballots"));

        Assert.Contains("'Vote' and 'VOTE'", refused.Message, StringComparison.Ordinal);
    }
}
