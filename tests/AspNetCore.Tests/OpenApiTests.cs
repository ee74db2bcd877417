using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionGen.AspNetCore.Tests;

/// <summary>A poll: two starters, and an operation with an optional (nullable) parameter.</summary>
[SessionProcess("Http.Poll")]
public partial class Poll
{
    [On("Open", StartsSession = true)]
    private void Open(string question)
    {
    }

    [On("Reopen", StartsSession = true)]
    private void Reopen(int round)
    {
    }

    [On("Vote")]
    private int Vote(string choice, int? weight) => weight ?? 1;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
internal sealed partial class PollJson : JsonSerializerContext;

/// <summary>The OpenAPI document of an app that maps <see cref="Poll"/>, fetched from a real server.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private JsonDocument document = null!;

    private JsonElement Paths => document.RootElement.GetProperty("paths");

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSessionGen();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PollJson.Default));
        builder.Services.AddOpenApi();
        app = builder.Build();
        app.MapSessionProcess<Poll>("/polls");
        app.MapOpenApi();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = NotebookServer.Guard };
        document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }

    public async Task DisposeAsync()
    {
        document?.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public void A_nullable_value_type_parameter_is_an_optional_property()
    {
        JsonElement vote = Paths.GetProperty("/polls/{sessionId}/Vote").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        Assert.Equal(["choice", "weight"], vote.GetProperty("properties").EnumerateObject().Select(static p => p.Name));
        Assert.Equal(["choice"], vote.GetProperty("required").EnumerateArray().Select(static r => r.GetString()));
    }

    [Fact]
    public void With_several_starters_the_start_takes_one_of_their_messages_and_requires_the_starter_query()
    {
        JsonElement start = Paths.GetProperty("/polls").GetProperty("post");

        JsonElement[] messages = [.. start.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf").EnumerateArray()];
        Assert.Equal(["question", "round"], messages.Select(static m => Assert.Single(m.GetProperty("properties").EnumerateObject()).Name));
        JsonElement starter = Assert.Single(start.GetProperty("parameters").EnumerateArray(), static p => p.GetProperty("name").GetString() == "starter");
        Assert.True(starter.GetProperty("required").GetBoolean());
        Assert.Equal(["Open", "Reopen"], starter.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(static e => e.GetString()));
    }

    [Fact]
    public void Every_problem_answer_refers_to_one_problem_details_schema()
    {
        JsonElement[] references =
        [
            .. Paths.EnumerateObject()
                .SelectMany(static path => path.Value.EnumerateObject())
                .SelectMany(static method => method.Value.GetProperty("responses").EnumerateObject())
                .Where(static response => response.Value.TryGetProperty("content", out JsonElement content) && content.TryGetProperty("application/problem+json", out _))
                .Select(static response => response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema")),
        ];

        Assert.True(references.Length >= 3 * 4, $"{references.Length} problem answers");
        string id = Assert.Single(references.Select(static r => r.GetProperty("$ref").GetString()).Distinct())!;
        JsonElement problem = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(id["#/components/schemas/".Length..]);
        Assert.Equal(["type", "title", "status"], problem.GetProperty("required").EnumerateArray().Select(static r => r.GetString()));
        Assert.True(problem.GetProperty("properties").TryGetProperty("error", out _));
    }
}
