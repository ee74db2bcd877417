using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static SessionGen.AspNetCore.Tests.ProblemAssert;
using static SessionGen.AspNetCore.Tests.SignedInServer;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// <c>[Authorize]</c> and <c>[AllowAnonymous]</c> on a process class or handler apply to its endpoints, as on a hub or
/// a hub method; refusals are 401/403 problem details, never a cookie scheme's redirect to a login page.
/// </summary>
public sealed class AuthorizationTests(SignedInServer server) : IClassFixture<SignedInServer>
{
    [Fact]
    public async Task Anonymous_calls_to_a_process_that_requires_authentication_are_401_problem_details_not_redirects()
    {
        HttpClient ann = await server.ClientFor("ann");
        string vault = await OpenAsync(ann, "/vaults");

        using HttpResponseMessage start = await server.Anonymous.PostAsync("/vaults", Json("{}"));
        using HttpResponseMessage peek = await server.Anonymous.PostAsync($"/vaults/{vault}/Peek", Json("{}"));
        using HttpResponseMessage events = await server.Anonymous.GetAsync($"/vaults/{vault}/events");
        using HttpResponseMessage annPeek = await ann.PostAsync($"/vaults/{vault}/Peek", Json("{}"));

        foreach (HttpResponseMessage refused in (HttpResponseMessage[])[start, peek, events])
        {
            await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
            Assert.Null(refused.Headers.Location);
        }

        Assert.Equal("\"secret for ann\"", await annPeek.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AllowAnonymous_on_a_handler_opens_that_operation_alone()
    {
        HttpClient ann = await server.ClientFor("ann");
        string vault = await OpenAsync(ann, "/vaults");

        using HttpResponseMessage hours = await server.Anonymous.PostAsync($"/vaults/{vault}/Hours", Json("{}"));

        Assert.Equal(HttpStatusCode.OK, hours.StatusCode);
        Assert.Equal("\"9 to 5\"", await hours.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_operation_with_a_policy_the_caller_lacks_is_403_and_one_who_has_it_passes()
    {
        HttpClient ann = await server.ClientFor("ann");
        HttpClient moderator = await server.ClientFor("mia", "moderator");
        string forum = await OpenAsync(ann, "/forums");
        await using ServerSentEvents events = await ServerSentEvents.OpenAsync(ann, $"/forums/{forum}/events");

        using HttpResponseMessage annPin = await ann.PostAsync($"/forums/{forum}/Pin", Json("""{"text":"by ann"}"""));
        using HttpResponseMessage anonymousPin = await server.Anonymous.PostAsync($"/forums/{forum}/Pin", Json("""{"text":"by nobody"}"""));
        using HttpResponseMessage miaPin = await moderator.PostAsync($"/forums/{forum}/Pin", Json("""{"text":"by mia"}"""));

        await AssertProblemAsync(annPin, HttpStatusCode.Forbidden);
        Assert.Null(annPin.Headers.Location);
        await AssertProblemAsync(anonymousPin, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, miaPin.StatusCode);
        ServerSentEvents.Event pinned = (await events.ReadAsync().WaitAsync(NotebookServer.Guard))!;
        Assert.Equal("pinned: by mia", JsonDocument.Parse(pinned.Data).RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("Found")]
    [InlineData("fOUND")]
    [InlineData("visit")] // AllowAnonymous on one starter does not open the endpoint another starter guards
    public async Task A_start_endpoint_with_several_starters_requires_what_every_starter_requires_whatever_the_case_of_starter(string starter)
    {
        HttpClient ann = await server.ClientFor("ann");
        HttpClient mod = await server.ClientFor("mod", "moderator");

        using HttpResponseMessage anonymous = await server.Anonymous.PostAsync($"/clubs?starter={starter}", Json("{}"));
        using HttpResponseMessage signedIn = await ann.PostAsync($"/clubs?starter={starter}", Json("{}"));
        using HttpResponseMessage moderator = await mod.PostAsync($"/clubs?starter={starter}", Json("{}"));

        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(signedIn, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, moderator.StatusCode);
    }

    [Fact]
    public async Task Mapping_a_process_with_authorization_attributes_without_AddSessionGenHttp_fails_at_startup_naming_it()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSessionGen();
        builder.Services.AddAuthorization();
        await using WebApplication app = builder.Build();

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapSessionProcess<Vault>("/vaults"));

        Assert.Contains("AddSessionGenHttp()", refused.Message, StringComparison.Ordinal);
    }
}
