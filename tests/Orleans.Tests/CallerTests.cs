using System.Security.Claims;

namespace SessionGen.Orleans.Tests;

/// <summary>A desk that answers who is asking: the caller as the silo rebuilt it.</summary>
[SessionProcess(Durable = true)]
public partial class Desk
{
    private List<string> signatures = [];

    [On("OpenDesk", StartsSession = true)]
    private void OpenDesk(SessionCaller owner) => signatures.Add(owner.Id);

    [On("Who")]
    private string Who(SessionCaller caller) =>
        $"{caller.Id}|{caller.User?.FindFirst("role")?.Value}|{caller.User?.Identity?.AuthenticationType}|{caller.User?.Identity?.IsAuthenticated}";

    /// <summary>The user's name and whether it is in a role, as its identity's own claim types read them.</summary>
    [On("NameAndRole")]
    private string NameAndRole(SessionCaller caller, string role) => $"{caller.User?.Identity?.Name}|{caller.User?.IsInRole(role)}";

    [On("Maybe")]
    private string Maybe(SessionCaller? caller) => caller?.Id ?? "(anonymous)";

    [On("Sign")]
    private void Sign(SessionCaller caller) => signatures.Add(caller.Id);

    [On("Signatures")]
    private string[] Signatures() => [.. signatures];
}

/// <summary>The caller crosses the cluster: its id and its user's claims reach the handler on the silo that runs the session.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CallerTests(ClusterFixture cluster)
{
    private static readonly SessionCaller Ann = new("ann", new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "moderator")], "cookie")));

    [Fact]
    public async Task The_callers_id_and_claims_reach_a_handler_through_the_cluster_host()
    {
        Desk.Client desk = await Desk.StartAsync(cluster.Host.As(Ann)).Guarded();

        Assert.Equal("ann|moderator|cookie|True", await desk.WhoAsync().Guarded());
        Assert.Equal("bob|||", await Desk.Connect(cluster.Host, desk.Id, new SessionCaller("bob")).WhoAsync().Guarded());
        Assert.Equal("ann|moderator|cookie|True", await desk.WhoAsync(MessageId.New()).Guarded());
        Assert.Equal("(anonymous)", await Desk.Connect(cluster.Host, desk.Id).MaybeAsync().Guarded());
    }

    [Fact]
    public async Task A_message_without_the_caller_its_handler_needs_is_refused_with_the_typed_exception()
    {
        Desk.Client desk = await Desk.StartAsync(cluster.Host.As(Ann)).Guarded();
        ISessionHost anonymous = cluster.Host;

        var refused = await Assert.ThrowsAsync<SessionCallerRequiredException>(
            () => anonymous.SendAsync(desk.Id, new Desk.Messages.Who(), CancellationToken.None).Guarded());

        Assert.Equal("Who", refused.Operation);
        Assert.Equal(desk.Id, refused.SessionId);
        Assert.Throws<SessionCallerRequiredException>(() => cluster.Host.Post(desk.Id, new Desk.Messages.Sign()));
    }

    [Fact]
    public async Task A_posted_message_carries_its_caller_to_the_silo()
    {
        Desk.Client desk = await Desk.StartAsync(cluster.Host.As(Ann)).Guarded();

        Assert.True(cluster.Host.Post(desk.Id, new Desk.Messages.Sign(), new SessionCaller("carol"), messageId: null));

        Assert.True(await Guards.EventuallyAsync(async () => (await desk.SignaturesAsync()).Contains("carol"), TimeSpan.FromSeconds(30)));
        Assert.Equal(["ann", "carol"], await desk.SignaturesAsync().Guarded());
    }

    [Fact]
    public async Task A_user_whose_identity_names_its_own_name_and_role_claim_types_keeps_its_name_and_roles_across_the_cluster()
    {
        // As a JWT bearer with MapInboundClaims off (or Microsoft.Identity.Web) makes it: "name" and "role" claims.
        var jwt = new ClaimsIdentity([new Claim("name", "Ann Smith"), new Claim("role", "moderator")], "Bearer", nameType: "name", roleType: "role");
        var caller = new SessionCaller("ann", new ClaimsPrincipal(jwt));
        Assert.Equal("Ann Smith|True", $"{caller.User!.Identity!.Name}|{caller.User.IsInRole("moderator")}");
        Desk.Client desk = await Desk.StartAsync(cluster.Host.As(caller)).Guarded();

        Assert.Equal("Ann Smith|True", await desk.NameAndRoleAsync("moderator").Guarded());
        Assert.Equal("Ann Smith|False", await desk.NameAndRoleAsync("admin").Guarded());
    }
}
